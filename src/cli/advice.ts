import type { ErrorCode } from '../index.js';

/**
 * What to do about an error, in flags. The library's messages say what is wrong and name the API
 * parameter (`maxPixels`); the command adds the flag that changes it, once per error code, so
 * the same advice reads the same for one photo, a batch summary and `--json`.
 */
export const FLAG_ADVICE: Partial<Record<ErrorCode, string>> = {
  INPUT_TOO_LARGE: 'raise --max-pixels if you trust the file (an animation also takes --first-frame or a smaller --size)',
  FILE_TOO_LARGE: 'raise --max-bytes if you trust the file',
  TIMEOUT: 'raise --timeout if you trust the file',
  OUTPUT_EXISTS: 'use --overwrite to replace it',
  OUTPUT_IS_INPUT: 'choose another name with -o',
  TEXT_TOO_LONG: 'shorten it, split it into more --text segments, or use --banner strip',
  MISSING_GLYPHS: 'give a font that covers them with --font',
  FONT_UNREADABLE: 'give a .ttf or .otf file to --font',
};

/** A message with the advice for its code: `already exists; use --overwrite to replace it`. */
export function withAdvice(message: string, code: ErrorCode | undefined): string {
  const advice = code === undefined ? undefined : FLAG_ADVICE[code];
  return advice ? `${message}; ${advice}` : message;
}
