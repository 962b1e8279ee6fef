import { createHash } from 'node:crypto';
import { chmod, copyFile, lstat, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveOptions } from '../../src/options/resolve.js';
import { overlayThroughDisk } from '../../src/overlay/disk-cache.js';
import * as overlayModule from '../../src/overlay/overlay.js';
import { overlayCoverage } from '../../src/portable/composite.js';
import { BUNDLED_FONT } from '../../src/text/font.js';
import { tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

vi.mock('../../src/overlay/overlay.js', { spy: true });
const built = vi.mocked(overlayModule.renderOverlay);

const look = resolveOptions({ size: 240, text: ['#حلب_تحترق', '#AleppoIsBurning'] });
const files = async (folder: string) => (await readdir(folder)).sort();
const headerOf = (bytes: Buffer) => JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as Record<string, unknown> & { key: string };

/**
 * The hash a cache file's header holds, made as the cache makes it (over its format, key, lengths
 * and payload), for a test that must get past the hash to reach a later check.
 */
function hashAsTheCache(header: Record<string, unknown>, payload: Buffer): string {
  const { format, key, size, rgba, mask, opaque, partial, svg } = header;
  return createHash('sha256').update(JSON.stringify([format, key, size, rgba, mask, opaque, partial, svg])).update(payload).digest('hex');
}

/** A cache folder holding the look's overlay: its file, that file's bytes and the overlay kept. */
async function keptOverlay() {
  const folder = await tempDir('redframe-cache-');
  const good = await overlayThroughDisk(look, folder);
  await good.stored;
  const [name] = await files(folder);
  const file = join(folder, name!);
  return { folder, file, bytes: await readFile(file), good };
}

describe('overlayThroughDisk', () => {
  it('keeps an overlay and gives back the same pixels without building it again', async () => {
    const folder = await tempDir('redframe-cache-');
    built.mockClear();
    const first = await overlayThroughDisk(look, folder);
    expect(await first.stored).toBe(true);
    expect(await files(folder)).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.overlay$/)]);
    const second = await overlayThroughDisk(look, folder);
    expect(built).toHaveBeenCalledTimes(1);
    expect(Buffer.compare(second.overlay.rgba!, first.overlay.rgba!)).toBe(0);
    expect(second.overlay.svg).toBe(first.overlay.svg);
    expect(second.overlay.size).toBe(240);
  });

  it('keeps the coverage of the overlay (where it is opaque and partly transparent) beside its pixels', async () => {
    const folder = await tempDir('redframe-cache-');
    await (await overlayThroughDisk(look, folder)).stored;
    const { overlay } = await overlayThroughDisk(look, folder);
    const scanned = overlayCoverage({ ...overlay, rgba: Uint8Array.from(overlay.rgba!), coverage: undefined });
    expect(scanned.opaque.length).toBeGreaterThan(0);
    expect(scanned.partial.length).toBeGreaterThan(0);
    expect(overlay.coverage).toEqual(scanned);
  });

  it('builds again a file whose coverage is out of order, even with a matching hash', async () => {
    const { folder, file, bytes } = await keptOverlay();
    const end = bytes.indexOf(0x0a);
    const header = headerOf(bytes) as ReturnType<typeof headerOf> & { rgba: number; mask: number; sha256: string };
    const payload = Buffer.from(bytes.subarray(end + 1));
    expect(hashAsTheCache(header, payload)).toBe(header.sha256);
    // The first opaque run's start and end swapped: the lists would no longer be in order.
    const first = header.rgba + header.mask;
    const start = payload.subarray(first, first + 4);
    const stop = Buffer.from(payload.subarray(first + 4, first + 8));
    payload.copy(payload, first + 4, first, first + 4);
    stop.copy(start);
    header.sha256 = hashAsTheCache(header, payload);
    await writeFile(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]));
    built.mockClear();
    const again = await overlayThroughDisk(look, folder);
    expect(built).toHaveBeenCalledTimes(1);
    expect(again.overlay.coverage).toBeUndefined();
    expect(await again.stored).toBe(true);
    expect(Buffer.compare(await readFile(file), bytes)).toBe(0);
  });

  it('never lets one look\'s file stand for another\'s, even with the key in its header rewritten', async () => {
    const { bytes: other } = await keptOverlay();
    const folder = await tempDir('redframe-cache-');
    const bridge = resolveOptions({ size: 240, text: ['#Bridge'] });
    const good = await overlayThroughDisk(bridge, folder);
    await good.stored;
    const [name] = await files(folder);
    const file = join(folder, name!);
    const { key } = headerOf(await readFile(file));
    // The other look's file, whole and with its own good hash, under this look's name and key.
    const end = other.indexOf(0x0a);
    const header = { ...headerOf(other), key };
    await writeFile(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), other.subarray(end + 1)]));
    built.mockClear();
    const again = await overlayThroughDisk(bridge, folder);
    expect(built).toHaveBeenCalledTimes(1);
    expect(Buffer.compare(again.overlay.rgba!, good.overlay.rgba!)).toBe(0);
  });

  it('prunes only its own files: a foreign .overlay file and a link named .overlay are left alone', async (ctx) => {
    skipWhere(ctx, CANNOT.symlink);
    const { bytes } = await keptOverlay();
    const folder = await tempDir('redframe-cache-');
    const old = (file: string, day: number) => utimes(file, new Date(), new Date(Date.UTC(2020, 0, day)));
    // Sixteen of the cache's own files (the most it keeps), and an older redframe's file.
    for (let i = 0; i < 16; i++) {
      await writeFile(join(folder, `own-${i.toString().padStart(2, '0')}.overlay`), bytes);
      await old(join(folder, `own-${i.toString().padStart(2, '0')}.overlay`), 10 + i);
    }
    await writeFile(join(folder, 'older-version.overlay'), '{"format":"redframe-overlay-cache 2","key":"0"}\n');
    await old(join(folder, 'older-version.overlay'), 5);
    // Older still, so the first to go if they were taken for the cache's: a file the cache never
    // wrote, and a link to one of its files kept elsewhere.
    await writeFile(join(folder, 'x.overlay'), 'my notes, not a cache file');
    await old(join(folder, 'x.overlay'), 1);
    const elsewhere = join(await tempDir('redframe-elsewhere-'), 'kept.overlay');
    await writeFile(elsewhere, bytes);
    await old(elsewhere, 1);
    await symlink(elsewhere, join(folder, 'link.overlay'));
    await (await overlayThroughDisk(resolveOptions({ size: 64, banner: 'none' }), folder)).stored;
    const left = await files(folder);
    expect(left).toContain('x.overlay');
    expect((await lstat(join(folder, 'link.overlay'))).isSymbolicLink()).toBe(true);
    expect(Buffer.compare(await readFile(elsewhere), bytes)).toBe(0);
    // Of the cache's own, the newest 16 stay: the older version's file and the oldest copy go.
    expect(left).not.toContain('older-version.overlay');
    expect(left).not.toContain('own-00.overlay');
    expect(left.filter((n) => n.startsWith('own-'))).toHaveLength(15);
    expect(left).toHaveLength(15 + 1 + 2); // and the new one, the foreign file and the link
  });

  it('keeps the circle mask too', async () => {
    const folder = await tempDir('redframe-cache-');
    const circle = resolveOptions({ size: 200, shape: 'circle', banner: 'none' });
    const first = await overlayThroughDisk(circle, folder);
    await first.stored;
    const second = await overlayThroughDisk(circle, folder);
    expect(Buffer.compare(second.overlay.mask!, first.overlay.mask!)).toBe(0);
  });

  it('never trusts a damaged file: one changed byte, or a file cut short, is built again and written over', async () => {
    const { folder, file, bytes, good } = await keptOverlay();
    for (const damaged of [Buffer.concat([bytes.subarray(0, -5000), Buffer.from([bytes.at(-5000)! ^ 0xff]), bytes.subarray(-4999)]), bytes.subarray(0, bytes.length - 1000)]) {
      await writeFile(file, damaged);
      built.mockClear();
      const again = await overlayThroughDisk(look, folder);
      expect(built).toHaveBeenCalledTimes(1);
      expect(Buffer.compare(again.overlay.rgba!, good.overlay.rgba!)).toBe(0);
      expect(await again.stored).toBe(true);
      expect(Buffer.compare(await readFile(file), bytes)).toBe(0);
    }
  });

  it('keys each look and each version of a font apart', async () => {
    const folder = await tempDir('redframe-cache-');
    const font = join(await tempDir('redframe-font-'), 'Campaign.ttf');
    await copyFile(BUNDLED_FONT, font);
    const withFont = resolveOptions({ size: 240, text: ['#Freedom'], font });
    await (await overlayThroughDisk(withFont, folder)).stored;
    await (await overlayThroughDisk(resolveOptions({ size: 240, text: ['#Freedom'] }), folder)).stored;
    expect(await files(folder)).toHaveLength(2);
    // The same font file changed (here only its time): not the same overlay any more.
    await utimes(font, new Date(), new Date(Date.now() - 60_000));
    built.mockClear();
    await (await overlayThroughDisk(withFont, folder)).stored;
    expect(built).toHaveBeenCalledTimes(1);
    expect(await files(folder)).toHaveLength(3);
  });

  it('renders anyway when the folder cannot be written, and says it kept nothing', async () => {
    const blocker = join(await tempDir('redframe-cache-'), 'a-file');
    await writeFile(blocker, 'in the way');
    const { overlay, stored } = await overlayThroughDisk(look, join(blocker, 'redframe'));
    expect(overlay.rgba).toHaveLength(240 * 240 * 4);
    expect(await stored).toBe(false);
  });

  it('keeps nothing in a folder others can write to, and reads nothing from it', async (ctx) => {
    skipWhere(ctx, CANNOT.chmod);
    const { folder } = await keptOverlay();
    await chmod(folder, 0o777);
    built.mockClear();
    const { overlay, stored } = await overlayThroughDisk(look, folder);
    expect(built).toHaveBeenCalledTimes(1);
    expect(overlay.rgba).toHaveLength(240 * 240 * 4);
    expect(await stored).toBe(false);
  });

  it('leaves no temporary file behind', async () => {
    const folder = await tempDir('redframe-cache-');
    await (await overlayThroughDisk(look, folder)).stored;
    expect((await files(folder)).filter((n) => !n.endsWith('.overlay'))).toEqual([]);
  });
});
