import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { looksComplete } from '../../src/web/truncation.js';
import { photo } from '../helpers.js';

const bytes = async (path: string) => new Uint8Array(await readFile(path));

describe('looksComplete', () => {
  it('accepts whole JPEG and PNG files', async () => {
    const jpeg = await bytes(photo('astronaut.jpg'));
    expect(looksComplete(jpeg, 'jpeg')).toBe(true);
    expect(looksComplete(new Uint8Array(await sharp(photo('astronaut.jpg')).png().toBuffer()), 'png')).toBe(true);
  });

  it('refuses a JPEG cut short, even one whose EXIF thumbnail is whole', async () => {
    const jpeg = await bytes(photo('astronaut.jpg'));
    expect(looksComplete(jpeg.subarray(0, jpeg.length - 2000), 'jpeg')).toBe(false);
    expect(looksComplete(jpeg.subarray(0, 400), 'jpeg')).toBe(false);
    // An EXIF thumbnail is a whole JPEG, end marker included, inside an APP1 segment before the
    // main image: its marker must not pass for the main image's.
    const thumbnail = [0xff, 0xd8, 0xff, 0xd9];
    const app1 = [0xff, 0xe1, 0, 2 + 6 + thumbnail.length, ...new TextEncoder().encode('Exif\0\0'), ...thumbnail];
    const withThumbnail = new Uint8Array([...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)]);
    expect(looksComplete(withThumbnail, 'jpeg')).toBe(true);
    expect(looksComplete(withThumbnail.subarray(0, withThumbnail.length - 100), 'jpeg')).toBe(false);
  });

  it('refuses a PNG without its end chunk', async () => {
    const png = new Uint8Array(await sharp(photo('astronaut.jpg')).png().toBuffer());
    expect(looksComplete(png.subarray(0, png.length / 2), 'png')).toBe(false);
  });
});
