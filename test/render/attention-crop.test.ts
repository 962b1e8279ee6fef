import { readFile } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import * as attentionCrop from '../../src/render/attention-crop.js';
import { decodeSquare, type DecodeSettings } from '../../src/render/decode-square.js';
import { decodeHeic } from '../../src/render/heic.js';
import { fixture } from '../helpers.js';

const { attentionOffset, cbrtf, cropInPlace } = attentionCrop;
// Watched, not replaced: the tests see which photos take the in-process crop.
vi.mock('../../src/render/attention-crop.js', { spy: true });
const analysed = vi.mocked(attentionCrop.attentionOffset);

const LIMITS = { maxPixels: 100_000_000, timeoutSeconds: 30, animated: false };

/** What sharp's own attention crop gives, through the same decode steps as decodeSquare. */
async function libvipsAttention(image: Sharp, width: number, height: number): Promise<Buffer> {
  return image.resize(width, height, { fit: 'cover', position: 'attention' }).flatten({ background: '#ffffff' }).toColourspace('srgb').raw().toBuffer();
}

describe('the attention crop, found in this process', () => {
  // Photos of every shape and kind: landscape, portrait, square, EXIF-rotated, a wide-gamut
  // profile, a palette with transparency, and those libvips crops itself (grey, 16 bits, CMYK).
  const files = [
    ['photos', 'astronaut.jpg'], ['photos', 'chelsea.jpg'], ['photos', 'coffee.jpg'], ['photos', 'rocket.jpg'],
    ['samples', 'cups.jpg'], ['samples', 'forest.jpg'], ['samples', 'pier.jpg'],
    ['formats', 'orientation-6.jpg'], ['formats', 'display-p3.jpg'], ['formats', 'panorama-3000x500.jpg'],
    ['formats', 'palette-alpha.png'], ['formats', 'patches.webp'], ['formats', 'patches.tiff'], ['formats', 'patches.avif'],
    ['formats', 'grey.png'], ['formats', '16bit.png'], ['formats', 'cmyk.jpg'],
  ] as const;
  // A square avatar, a cover's wide rectangle and a tall one.
  const crops = [[400, 400], [600, 200], [150, 450]] as const;

  // The photos libvips sees as one band (grey), 16 bits or CMYK keep libvips' own crop.
  const ownCrop = new Set(['grey.png', '16bit.png', 'cmyk.jpg']);

  it.each(files)('cuts %s/%s exactly where sharp\'s attention crop does', async (folder, name) => {
    const bytes = await readFile(fixture(folder, name));
    analysed.mockClear();
    for (const [width, height] of crops) {
      const settings: DecodeSettings = { size: width, height, crop: 'attention', ...LIMITS };
      const { rgb } = await decodeSquare(bytes, name, settings);
      const expected = await libvipsAttention(sharp(bytes, { autoOrient: true }), width, height);
      expect(rgb.equals(expected), `${name} cut to ${width}x${height}`).toBe(true);
    }
    // Every photo's shape differs from at least one of the crops': the others are cut here.
    if (ownCrop.has(name)) expect(analysed).not.toHaveBeenCalled();
    else expect(analysed).toHaveBeenCalled();
  });

  it('cuts an HEIC photo (decoded by libheif) where sharp would', async () => {
    const bytes = await readFile(fixture('formats', 'cat.heic'));
    const settings: DecodeSettings = { size: 300, height: 100, crop: 'attention', ...LIMITS };
    const { rgb } = await decodeSquare(bytes, 'cat.heic', settings);
    const { data, width, height } = await decodeHeic(bytes, 'cat.heic', settings);
    expect(rgb.equals(await libvipsAttention(sharp(data, { raw: { width, height, channels: 4 } }), 300, 100))).toBe(true);
  });

  it('picks the offsets sharp reports, for spots of colour anywhere on a wall', async () => {
    // Flat walls with one disc: a skin tone, a saturated red, a dark blue; left, middle and right.
    for (const fill of ['rgb(224,172,140)', 'rgb(230,20,30)', 'rgb(20,30,90)']) {
      for (const centre of [150, 600, 1050]) {
        const wall = await sharp({ create: { width: 1200, height: 400, channels: 3, background: { r: 110, g: 120, b: 130 } } })
          .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="400"><circle cx="${centre}" cy="200" r="120" fill="${fill}"/></svg>`) }])
          .raw()
          .toBuffer();
        const { info } = await sharp(wall, { raw: { width: 1200, height: 400, channels: 3 } })
          .resize(400, 400, { fit: 'cover', position: 'attention' })
          .raw()
          .toBuffer({ resolveWithObject: true });
        // sharp reports the window's offset negated.
        expect(await attentionOffset(wall, 1200, 400, 400, 400), `${fill} at ${centre}`).toEqual({ left: 0 - info.cropOffsetLeft! || 0, top: 0 - info.cropOffsetTop! || 0 });
      }
    }
  });
});

describe('the attention crop of a photo far longer than the crop', () => {
  it('cuts a 20:1 photo under a YouTube banner at its own scale, not at 2560x51200: seconds of CPU fewer', async () => {
    // Before, libvips made the photo whole at the scale that covers the banner (131 megapixels,
    // 480 MB) and analysed it: about 15 s of CPU. CPU time, not wall time: a busy machine changes neither.
    const tall = await sharp(fixture('photos', 'coffee.jpg')).resize(400, 8000, { fit: 'fill' }).jpeg().toBuffer();
    const small = vi.mocked(attentionCrop.attentionOffsetOfSmall);
    small.mockClear();
    analysed.mockClear();
    const cpu = process.cpuUsage();
    const { rgb } = await decodeSquare(tall, 'tall.jpg', { size: 2560, height: 1440, crop: 'attention', ...LIMITS });
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1e6).toBeLessThan(3);
    expect(rgb.length).toBe(2560 * 1440 * 3);
    expect(small).toHaveBeenCalledWith(expect.any(Buffer), 2560, 51200, 2560, 1440);
    expect(analysed).not.toHaveBeenCalled();
    // (libvips' own crop of it is not made here to compare: that is the 15 s this test is about.
    // By hand, the window was 1600 px, one cell of the 32x32 analysis, from libvips' 18480.)
    const window = small.mock.results[0]!.value as { left: number; top: number };
    expect(window.left).toBe(0);
    expect(window.top).toBeGreaterThan(0);
    expect(window.top).toBeLessThan(51200 - 1440);
  });
});

describe('cbrtf', () => {
  it("is glibc 2.36's cube root, last bit included, not the correctly rounded one", () => {
    // Entries of libvips' cube-root table, as glibc 2.36 printed them (C's %a), where glibc and
    // a correctly rounded cube root disagree.
    const glibc: [number, number][] = [[1001, 0.21551527082920074], [1008, 0.2160164713859558], [1050, 0.2189759463071823], [1190, 0.2283051311969757]];
    for (const [i, expected] of glibc) {
      const y = Math.fround(i / 100000);
      expect(cbrtf(y)).toBe(expected);
      expect(Math.fround(Math.cbrt(y))).not.toBe(expected);
    }
  });
});

describe('cropInPlace', () => {
  it('moves the window to the start of the same buffer, row by row', () => {
    // 5x4 pixels numbered by position; cut 2x2 from (3, 1).
    const rgb = Uint8Array.from({ length: 5 * 4 * 3 }, (_, i) => Math.floor(i / 3));
    const cut = cropInPlace(rgb, 5, { left: 3, top: 1 }, 2, 2);
    expect(cut.buffer).toBe(rgb.buffer);
    expect([...cut].filter((_, i) => i % 3 === 0)).toEqual([8, 9, 13, 14]);
  });
});
