import type { ErrorCode, RedframeError } from '../core/errors.js';

/**
 * What to do about an error, in flags. The library's messages say what is wrong and name the API
 * parameter (`maxPixels`); the command adds the flag that changes it, once per error code, so
 * the same advice reads the same for one photo, a batch summary and `--json`.
 */
export const FLAG_ADVICE: Partial<Record<ErrorCode, string | ((message: string, running: Running) => string)>> = {
  INPUT_TOO_LARGE: 'raise --max-pixels if you trust the file (an animation also takes --first-frame or a smaller --size)',
  FILE_TOO_LARGE: 'raise --max-bytes if you trust the file',
  TIMEOUT: 'raise --timeout if you trust the file',
  OUTPUT_EXISTS: 'use --overwrite to replace it',
  // The contact sheet's own messages say "contact sheet": its name is given with --contact-sheet.
  // The -o of `cover`, `card` and `page` names a folder: the files in it have fixed names.
  OUTPUT_IS_INPUT: (message, running) => {
    if (message.includes('contact sheet')) return 'give --contact-sheet another name';
    return running.outputIsFolder ? 'choose another folder with -o' : 'choose another name with -o';
  },
  // The strip is the advice only where it is not already in use; a cover or card can be left out.
  TEXT_TOO_LONG: (message) => {
    const surface = /^the (?:message|hashtags) for (\w+)\.jpg/.exec(message)?.[1];
    if (surface) return `shorten it, or leave ${surface} out with --for`;
    return `shorten it, split it into more --text segments${message.includes('in the strip') ? '' : ', or use --banner strip'}`;
  },
  TEXT_TOO_SMALL: 'use a larger --size, or --banner none',
  MISSING_GLYPHS: 'give a font that covers them with --font',
  FONT_UNREADABLE: 'give a .ttf, .otf or .ttc file to --font',
};

/**
 * What to do where the advice's flags are not the running command's (`redframe page` takes no
 * --max-pixels): advice that needs no flag, or none.
 */
const WITHOUT_THOSE_FLAGS: Partial<Record<ErrorCode, string>> = {
  INPUT_TOO_LARGE: 'give a smaller photo',
  FILE_TOO_LARGE: 'give a smaller file',
};

/** What the running command takes: a flag (`--max-pixels`, `-o`), and whether its -o names a folder. */
export interface Running {
  takes(flag: string): boolean;
  outputIsFolder: boolean;
}

/** The photo command, which takes every flag and a file or folder for -o: when not told. */
const PHOTO_COMMAND: Running = { takes: () => true, outputIsFolder: false };

/**
 * The advice for an error code, fitted to the message where the advice depends on it, and to the
 * running command: advice naming a flag the command does not take gives way to advice without it.
 */
export function adviceFor(code: ErrorCode | undefined, message = '', running: Running = PHOTO_COMMAND): string | undefined {
  const entry = code === undefined ? undefined : FLAG_ADVICE[code];
  const advice = typeof entry === 'function' ? entry(message, running) : entry;
  if (advice === undefined) return undefined;
  const flags = advice.match(/(?<![\w-])--?[a-z][a-z-]*/g) ?? [];
  return flags.every((flag) => running.takes(flag)) ? advice : WITHOUT_THOSE_FLAGS[code!];
}

/** A message with the advice for its code: `already exists; use --overwrite to replace it`. */
export function withAdvice(message: string, code: ErrorCode | undefined, running?: Running): string {
  const advice = adviceFor(code, message, running);
  return advice ? `${message}; ${advice}` : message;
}

/** An error as the command prints it: its file, its message, the advice for its code. */
export function errorLine(error: Pick<RedframeError, 'file' | 'message' | 'code'>, running?: Running): string {
  return `${error.file ? `${error.file}: ` : ''}${withAdvice(error.message, error.code, running)}`;
}
