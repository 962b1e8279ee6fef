import { describe, expect, it } from 'vitest';
import { DecodeError, decodePhoto, MAX_PHOTO_BYTES } from '../../src/web/decode-photo.js';
import { STRINGS } from '../../src/portable/strings/index.js';

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
