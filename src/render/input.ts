import type { Readable } from 'node:stream';
import { RedframeError } from '../errors.js';
import { readableFormatsText, type InputFormat } from '../formats.js';
import { readBounded, readStreamBounded } from '../files/read-bounded.js';

export type { InputFormat };

/** How many leading bytes `sniffFormat` needs at most. */
export const SNIFF_BYTES = 64;

// HEIF brands that mean HEVC-coded stills or sequences (iPhone photos are `heic` + `mif1`).
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
// Brands shared by every HEIF file, whatever the codec: they decide nothing on their own.
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'miaf']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const WEBP_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X']);

/**
 * Recognises an image by its first bytes. libvips picks its decoder by content, so a `.jpg` that
 * is really SVG would reach the SVG renderer: checking an allowlist first is what keeps it out.
 * The name of the file plays no part.
 *
 * @example sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0])) // 'jpeg'
 */
export function sniffFormat(head: Uint8Array): InputFormat | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...head.subarray(start, end));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP' && WEBP_CHUNKS.has(ascii(12, 16))) return 'webp';
  // Classic TIFF (42) and BigTIFF (43), both byte orders.
  if (['II*\0', 'MM\0*', 'II+\0', 'MM\0+'].includes(ascii(0, 4))) return 'tiff';
  if (ascii(4, 8) === 'ftyp') return sniffIsoBrands(head);
  return undefined;
}

/** ISO base media files (HEIF, AVIF, but also MP4 and QuickTime): the brands say what they hold. */
function sniffIsoBrands(head: Uint8Array): InputFormat | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...head.subarray(start, end));
  const boxSize = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  if (boxSize < 16 || boxSize % 4 !== 0) return undefined;
  const major = ascii(8, 12);
  const compatible: string[] = [];
  for (let offset = 16; offset + 4 <= Math.min(boxSize, head.length); offset += 4) compatible.push(ascii(offset, offset + 4));
  if (AVIF_BRANDS.has(major)) return 'avif';
  if (HEIC_BRANDS.has(major)) return 'heif';
  // A generic major brand (mif1, msf1): the compatible brands name the codec. An MP4 video
  // (isom, mp42, qt) never gets here, however it is named.
  if (GENERIC_HEIF_BRANDS.has(major) || compatible.some((b) => GENERIC_HEIF_BRANDS.has(b))) {
    if (compatible.some((b) => AVIF_BRANDS.has(b))) return 'avif';
    if (compatible.some((b) => HEIC_BRANDS.has(b)) || GENERIC_HEIF_BRANDS.has(major)) return 'heif';
  }
  return undefined;
}

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
export function readPhoto(path: string | Buffer, shownAs: string, maxBytes: number): Promise<Buffer> {
  return readBounded(path, {
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
