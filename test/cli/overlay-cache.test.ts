/**
 * The command keeps its overlays in the user's cache folder between runs (see
 * src/overlay/disk-cache.ts): where, how to turn it off, and that a run with a cached overlay
 * makes the same image as one that built it.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { overlayCacheFolderOf } from '../../src/cli/run.js';
import { photo, runCommand, runInProcess, tempDir } from '../helpers.js';

const listing = (folder: string) => readdir(folder).catch(() => [] as string[]);

describe('the overlay cache of the command', () => {
  it('lives in $XDG_CACHE_HOME/redframe, else ~/.cache/redframe, and REDFRAME_CACHE=off turns it off', () => {
    expect(overlayCacheFolderOf({ XDG_CACHE_HOME: '/var/cache/me', HOME: '/home/me' })).toBe(join('/var/cache/me', 'redframe'));
    expect(overlayCacheFolderOf({ HOME: '/home/me' })).toBe(join('/home/me', '.cache', 'redframe'));
    // A relative XDG_CACHE_HOME is invalid by the spec: ignored.
    expect(overlayCacheFolderOf({ XDG_CACHE_HOME: 'cache', HOME: '/home/me' })).toBe(join('/home/me', '.cache', 'redframe'));
    for (const off of ['off', 'OFF', '0', 'no', 'false']) expect(overlayCacheFolderOf({ REDFRAME_CACHE: off, HOME: '/home/me' })).toBeUndefined();
    expect(overlayCacheFolderOf({})).toBeUndefined();
  });

  it('writes the overlay there before the run ends', async () => {
    const cache = await tempDir('redframe-xdg-');
    const out = await tempDir('redframe-out-');
    const { status } = await runInProcess([photo('coffee.jpg'), '-o', join(out, 'a.jpg'), '--size', '170', '--text', '#InProcess'], { env: { XDG_CACHE_HOME: cache } });
    expect(status).toBe(0);
    expect(await listing(join(cache, 'redframe'))).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.overlay$/)]);
  });

  it('serves a later run from the file, which makes the same image', async () => {
    const cache = await tempDir('redframe-xdg-');
    const out = await tempDir('redframe-out-');
    const look = ['--size', '180', '--text', '#CacheTest', '--frame-color', '#123456'];
    const first = await runCommand([photo('coffee.jpg'), '-o', join(out, 'a.png'), ...look], { env: { XDG_CACHE_HOME: cache } });
    expect(first.status).toBe(0);
    const [name] = await listing(join(cache, 'redframe'));
    const kept = join(cache, 'redframe', name!);
    const written = (await stat(kept)).mtimeMs;
    const second = await runCommand([photo('coffee.jpg'), '-o', join(out, 'b.png'), ...look], { env: { XDG_CACHE_HOME: cache } });
    expect(second.status).toBe(0);
    expect(await listing(join(cache, 'redframe'))).toEqual([name]);
    expect((await stat(kept)).mtimeMs).toBe(written); // read, not built and written again
    expect(Buffer.compare(await readFile(join(out, 'a.png')), await readFile(join(out, 'b.png')))).toBe(0);
  });

  it('writes nothing with REDFRAME_CACHE=off', async () => {
    const cache = await tempDir('redframe-xdg-');
    const out = await tempDir('redframe-out-');
    const { status } = await runInProcess([photo('coffee.jpg'), '-o', join(out, 'a.jpg'), '--size', '190', '--text', '#NoCache'], { env: { XDG_CACHE_HOME: cache, REDFRAME_CACHE: 'off' } });
    expect(status).toBe(0);
    expect(await listing(cache)).toEqual([]);
  });
});
