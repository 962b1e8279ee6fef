import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { looksComplete, sniffFormat } from '../../src/web/sniff.js';
import { photo } from '../helpers.js';

const bytes = async (path: string) => new Uint8Array(await readFile(path));

describe('sniffFormat', () => {
  it('knows photos by their bytes, not their names', async () => {
    expect(sniffFormat(await bytes(photo('astronaut.jpg')))).toBe('jpeg');
    expect(sniffFormat(new Uint8Array(await sharp(photo('astronaut.jpg')).png().toBuffer()))).toBe('png');
    expect(sniffFormat(new Uint8Array(await sharp(photo('astronaut.jpg')).webp().toBuffer()))).toBe('webp');
    expect(sniffFormat(new TextEncoder().encode('hello, I am text in a .jpg'))).toBe('unknown');
  });

  it('tells HEIF (what iPhones write) apart from AVIF', () => {
    const box = (brand: string) => new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode(`ftyp${brand}`)]);
    expect(sniffFormat(box('heic'))).toBe('heif');
    expect(sniffFormat(box('mif1'))).toBe('heif');
    expect(sniffFormat(box('avif'))).toBe('avif');
  });
});

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
