import type { Readable } from 'node:stream';
import { RedframeError } from '../core/errors.js';
import { readableFormatsText, type InputFormat } from '../core/formats.js';
import { readBounded, readStreamBounded } from '../files/read-bounded.js';
import { sniffFormat } from '../portable/format-sniff.js';

export type { InputFormat };


/** What the bytes look like, for the error message when they are not an image we take. */
export function describeContent(head: Uint8Array): string {
  if (head.length === 0) return 'the file is empty';
  const text = Buffer.from(head.subarray(0, 512)).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  if (text.startsWith('%pdf')) return 'it is a PDF document';
  if (text.startsWith('%!ps')) return 'it is a PostScript document';
  if (text.startsWith('<?xml') || text.includes('<svg')) return 'it is an SVG or XML document';
  if (text.startsWith('<')) return 'it is an HTML or XML document';
  if (text.startsWith('pk\x03\x04')) return 'it is a ZIP archive (or a document packed as one)';
  if (head[0] === 0x42 && head[1] === 0x4d && [12, 40, 52, 56, 108, 124].includes(head[14]!)) return 'it is a BMP image; convert it to PNG or JPEG';
  if (head.length >= 12 && Buffer.from(head.subarray(4, 8)).toString('latin1') === 'ftyp') return 'it is a video or another ISO media file, not a photo';
  if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text)) return 'it is a text file';
  return 'its content is not a known image format';
}

/**
 * Throws UNSUPPORTED_INPUT unless the first bytes are those of a format we accept.
 *
 * @example assertSupported(bytes.subarray(0, SNIFF_BYTES), 'photo.jpg') // 'jpeg'
 */
export function assertSupported(head: Uint8Array, file: string | undefined): InputFormat {
  const format = sniffFormat(head);
  if (!format) {
    throw new RedframeError(
      'UNSUPPORTED_INPUT',
      `not an image redframe reads (${describeContent(head)}); give a ${readableFormatsText()} photo`,
      file,
    );
  }
  return format;
}

/** How many first bytes are checked before the rest is read: enough to recognise a format
 * (`SNIFF_BYTES`) and to say what a refused file looks like (`describeContent`). */
export const HEAD_BYTES = 512;


/**
 * Reads a photo whole into memory, within `maxBytes`, refusing anything that is not a regular
 * file before opening it and anything that is not an image we take at its first bytes (a 2 GB
 * video named `.jpg` costs one 512-byte read). The decoder then works on these bytes alone:
 * a file cut short or replaced while the batch runs fails alone instead of killing the process
 * (libvips maps files into memory, and a mapped file cut short raises SIGBUS).
 *
 * @example const bytes = await readPhoto('me.jpg', 'me.jpg', 256 * 1024 * 1024);
 */
export function readPhoto(path: string | Buffer, shownAs: string, maxBytes: number, allocate?: (bytes: number) => Buffer): Promise<Buffer> {
  return readBounded(path, {
    ...(allocate ? { allocate } : {}),
    ...photoLimits(shownAs, maxBytes),
    wording: { EISDIR: 'is a folder; give a photo file' },
    notRegular: (what) => `is ${what}, not a regular file; give a photo file`,
  }, shownAs);
}

/**
 * Reads a photo from a stream (standard input) within `maxBytes`, refusing it at its first bytes
 * when they are not those of an image we take.
 */
export function readPhotoStream(stream: Readable, shownAs: string, maxBytes: number): Promise<Buffer> {
  return readStreamBounded(stream, photoLimits(shownAs, maxBytes), shownAs);
}

/** What a photo's read is held to, from a file or a stream alike: the byte limit and its first bytes. */
function photoLimits(shownAs: string, maxBytes: number) {
  return {
    maxBytes,
    code: 'IO_ERROR',
    tooLargeCode: 'FILE_TOO_LARGE',
    limitName: 'maxBytes',
    headBytes: HEAD_BYTES,
    checkHead: (head: Uint8Array) => assertSupported(head, shownAs),
  } as const;
}
