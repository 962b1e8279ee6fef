/**
 * Recognising a photo by its first bytes, pure (no Node, no sharp): the CLI's input check
 * (render/input.ts) and the campaign page's decoder (web/decode.ts) both use it, so the page
 * refuses what the CLI refuses.
 */
import type { InputFormat } from '../core/formats.js';

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
