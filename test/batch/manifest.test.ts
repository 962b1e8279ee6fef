import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookFingerprint, MANIFEST_NAME, nameKey, readManifest, recordOutputs } from '../../src/batch/manifest.js';
import { resolveOptions } from '../../src/options/resolve.js';
import { photo, runCommand, tempDir } from '../helpers.js';

const look = lookFingerprint(resolveOptions({}), 'jpeg');

describe('the record of the outputs in a folder (.redframe.json)', () => {
  it('keeps every output of runs that write into one folder at the same time', async () => {
    const dir = await tempDir();
    const names = Array.from({ length: 20 }, (_, i) => `team/${i}.jpg`);
    const written = await Promise.all(names.map((name, i) => recordOutputs(dir, new Map([[nameKey(name), { look, bytes: i }]]))));
    expect(written.every(Boolean)).toBe(true);
    const record = await readManifest(dir);
    expect(record?.size).toBe(names.length);
    expect(record?.get(nameKey('team/7.jpg'))).toEqual({ look, bytes: 7 });
  });

  it('holds hashes and sizes only: no name of a file, a folder or a person', async () => {
    const dir = await tempDir();
    await recordOutputs(dir, new Map([[nameKey('Ali Hassan/حلب.jpg'), { look, bytes: 1234 }]]));
    const text = await readFile(join(dir, MANIFEST_NAME), 'utf8');
    expect(text).not.toMatch(/Ali|Hassan|حلب|jpg|\//);
    expect(text).toMatch(/"bytes":1234/);
  });

  it('never replaces a file of that name that is not its own, and reads none', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, MANIFEST_NAME), '{"my": "settings"}');
    expect(await readManifest(dir)).toBeUndefined();
    expect(await recordOutputs(dir, new Map([[nameKey('a.jpg'), { look, bytes: 1 }]]))).toBe(false);
    expect(await readFile(join(dir, MANIFEST_NAME), 'utf8')).toBe('{"my": "settings"}');
  });

  it('tells looks apart by what an avatar shows, not by the covers\' message', () => {
    expect(lookFingerprint(resolveOptions({ mode: 'duotone' }), 'jpeg')).not.toBe(look);
    expect(lookFingerprint(resolveOptions({}), 'png')).not.toBe(look);
    expect(lookFingerprint(resolveOptions({ message: 'Stop the bombing' }), 'jpeg')).toBe(look);
  });
});

describe('two commands writing into one output folder at once', () => {
  it('leave a whole record that redframe reads, and no temporary file', async () => {
    const dir = await tempDir();
    for (const team of ['north', 'south']) {
      await mkdir(join(dir, team));
      for (const name of ['a', 'b', 'c']) await copyFile(photo('chelsea.jpg'), join(dir, team, `${team}-${name}.jpg`));
    }
    const runs = await Promise.all(['north', 'south'].map((team) => runCommand([team, '-o', 'out', '--size', '64', '--banner', 'none'], { cwd: dir })));
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    const record = await readManifest(join(dir, 'out'));
    expect(record?.size).toBeGreaterThan(0); // whole and ours: either run's records, usually both
    expect((await readdir(join(dir, 'out'))).filter((f) => f.startsWith('.redframe-tmp-'))).toEqual([]);
  });
});
