import type { InputFormat } from '../core/formats.js';

/**
 * Whether a photo's bytes are whole, before any decoder sees them: pure, tested in Node. (What
 * format they are is `sniffFormat` in render/sniff.ts, shared with the CLI.)
 *
 * Browsers decode a cut-off JPEG or PNG without complaint (the missing part comes out grey), so
 * the page checks the structure itself, as the CLI does with `failOn: 'warning'`: a damaged photo
 * gets a message, not a half-grey avatar.
 */
/**
 * Whether the file looks complete: a JPEG has an end-of-image marker after its image data (not
 * only the EXIF thumbnail's), a PNG has its IEND chunk. Other formats are left to the decoder.
 */
export function looksComplete(bytes: Uint8Array, format: InputFormat): boolean {
  if (format === 'png') return lastIndexOf(bytes, [0x49, 0x45, 0x4e, 0x44]) > 8; // "IEND"
  if (format !== 'jpeg') return true;
  const scan = firstScan(bytes);
  return scan > 0 && lastIndexOf(bytes, [0xff, 0xd9]) > scan;
}

/** Where the main image's first scan (SOS marker) starts, walking the segments; -1 if none. */
function firstScan(bytes: Uint8Array): number {
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return -1;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xda) return i;
    // Markers without a length: RSTn, TEM.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    i += 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
  }
  return -1;
}

function lastIndexOf(bytes: Uint8Array, needle: number[]): number {
  outer: for (let i = bytes.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
