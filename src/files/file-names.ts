/**
 * File names as the file system has them (bytes) and as people read them (text). A name that is
 * not valid UTF-8 keeps its bytes for every file-system call and is shown with each bad byte as
 * `\xFF`; control characters and direction overrides are shown escaped, so a name can never move
 * the cursor, clear the screen or reorder a line on the terminal.
 */

const strict = new TextDecoder('utf-8', { fatal: true });

/** A name read as bytes: its text, and whether that text gives the same bytes back. */
export interface DecodedName {
  text: string;
  /** False when the bytes are not valid UTF-8: `text` then shows each bad byte as `\xHH`. */
  exact: boolean;
}

/**
 * Decodes a file name read as bytes.
 *
 * @example nameFromBytes(Buffer.from([0x62, 0x61, 0x64, 0xff])) // { text: 'bad\\xff', exact: false }
 */
export function nameFromBytes(bytes: Uint8Array): DecodedName {
  try {
    return { text: strict.decode(bytes), exact: true };
  } catch {
    let text = '';
    for (let i = 0; i < bytes.length; ) {
      const length = sequenceLength(bytes[i]!);
      const piece = length > 0 ? tryDecode(bytes.subarray(i, i + length)) : undefined;
      if (piece !== undefined && i + length <= bytes.length) {
        text += piece;
        i += length;
      } else {
        text += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
        i++;
      }
    }
    return { text, exact: false };
  }
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function tryDecode(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

// C0 and C1 controls, DEL, and the bidirectional overrides and isolates (U+202A-202E, U+2066-2069)
// that can make a line read differently from what it is.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text safe to print on a terminal: control characters, escape sequences and direction overrides
 * are shown as `\x1b`, `\n`, `\u202e`.
 *
 * @example printable('evil\x1b[2J.jpg') // 'evil\\x1b[2J.jpg'
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const code = char.charCodeAt(0);
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

// Made on first use: building one loads ICU data (about 9 ms), and most runs never shorten a name.
let segmenter: Intl.Segmenter | undefined;

/** The longest file name allowed by common file systems (ext4, XFS, btrfs, APFS), in bytes. */
export const NAME_MAX_BYTES = 255;

/**
 * Shortens `stem` so that `stem + suffix` fits in `maxBytes` of UTF-8, cutting between whole
 * characters (grapheme clusters: a letter keeps its marks, an emoji its parts). Returns the stem
 * unchanged when it fits.
 *
 * @example fitName('ح'.repeat(130), '.jpg') // 'ح'.repeat(125): 250 bytes + 4
 */
export function fitName(stem: string, suffix: string, maxBytes = NAME_MAX_BYTES): string {
  const room = maxBytes - Buffer.byteLength(suffix);
  if (Buffer.byteLength(stem) <= room) return stem;
  let kept = '';
  let bytes = 0;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of segmenter.segment(stem)) {
    const size = Buffer.byteLength(segment);
    if (bytes + size > room) break;
    kept += segment;
    bytes += size;
  }
  return kept;
}
