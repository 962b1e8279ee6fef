/**
 * What the page's browser tests compare a download with: the command's own avatar of the same
 * photo (`redframe PHOTO --crop centre`, run in-process), by mean CIE76 colour difference.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import sharp from 'sharp';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { makeCampaignPage } from '../../src/page/page.js';
import { meanDeltaE, photo } from '../helpers.js';

/** Smaller than the default 800 only to keep the tests quick: the same pixel code runs at any size. */
export const SIZE = 400;
/** A circle look downloads PNG: the comparison then sees only the two renderers, not two JPEG encoders. */
export const LOOK = ['--shape', 'circle', '--size', String(SIZE)];

/**
 * What every engine is tested on, written into `dir`: the campaign page of the circle look at
 * SIZE, titled in two languages, and a landscape photo stored on its side with the EXIF tag that
 * says to turn it back, as a phone writes it (shown upright it is coffee.jpg again).
 */
export async function writeTestPage(dir: string): Promise<{ pageFile: string; sideways: string }> {
  const pageFile = join(dir, 'index.html');
  const sideways = join(dir, 'sideways.jpg');
  const [page] = await Promise.all([
    makeCampaignPage({ shape: 'circle', size: SIZE, page: { title: { ar: 'حلب تحترق', en: 'Aleppo is burning' } } }),
    sharp(photo('coffee.jpg')).rotate(90).withMetadata({ orientation: 8 }).jpeg({ quality: 95 }).toFile(sideways),
  ]);
  await writeFile(pageFile, page.html);
  return { pageFile, sideways };
}

/** `redframe PHOTO --crop centre` with the page's look flags, in `dir`; returns the PNG. */
export async function cliAvatar(input: string, look: string[], dir: string): Promise<Buffer> {
  const output = join(dir, `cli-${Math.random().toString(36).slice(2)}.png`);
  const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  const stderr: string[] = [];
  const status = await runCli([input, '--crop', 'centre', ...look, '-o', output], {
    stdout: sink(),
    stderr: new Writable({ write: (chunk, _encoding, done) => (stderr.push(String(chunk)), done()) }),
    stdin: new PassThrough(),
    env: { NO_COLOR: '1', CI: '1' },
    cwd: dir,
  });
  expect(status, stderr.join('')).toBe(0);
  return readFile(output);
}

/** Mean CIE76 difference inside a box (fractions of `size`), at full resolution. */
export async function boxDeltaE(a: Buffer, b: Buffer, size: number, box: { left: number; top: number; width: number; height: number }): Promise<number> {
  const region = { left: Math.round(box.left * size), top: Math.round(box.top * size), width: Math.round(box.width * size), height: Math.round(box.height * size) };
  const cut = (image: Buffer) => sharp(image).extract(region).png().toBuffer();
  const [ca, cb] = await Promise.all([cut(a), cut(b)]);
  return meanDeltaE(ca, cb, Math.min(region.width, region.height));
}

/** The arc banner's band and its shaped text, along the bottom of the ring. */
export const BANNER_BOX = { left: 0.2, top: 0.86, width: 0.6, height: 0.12 };
