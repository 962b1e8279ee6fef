import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DecodeError, decodePhoto, MAX_PHOTO_BYTES } from '../../src/web/decode-photo.js';
import { STRINGS } from '../../src/portable/strings/index.js';
import { DEFAULT_MAX_PIXELS, MAX_PHOTO_ASPECT, MIN_PHOTO_SIDE } from '../../src/portable/photo-shape.js';
import { fixture } from '../helpers.js';

/** A file as the page gets it, that fails the test if it is read whole. */
function fileThatMustNotBeReadWhole(size: number, head: Uint8Array): Blob {
  return {
    size,
    type: '',
    slice: (start = 0, end = size) => new Blob([head.slice(start, Math.min(end, head.length))]),
    arrayBuffer: () => Promise.reject(new Error(`the whole file (${size} bytes) was read`)),
  } as unknown as Blob;
}

describe('decodePhoto: size and first bytes before the file is read', () => {
  it('refuses a file over the limit without reading any of it', async () => {
    const problem = await decodePhoto(fileThatMustNotBeReadWhole(1.9e9, new Uint8Array(0))).catch((error: unknown) => error);
    expect(problem).toBeInstanceOf(DecodeError);
    expect((problem as DecodeError).problem).toBe('tooLarge');
  });

  it('refuses a large file of zeros by its first bytes, not by reading it whole', async () => {
    const problem = await decodePhoto(fileThatMustNotBeReadWhole(MAX_PHOTO_BYTES, new Uint8Array(4096))).catch((error: unknown) => error);
    expect((problem as DecodeError).problem).toBe('notAPhoto');
  });

  it('says the limit in every language, as the code has it', () => {
    for (const strings of Object.values(STRINGS)) expect(strings.tooLarge).toContain(`${MAX_PHOTO_BYTES / 1024 / 1024}`);
  });
});

describe('decodePhoto: the size in the header, before the browser decodes anything', () => {
  const file = async (path: string) => new Blob([await readFile(path)]);

  it('refuses a 1x10000 strip as too thin (the browser scaled its width to 0 and the page gave the HEIC sentence)', async () => {
    for (const name of ['thin-1x10000.png', 'thin-10000x1.png', 'thin-4x2000.png']) {
      const problem = await decodePhoto(await file(fixture('hostile', name))).catch((error: unknown) => error);
      expect(problem, name).toBeInstanceOf(DecodeError);
      expect((problem as DecodeError).problem, name).toBe('tooThin');
    }
  });

  it('refuses the 60000x60000 PNG bomb for its pixels, not as a photo the browser cannot open', async () => {
    const problem = await decodePhoto(await file(fixture('hostile', 'bomb-60000x60000.png'))).catch((error: unknown) => error);
    expect(problem).toBeInstanceOf(DecodeError);
    expect(problem).toMatchObject({ problem: 'tooManyPixels', message: '60000x60000' });
  });

  it('says the limits in every language, as the code has them', () => {
    for (const [language, strings] of Object.entries(STRINGS)) {
      for (const number of [MIN_PHOTO_SIDE, MAX_PHOTO_ASPECT]) expect(strings.tooThin, language).toContain(String(number));
      expect(strings.tooManyPixels, language).toContain(String(Math.floor(DEFAULT_MAX_PIXELS / 1e6)));
    }
  });
});
