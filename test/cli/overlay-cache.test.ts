/**
 * The command keeps its overlays in the user's cache folder between runs (see
 * src/overlay/disk-cache.ts): where, how to turn it off, and that a run with a cached overlay
 * makes the same image as one that built it; what it does not trust (an edited file) and where it
 * does not go (a folder reached through a link).
 */
import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { photo, runCommand, runInProcess, tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

const listing = (folder: string) => readdir(folder).catch(() => [] as string[]);

/** The command's process made to look like it runs on `platform` (see as-platform.mjs). */
const asPlatform = (platform: NodeJS.Platform) => ({
  AS_PLATFORM: platform,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${fileURLToPath(new URL('as-platform.mjs', import.meta.url))}`.trim(),
});

/**
 * A cache file changed by hand: `edit` changes its payload, then every hash in its header is
 * computed again over the new payload, as anyone who edits the file can (SHA-256 needs no secret).
 */
function editedWithHashRecomputed(bytes: Buffer, edit: (payload: Buffer, header: Record<string, unknown>) => void): Buffer {
  const end = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Record<string, unknown>;
  const payload = Buffer.from(bytes.subarray(end + 1));
  edit(payload, header);
  const hash = createHash('sha256').update(payload).digest('hex');
  for (const [field, value] of Object.entries(header)) {
    if (field !== 'key' && typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)) header[field] = hash;
  }
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]);
}

describe('the overlay cache of the command', () => {
  it('writes the overlay to $XDG_CACHE_HOME/redframe before the run ends', async () => {
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

  it('never uses a cached file edited with the hash of its bytes made again: the next run draws the look afresh', async () => {
    const cache = await tempDir('redframe-xdg-');
    const out = await tempDir('redframe-out-');
    const look = ['--size', '160', '--text', '#Edited', '--frame-color', '#aa2222'];
    expect((await runCommand([photo('coffee.jpg'), '-o', join(out, 'a.png'), ...look], { env: { XDG_CACHE_HOME: cache } })).status).toBe(0);
    const [name] = await listing(join(cache, 'redframe'));
    const kept = join(cache, 'redframe', name!);
    const good = await readFile(kept);
    // The frame and banner painted green where they are drawn (their shape, so their coverage, kept).
    await writeFile(kept, editedWithHashRecomputed(good, (payload, header) => {
      for (let i = 0; i < (header.rgba as number); i += 4) if (payload[i + 3]! > 0) payload.set([0, 255, 0], i);
    }));
    expect((await runCommand([photo('coffee.jpg'), '-o', join(out, 'b.png'), ...look], { env: { XDG_CACHE_HOME: cache } })).status).toBe(0);
    expect(Buffer.compare(await readFile(join(out, 'a.png')), await readFile(join(out, 'b.png')))).toBe(0);
    expect(Buffer.compare(await readFile(kept), good)).toBe(0); // built again and written over
  });

  it('neither uses nor prunes a cache folder that is a link: the files where it points are left as they are', async (ctx) => {
    skipWhere(ctx, CANNOT.symlink);
    // A folder full of the cache's own files (16, the most it keeps), reached through a link.
    const first = await tempDir('redframe-xdg-');
    const out = await tempDir('redframe-out-');
    expect((await runInProcess([photo('coffee.jpg'), '-o', join(out, 'a.jpg'), '--size', '150', '--text', '#Linked'], { env: { XDG_CACHE_HOME: first } })).status).toBe(0);
    const [name] = await listing(join(first, 'redframe'));
    const target = await tempDir('redframe-elsewhere-');
    for (let i = 0; i < 16; i++) {
      const copy = join(target, `${i.toString().padStart(32, '0')}.overlay`);
      await copyFile(join(first, 'redframe', name!), copy);
      await utimes(copy, new Date(), new Date(Date.UTC(2020, 0, 1 + i)));
    }
    const before = await Promise.all((await listing(target)).map(async (n) => [n, (await stat(join(target, n))).mtimeMs]));
    const cache = await tempDir('redframe-xdg-');
    await symlink(target, join(cache, 'redframe'));
    const { status } = await runInProcess([photo('coffee.jpg'), '-o', join(out, 'b.jpg'), '--size', '150', '--text', '#Another'], { env: { XDG_CACHE_HOME: cache } });
    expect(status).toBe(0);
    const after = await Promise.all((await listing(target)).map(async (n) => [n, (await stat(join(target, n))).mtimeMs]));
    expect(after).toEqual(before);
  });

  it('on macOS lives in ~/Library/Caches/redframe', async () => {
    const home = await tempDir('redframe-home-');
    const out = await tempDir('redframe-out-');
    const { status, stderr } = await runCommand([photo('coffee.jpg'), '-o', join(out, 'a.jpg'), '--size', '140', '--text', '#OnAMac'], {
      env: { ...asPlatform('darwin'), HOME: home, XDG_CACHE_HOME: undefined },
    });
    expect(status, stderr).toBe(0);
    expect(await listing(join(home, 'Library', 'Caches', 'redframe'))).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.overlay$/)]);
    expect(await listing(home)).toEqual(['Library']);
  });

  it('on Windows never lives under HOME, which Git Bash sets, but in %LOCALAPPDATA% (none here, so no cache at all)', async () => {
    const home = await tempDir('redframe-home-');
    const out = await tempDir('redframe-out-');
    const { status, stderr } = await runCommand([photo('coffee.jpg'), '-o', join(out, 'a.jpg'), '--size', '140', '--text', '#GitBash'], {
      env: { ...asPlatform('win32'), HOME: home, XDG_CACHE_HOME: undefined, LOCALAPPDATA: undefined },
    });
    expect(status, stderr).toBe(0);
    expect(await listing(home)).toEqual([]);
    expect(await listing(out)).toEqual(['a.jpg']);
  });
});
