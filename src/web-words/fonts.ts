/**
 * The two bundled fonts, inlined in the browser bundle as their files' bytes, unmodified (no
 * subsetting: an organiser's words may use any letter the command can draw). The same files as
 * assets/fonts/ in the package, so the page shapes with what the command shapes with.
 */
import latin from '../../assets/fonts/IBMPlexSans-Bold.ttf';
import arabic from '../../assets/fonts/Vazirmatn-Bold.ttf';

/** @example new harfbuzz.Face(new harfbuzz.Blob(BUNDLED_FONT_BYTES.arabic.bytes), 0) */
export const BUNDLED_FONT_BYTES = {
  latin: { file: 'IBMPlexSans-Bold.ttf', bytes: latin },
  arabic: { file: 'Vazirmatn-Bold.ttf', bytes: arabic },
} as const;
