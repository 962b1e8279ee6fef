import { RedframeError } from '../errors.js';

/** Formats we decode. Anything else (SVG, PDF, text, unknown bytes) is refused before decoding. */
export type InputFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'tiff' | 'heif';

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'mif2']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/**
 * Recognises an image by its first bytes. libvips picks its decoder by content, so a `.jpg` that
 * is really SVG would reach the SVG renderer: checking an allowlist first is what keeps it out.
 *
 * @example sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0])) // 'jpeg'
 */
export function sniffFormat(head: Uint8Array): InputFormat | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...head.subarray(start, end));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (ascii(4, 8) === 'ftyp') {
    // ISO base media: the major brand and the compatible brands say what the file holds.
    const boxSize = Math.min(head.length, ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0);
    const brands = [ascii(8, 12)];
    for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(offset, offset + 4));
    if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
    if (brands.some((b) => HEIF_BRANDS.has(b))) return 'heif';
  }
  return undefined;
}

/** What the bytes look like, for the error message when they are not an image we take. */
export function describeContent(head: Uint8Array): string {
  if (head.length === 0) return 'the file is empty';
  const text = Buffer.from(head.subarray(0, 512)).toString('latin1').trimStart().toLowerCase();
  if (text.startsWith('%pdf')) return 'it is a PDF document';
  if (text.startsWith('<?xml') || text.includes('<svg')) return 'it is an SVG or XML document';
  if (text.startsWith('<')) return 'it is an HTML or XML document';
  if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text)) return 'it is a text file';
  return 'its content is not a known image format';
}

export function assertSupported(head: Uint8Array, file: string | undefined): InputFormat {
  const format = sniffFormat(head);
  if (!format) {
    throw new RedframeError(
      'UNSUPPORTED_INPUT',
      `not an image redframe reads (${describeContent(head)}); give a JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC photo`,
      file,
    );
  }
  return format;
}
