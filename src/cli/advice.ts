import type { ErrorCode, RedframeError } from '../core/errors.js';

/**
 * What to do about an error, in flags. The library's messages say what is wrong and name the API
 * parameter (`maxPixels`); the command adds the flag that changes it, once per error code, so
 * the same advice reads the same for one photo, a batch summary and `--json`.
 */
export const FLAG_ADVICE: Partial<Record<ErrorCode, string | ((message: string) => string)>> = {
  INPUT_TOO_LARGE: 'raise --max-pixels if you trust the file (an animation also takes --first-frame or a smaller --size)',
  FILE_TOO_LARGE: 'raise --max-bytes if you trust the file',
  TIMEOUT: 'raise --timeout if you trust the file',
  OUTPUT_EXISTS: 'use --overwrite to replace it',
  // The contact sheet's own messages say "contact sheet": its name is given with --contact-sheet.
  OUTPUT_IS_INPUT: (message) => (message.includes('contact sheet') ? 'give --contact-sheet another name' : 'choose another name with -o'),
  // The strip is the advice only where it is not already in use.
  TEXT_TOO_LONG: (message) => `shorten it, split it into more --text segments${message.includes('in the strip') ? '' : ', or use --banner strip'}`,
  TEXT_TOO_SMALL: 'use a larger --size, or --banner none',
  MISSING_GLYPHS: 'give a font that covers them with --font',
  FONT_UNREADABLE: 'give a .ttf, .otf or .ttc file to --font',
};

/** The advice for an error code, fitted to the message where the advice depends on it. */
export function adviceFor(code: ErrorCode | undefined, message = ''): string | undefined {
  const entry = code === undefined ? undefined : FLAG_ADVICE[code];
  return typeof entry === 'function' ? entry(message) : entry;
}

/** A message with the advice for its code: `already exists; use --overwrite to replace it`. */
export function withAdvice(message: string, code: ErrorCode | undefined): string {
  const advice = adviceFor(code, message);
  return advice ? `${message}; ${advice}` : message;
}

/** An error as the command prints it: its file, its message, the advice for its code. */
export function errorLine(error: Pick<RedframeError, 'file' | 'message' | 'code'>): string {
  return `${error.file ? `${error.file}: ` : ''}${withAdvice(error.message, error.code)}`;
}
