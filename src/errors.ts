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
 */
export function isUsageError(error: unknown): boolean {
  return error instanceof RedframeError && USAGE_CODES.has(error.code);
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
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'undefined') return String(value);
  return `a ${typeof value}`;
}
