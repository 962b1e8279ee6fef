import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveOptions } from '../../src/options/resolve.js';
import { overlayThroughDisk } from '../../src/overlay/disk-cache.js';
import * as overlayModule from '../../src/overlay/overlay.js';
import { overlayCoverage } from '../../src/portable/composite.js';
import { BUNDLED_FONT } from '../../src/text/font.js';
import { tempDir } from '../helpers.js';

vi.mock('../../src/overlay/overlay.js', { spy: true });
const built = vi.mocked(overlayModule.renderOverlay);

const look = resolveOptions({ size: 240, text: ['#حلب_تحترق', '#AleppoIsBurning'] });
const files = async (folder: string) => (await readdir(folder)).sort();

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
    const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as { rgba: number; mask: number; sha256: string };
    const payload = Buffer.from(bytes.subarray(end + 1));
    // The first opaque run's start and end swapped: the lists would no longer be in order.
    const first = header.rgba + header.mask;
    const start = payload.subarray(first, first + 4);
    const stop = Buffer.from(payload.subarray(first + 4, first + 8));
    payload.copy(payload, first + 4, first, first + 4);
    stop.copy(start);
    header.sha256 = createHash('sha256').update(payload).digest('hex');
    await writeFile(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]));
    built.mockClear();
    const again = await overlayThroughDisk(look, folder);
    expect(built).toHaveBeenCalledTimes(1);
    expect(again.overlay.coverage).toBeUndefined();
    expect(await again.stored).toBe(true);
    expect(Buffer.compare(await readFile(file), bytes)).toBe(0);
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

  it('leaves no temporary file behind', async () => {
    const folder = await tempDir('redframe-cache-');
    await (await overlayThroughDisk(look, folder)).stored;
    expect((await files(folder)).filter((n) => !n.endsWith('.overlay'))).toEqual([]);
  });
});
