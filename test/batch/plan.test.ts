import { describe, expect, it } from 'vitest';
import { isGlob, nameKind, type FoundFile } from '../../src/batch/collect.js';
import { planOutputs } from '../../src/batch/plan.js';

const found = (path: string, relative = path.split('/').slice(1).join('/')): FoundFile => ({ path, relative, kind: nameKind(path) });

describe('planOutputs', () => {
  it('mirrors the tree below the input root, with the output format extension', () => {
    const plan = planOutputs([found('photos/a.png'), found('photos/team/b.jpeg')], 'out', 'jpeg');
    expect(plan.map((p) => p.output)).toEqual(['out/a.jpg', 'out/team/b.jpg']);
    expect(plan.every((p) => p.renamed === undefined)).toBe(true);
  });

  it('gives clashing outputs distinct names by one deterministic rule, and says so', () => {
    const files = [
      found('p/one.png'), found('p/one.jpg'), // same stem, different format
      found('p/ali.jpeg'), found('p/Ali.jpg'), // differ only by case
      found('p/caf\u00e9.jpg'), found('p/cafe\u0301.png'), // composed and decomposed é
      found('p/x-2.jpg'), found('p/x.jpg'), found('p/x.png'), // the suffix skips a taken name
    ];
    const plan = planOutputs(files, 'out', 'jpeg');
    const outputs = Object.fromEntries(plan.map((p) => [p.input, p.output]));
    expect(outputs).toEqual({
      'p/one.jpg': 'out/one.jpg',
      'p/one.png': 'out/one-2.jpg',
      'p/Ali.jpg': 'out/Ali.jpg',
      'p/ali.jpeg': 'out/ali-2.jpg',
      'p/cafe\u0301.png': 'out/cafe\u0301.jpg', // U+0065 sorts before U+00E9: it comes first
      'p/caf\u00e9.jpg': 'out/caf\u00e9-2.jpg',
      'p/x-2.jpg': 'out/x-2.jpg',
      'p/x.jpg': 'out/x.jpg',
      'p/x.png': 'out/x-3.jpg',
    });
    expect(plan.find((p) => p.input === 'p/one.png')!.renamed).toBe('one.jpg is also the output name of another photo, so this one is one-2.jpg');
    // The same files in another order give the same plan.
    const again = planOutputs([...files].reverse(), 'out', 'jpeg');
    expect(Object.fromEntries(again.map((p) => [p.input, p.output]))).toEqual(outputs);
  });

  it('does not let documents claim output names', () => {
    const plan = planOutputs([found('p/notes.jpg'), found('p/notes.txt')], 'out', 'jpeg');
    expect(plan.map((p) => p.output)).toEqual(['out/notes.jpg', 'out/notes.jpg']);
    expect(plan[1]!.kind).toBe('other-name');
  });
});

describe('collecting inputs', () => {
  it('classifies names without opening files', () => {
    expect(nameKind('IMG_0001.HEIC')).toBe('image-name');
    expect(nameKind('report.pdf')).toBe('other-name');
    expect(nameKind('.DS_Store')).toBe('other-name');
    expect(nameKind('photo-from-chat')).toBe('unknown-name');
  });

  it('tells a quoted pattern from a plain name', () => {
    expect(isGlob('photos/**/*.jpg')).toBe(true);
    expect(isGlob('team/{a,b}.png')).toBe(true);
    expect(isGlob('photos/ali.jpg')).toBe(false);
  });
});

describe('planOutputs: one namespace, names that fit', () => {
  it('renames a file whose output is also a folder of the output, whichever comes first', () => {
    const plan = planOutputs([found('p/a.png'), found('p/a.jpg/inside.png'), found('p/b.JPG/x.png'), found('p/B.gif')], 'out', 'jpeg');
    expect(plan.map((p) => p.output)).toEqual(['out/a-2.jpg', 'out/a.jpg/inside.jpg', 'out/b.JPG/x.jpg', 'out/B-2.jpg']);
    expect(plan[0]!.renamed).toBe('a.jpg is also the name of a folder in the output, so this one is a-2.jpg');
  });

  it('shortens a name that the new extension pushes past 255 bytes, and says so', () => {
    const stem = `${'ع'.repeat(125)}x`; // 251 bytes: a legal name with .gif (255), not with .webp (256)
    const plan = planOutputs([found(`p/${stem}.gif`)], 'out', 'webp');
    expect(plan[0]!.output).toBe(`out/${'ع'.repeat(125)}.webp`);
    expect(plan[0]!.renamed).toBe(`${stem}.webp is longer than 255 bytes, so this one is ${'ع'.repeat(125)}.webp (shortened to 255 bytes, whole characters kept)`);
  });
});
