import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { headerSize } from '../../src/portable/header-size.js';
import { sniffFormat } from '../../src/portable/format-sniff.js';
import { fixture, photo } from '../helpers.js';

describe('headerSize', () => {
  it('reads the size libvips reads, from the header of PNG, JPEG and WebP (simple, lossless and extended)', async () => {
    const made = {
      'lossless.webp': await sharp(photo('coffee.jpg')).resize(301, 17).webp({ lossless: true }).toBuffer(),
      'lossy.webp': await sharp(photo('coffee.jpg')).resize(301, 17).webp().toBuffer(),
      'progressive.jpg': await sharp(photo('coffee.jpg')).resize(333, 222).jpeg({ progressive: true }).toBuffer(),
    };
    const files: [string, Buffer][] = [
      ...await Promise.all(['patches.png', 'patches.jpg', 'patches.webp', 'animated.webp', 'orientation-6.jpg', 'panorama-3000x500.jpg', 'privacy.jpg'].map(async (name) => [name, await readFile(fixture('formats', name))] as [string, Buffer])),
      [fixture('hostile', 'thin-1x10000.png'), await readFile(fixture('hostile', 'thin-1x10000.png'))],
      ...Object.entries(made),
    ];
    for (const [name, bytes] of files) {
      const { width, height } = await sharp(bytes).metadata();
      expect(headerSize(bytes, sniffFormat(bytes)!), name).toEqual({ width, height: height });
    }
  });

  it('gives nothing for a header it does not read, or one cut short', async () => {
    const gif = await readFile(fixture('formats', 'patches.gif'));
    expect(headerSize(gif, 'gif')).toBeUndefined();
    expect(headerSize(gif.subarray(0, 10), 'png')).toBeUndefined();
    expect(headerSize(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2]), 'jpeg')).toBeUndefined();
  });
});
