/**
 * File names as the file system has them (bytes) and as people read them (text). A name that is
 * not valid UTF-8 keeps its bytes for every file-system call and is shown with each bad byte as
 * `\xFF`; control characters and direction overrides are shown escaped, so a name can never move
 * the cursor, clear the screen or reorder a line on the terminal.
 */

import { errnoCode, hostPlatform } from './errno.js';

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

// Windows refuses these in any file name, and so do FAT, exFAT and NTFS drives and Windows shares
// wherever they are mounted (a USB stick on Linux or a Mac). A colon would even name a hidden
// stream of another file on NTFS.
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
const WINDOWS_CONTROL = /[\u0000-\u001f]/;
// Device names, with or without an extension: "CON.jpg" opens the console on Windows 10.
const WINDOWS_RESERVED = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$/i;

/**
 * What Windows refuses in a file name (one name, not a path), as words that finish "Windows does
 * not allow ...", or undefined when Windows takes the name.
 *
 * @example windowsNameProblem('what?.jpg') // 'the characters <>:"|?* in a file name'
 * @example windowsNameProblem('con.jpg') // 'the name CON in a file name'
 * @example windowsNameProblem('ali.jpg') // undefined
 */
export function windowsNameProblem(name: string): string | undefined {
  if (WINDOWS_FORBIDDEN.test(name)) return 'the characters <>:"|?* in a file name';
  if (WINDOWS_CONTROL.test(name)) return 'control characters in a file name';
  const reserved = WINDOWS_RESERVED.exec(name);
  if (reserved) return `the name ${reserved[1]!.toUpperCase()} in a file name`;
  // Windows drops them silently, so the file would get another name than the one asked for.
  if (/[. ]$/.test(name)) return 'a file name that ends with a dot or a space';
  return undefined;
}

/** Why a name is refused, in the words of the platform: "Windows does not allow ...; choose another name". */
export function nameRefused(name: string): string {
  // Elsewhere such a name is refused only by a drive formatted for Windows (a USB stick, a share).
  const who = hostPlatform() === 'win32' ? 'Windows' : 'this drive (FAT, exFAT, NTFS or a Windows share)';
  return `${who} does not allow ${windowsNameProblem(name) ?? 'this name'}; choose another name`;
}

/**
 * When a failed call is a drive refusing one of `names` (Windows says ENOENT, where ENOENT is
 * otherwise a missing folder; a FAT or exFAT drive on Linux or a Mac says EINVAL), why, as
 * `nameRefused` says it; otherwise undefined.
 */
export function nameRefusedBy(error: unknown, names: readonly string[]): string | undefined {
  const code = errnoCode(error);
  if (code !== 'EINVAL' && !(code === 'ENOENT' && hostPlatform() === 'win32')) return undefined;
  const name = names.find((part) => windowsNameProblem(part));
  return name === undefined ? undefined : nameRefused(name);
}
