/** The layers of src/ (scripts/check-layers.mjs, run by `npm run check`), on the code and on made-up graphs. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { fileEdges, loops, roomEdges, twins, upwardImports } from '../scripts/check-layers.mjs';
import { ROOT } from './helpers.js';

type Edge = { from: string; to: string; file: string; specifier: string };
const edge = (from: string, to: string): Edge => ({ from, to, file: `${from}/x.ts`, specifier: `../${to}/y.js` });

describe('the layers of src/', () => {
  it('have no loop, no upward import and no file beside a folder of its name', () => {
    const edges: Edge[] = roomEdges(join(ROOT, 'src'));
    expect(edges.length).toBeGreaterThan(50);
    expect(loops(edges)).toEqual([]);
    expect(upwardImports(edges)).toEqual([]);
    expect(twins(join(ROOT, 'src'))).toEqual([]);
  });

  it('have no loop between the files of the code that runs in two places', () => {
    const edges: { from: string; to: string }[] = fileEdges(join(ROOT, 'src'));
    expect(edges).toContainEqual({ from: 'words/shaping.ts', to: 'words/bidi-runs.ts' });
    expect(loops(edges)).toEqual([]);
  });

  it('finds a loop through several folders, an upward import and a browser import', () => {
    expect(loops([edge('render', 'files'), edge('files', 'options'), edge('options', 'render'), edge('cli', 'render')])).toEqual([['files', 'options', 'render']]);
    expect(upwardImports([edge('options', 'preset')]).join()).toMatch(/options may import only layers below it/);
    expect(upwardImports([edge('web', 'render')]).join()).toMatch(/the browser side may import only portable and core/);
    expect(upwardImports([edge('page', 'web')]).join()).toMatch(/nothing may import the browser side/);
    // The page stays light: the word engine is for its own browser host, not for the page.
    expect(upwardImports([edge('web', 'words')]).join()).toMatch(/the browser side may import only portable and core/);
    expect(upwardImports([edge('web-words', 'words'), edge('web-words', 'portable')])).toEqual([]);
    expect(upwardImports([edge('words', 'web-words')]).join()).toMatch(/nothing may import the browser side/);
    expect(upwardImports([edge('newroom', 'core')]).join()).toMatch(/not in the layer list/);
  });

  it('reads static, type-only and dynamic imports, and skips comments', async () => {
    const src = await mkdtemp(join(tmpdir(), 'layers-'));
    await mkdir(join(src, 'core'));
    await mkdir(join(src, 'render'));
    await writeFile(join(src, 'core', 'a.ts'), "import type { B } from '../render/b.js';\n// import '../render/c.js';\nexport const a = () => import('../render/d.js');\n");
    await writeFile(join(src, 'options.ts'), '');
    await mkdir(join(src, 'options'));
    const found = roomEdges(src).map((e: Edge) => e.specifier);
    expect(found).toEqual(['../render/b.js', '../render/d.js']);
    expect(twins(src)).toEqual(['options.ts']);
  });

  it('finds a loop between files of the two-place code, type-only imports included', async () => {
    const src = await mkdtemp(join(tmpdir(), 'layers-'));
    await mkdir(join(src, 'portable', 'strings'), { recursive: true });
    await writeFile(join(src, 'portable', 'language.ts'), "import type { T } from './page-config.js';\n");
    await writeFile(join(src, 'portable', 'page-config.ts'), "import type { S } from './strings/index.js';\n");
    await writeFile(join(src, 'portable', 'strings', 'index.ts'), "import { primaryTag } from '../language.js';\n");
    expect(loops(fileEdges(src))).toEqual([['portable/language.ts', 'portable/page-config.ts', 'portable/strings/index.ts']]);
  });
});
