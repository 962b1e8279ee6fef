import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs } from '../../src/batch/collect.js';
import { lookFingerprint, nameKey, recordOutputs } from '../../src/batch/manifest.js';
import { resolveOptions } from '../../src/options/resolve.js';
import { photo, runInProcess, tempDir } from '../helpers.js';

/** `mix/` with a.jpg, b.png, c.jpg and sub/r.jpg, as in issue 18. */
async function mix(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, 'mix', 'sub'), { recursive: true });
  await copyFile(photo('astronaut.jpg'), join(root, 'mix', 'a.jpg'));
  await copyFile(photo('coffee.jpg'), join(root, 'mix', 'b.png')); // named .png: the plan looks at names only
  await copyFile(photo('chelsea.jpg'), join(root, 'mix', 'c.jpg'));
  await copyFile(photo('rocket.jpg'), join(root, 'mix', 'sub', 'r.jpg'));
  return root;
}

/** The inputs a dry run plans to render, and the ones it says will fail. */
async function planned(cwd: string, ...args: string[]) {
  const run = await runInProcess([...args, '-o', 'o', '--dry-run', '--json'], { cwd });
  expect(run.status).toBe(0);
  const plan = JSON.parse(run.stdout.toString()) as { files: { input: string }[]; missing: { path: string; reason: string }[] };
  return { inputs: plan.files.map((f) => f.input).sort(), missing: plan.missing };
}

describe('every argument leads to its files, whatever came before it', () => {
  it('keeps a folder given after a pattern that starts above it, in either order', async () => {
    const root = await mix();
    const all = ['mix/a.jpg', 'mix/c.jpg', 'mix/sub/r.jpg'];
    expect(await planned(root, 'mix/*.jpg', 'mix/sub')).toEqual({ inputs: all, missing: [] });
    expect(await planned(root, 'mix/sub', 'mix/*.jpg')).toEqual({ inputs: all, missing: [] });
  });

  it('matches a second pattern in the folder a first one walked', async () => {
    const root = await mix();
    expect(await planned(root, 'mix/*.png', 'mix/*.jpg')).toEqual({ inputs: ['mix/a.jpg', 'mix/b.png', 'mix/c.jpg'], missing: [] });
  });

  it('counts a pattern whose files a folder argument listed already as matching', async () => {
    const root = await mix();
    expect(await planned(root, 'mix', 'mix/*.jpg')).toEqual({ inputs: ['mix/a.jpg', 'mix/b.png', 'mix/c.jpg', 'mix/sub/r.jpg'], missing: [] });
  });

  it('lists a file named twice, or reached by two arguments, once', async () => {
    const root = await mix();
    expect(await planned(join(root, 'mix'), 'a.jpg', 'a.jpg', './a.jpg')).toEqual({ inputs: ['a.jpg'], missing: [] });
    expect(await planned(join(root, 'mix'), '.', 'sub', 'sub/r.jpg')).toEqual({ inputs: ['a.jpg', 'b.png', 'c.jpg', 'sub/r.jpg'], missing: [] });
    const run = await runInProcess(['a.jpg', './a.jpg', '-o', 'out', '--size', '64', '--banner', 'none', '--json'], { cwd: join(root, 'mix') });
    expect(JSON.parse(run.stdout.toString()).files.map((f: { output: string }) => f.output)).toEqual(['out/a.jpg']);
  });


  it('says once that a pattern below a missing folder matches nothing', async () => {
    const root = await mix();
    expect((await planned(root, 'mix', 'nomatch/*.jpg')).missing).toEqual([{ path: 'nomatch/*.jpg', reason: 'the pattern matches no file (there is no folder nomatch); check the pattern' }]);
    const run = await runInProcess(['nomatch/*.jpg'], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('redframe: nomatch/*.jpg: the pattern matches no file (there is no folder nomatch); check the pattern\n');
  });
});

describe("a walk leaves redframe's own outputs out", () => {
  it('by their name, by the record of a folder above them, and the output folder inside the input', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'avatars', 'sub'), { recursive: true });
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'ali.jpg'), 'photo');
    await writeFile(join(dir, 'ali.redframe.png'), 'avatar');
    await writeFile(join(dir, 'avatars', 'sub', 'sara.jpg'), 'avatar');
    await writeFile(join(dir, 'avatars', 'replaced.jpg'), 'a photo copied over an avatar since');
    const look = lookFingerprint(resolveOptions({}), 'jpeg');
    await recordOutputs(join(dir, 'avatars'), new Map([
      [nameKey(join('sub', 'sara.jpg')), { look, bytes: 'avatar'.length }],
      [nameKey('replaced.jpg'), { look, bytes: 3 }],
    ]));
    const { files, leftOut } = await collectInputs(['.'], { cwd: dir, exclude: ['out'] });
    expect(files.map((f) => f.relative)).toEqual(['ali.jpg', join('avatars', 'replaced.jpg')]);
    expect(leftOut).toEqual([
      { path: 'ali.redframe.png', reason: 'an avatar redframe made (named as redframe names avatars, NAME.redframe.EXT)' },
      { path: join('avatars', 'sub', 'sara.jpg'), reason: `an avatar redframe made (recorded in ${join('avatars', '.redframe.json')})` },
      { path: 'out/', reason: 'the output folder' },
    ]);
    // Named on the command line, an avatar is taken as asked.
    expect((await collectInputs(['ali.redframe.png'], { cwd: dir })).files).toHaveLength(1);
  });
});
