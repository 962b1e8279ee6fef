/**
 * Errors are values with a stable code and a one-line message that names the file (when there is
 * one) and says what to do. The CLI prints `message` alone; stack traces only with `--debug`.
 */
export type ErrorCode =
  | 'INVALID_OPTION' // a flag, preset key or library option has a wrong value
  | 'INVALID_PRESET' // a preset file cannot be read or parsed
  | 'UNSUPPORTED_INPUT' // not an image we accept (SVG, PDF, text, unknown bytes)
  | 'CORRUPT_INPUT' // an accepted format that fails to decode
  | 'INPUT_TOO_LARGE' // over the pixel limit
  | 'UNUSABLE_SHAPE' // too thin or too small to make a useful picture (portable/photo-shape.ts)
  | 'FILE_TOO_LARGE' // a photo file or standard input over the byte limit
  | 'TIMEOUT' // over the per-image time limit
  | 'MISSING_GLYPHS' // the font lacks characters of the banner text
  | 'TEXT_TOO_LONG' // the banner text cannot fit at a legible size
  | 'TEXT_TOO_SMALL' // the avatar is too small for its banner text to be legible
  | 'FONT_UNREADABLE' // --font is missing or not a font
  | 'OUTPUT_EXISTS' // refusing to replace a file without --overwrite
  | 'OUTPUT_IS_INPUT' // the output path is the input file
  | 'OUTPUT_UNWRITABLE' // no space, read-only, permission denied
  | 'IO_ERROR';

/**
 * The one error every function of redframe throws for a bad input, option or file: a stable
 * `code`, a one-line `message` that says what to do, and the `file` it is about.
 *
 * @example
 * try { await renderAvatar('notes.txt'); }
 * catch (error) { if (error instanceof RedframeError) console.error(error.code, error.file, error.message); } // UNSUPPORTED_INPUT notes.txt ...
 */
export class RedframeError extends Error {
  override readonly name = 'RedframeError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const USAGE_CODES: ReadonlySet<ErrorCode> = new Set(['INVALID_OPTION', 'INVALID_PRESET', 'MISSING_GLYPHS', 'TEXT_TOO_LONG', 'TEXT_TOO_SMALL', 'FONT_UNREADABLE']);

/**
 * True for errors in what the caller asked for rather than in a photo (exit status 2 on the
 * command line): bad options or presets, and banner text the font cannot draw or fit.
 *
 * @example isUsageError(new RedframeError('INVALID_OPTION', 'Expected ...')) // true
 */
export function isUsageError(error: unknown): boolean {
  try {
    return error instanceof RedframeError && USAGE_CODES.has(error.code);
  } catch {
    return false; // a Proxy whose getPrototypeOf trap throws is no error of redframe's
  }
}

/**
 * The one message shape for a wrong value, as sharp's `is` module words it: "Expected X for NAME
 * but received Y". `received` is the value itself (quoted with `quote`), or `{ words }` where the
 * caller has already described it (a count, the characters refused). Without a name (the value
 * is the whole input: a preset file, the settings object) the message says only what was expected.
 *
 * @example expectedMessage('size', 'an integer from 64 to 4096', 20) // 'Expected an integer from 64 to 4096 for size but received 20'
 */
export function expectedMessage(name: string | undefined, expected: string, received: unknown): string {
  // A WeakMap look-up runs none of the caller's code: `in` on their Proxy would run its `has` trap.
  const words = typeof received === 'object' && received !== null ? RECEIVED_WORDS.get(received) : undefined;
  return `Expected ${expected}${name === undefined ? '' : ` for ${name}`} but received ${words ?? quote(received)}`;
}

const RECEIVED_WORDS = new WeakMap<object, string>();

/** What was received, already in words (not quoted): `received('3 faces')`. */
export function received(words: string): object {
  const marker = {};
  RECEIVED_WORDS.set(marker, words);
  return marker;
}

/**
 * A wrong value as an error (INVALID_OPTION unless said otherwise), with the message of
 * `expectedMessage` and, after it, what to do.
 *
 * @example throw invalid('color', 'a CSS colour', 42) // RedframeError INVALID_OPTION: Expected a CSS colour for color but received 42
 */
export function invalid(name: string | undefined, expected: string, value: unknown, more: { code?: ErrorCode; file?: string | undefined; hint?: string } = {}): RedframeError {
  const message = `${expectedMessage(name, expected, value)}${more.hint ? `; ${more.hint}` : ''}`;
  return new RedframeError(more.code ?? 'INVALID_OPTION', message, more.file);
}

/** How many characters of a user's value an error line quotes. */
export const QUOTE_CHARACTERS = 40;

/**
 * A value given by the user, as an error line shows it: a string in quotes with control
 * characters escaped, cut to a short excerpt (a 50 MB `color` in a preset must not become a 50 MB
 * line), other values by their kind. Every message that echoes a value goes through here.
 *
 * @example quote('soild') // '"soild"'
 * @example quote('#'.repeat(100_000)) // '"########################################…" (100000 characters)'
 * @example quote(null) // 'null'
 */
export function quote(value: unknown, max = QUOTE_CHARACTERS): string {
  if (typeof value === 'string') {
    const characters = [...value];
    if (characters.length <= max) return JSON.stringify(value);
    return `${JSON.stringify(characters.slice(0, max).join('') + '…')} (${characters.length} characters)`;
  }
  if (value === null) return 'null';
  if (typeof value === 'object') return isArray(value) ? 'an array' : 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'undefined') return String(value);
  return `a ${typeof value}`;
}

/** Array.isArray, which throws a TypeError for a revoked Proxy: that one is called an object. */
function isArray(value: object): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}
