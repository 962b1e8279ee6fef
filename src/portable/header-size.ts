/**
 * The width and height a photo's header claims, read from its bytes without decoding, for the
 * campaign page: a browser gives an image's size only once it has loaded it, and a 60000x60000
 * PNG bomb or a 1x10000 strip failed there with no reason but "cannot open" (the HEIC sentence).
 * In Node, libvips reads the header (sharp's metadata).
 */
import type { InputFormat } from '../core/formats.js';

export interface HeaderSize {
  width: number;
  height: number;
}

/**
 * The size in the header of a PNG, JPEG or WebP (the frame's, not the EXIF orientation's: a turn
 * changes neither the pixels nor the shape's limits), or undefined when the header is not there or
 * the format is another (GIF, AVIF, TIFF, HEIC: the browser's own size is used for them).
 *
 * @example headerSize(pngBytes, 'png') // { width: 1, height: 10000 }
 */
export function headerSize(bytes: Uint8Array, format: InputFormat): HeaderSize | undefined {
  if (format === 'png') return pngSize(bytes);
  if (format === 'jpeg') return jpegSize(bytes);
  if (format === 'webp') return webpSize(bytes);
  return undefined;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, end));

/** The IHDR chunk, which the PNG standard puts first. */
function pngSize(b: Uint8Array): HeaderSize | undefined {
  if (b.length < 24 || ascii(b, 12, 16) !== 'IHDR') return undefined;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** The first frame header (SOFn), walking the segments before it. */
function jpegSize(b: Uint8Array): HeaderSize | undefined {
  let i = 2;
  while (i + 9 <= b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC), which are not frame headers.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: u16be(b, i + 7), height: u16be(b, i + 5) };
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // image data before any frame header
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    i += 2 + u16be(b, i + 2);
  }
  return undefined;
}

/** The canvas of an extended WebP (VP8X), or the frame of a simple lossy (VP8) or lossless (VP8L) one. */
function webpSize(b: Uint8Array): HeaderSize | undefined {
  if (b.length < 30) return undefined;
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8X') return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  // A key frame's start code, then 14-bit width and height (the top 2 bits are a scale).
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff };
  }
  return undefined;
}
