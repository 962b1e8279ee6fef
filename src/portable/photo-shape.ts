/**
 * Which photos can make a useful square (or cover, or card): the one rule the command, the library
 * and the campaign page apply to a photo's size, judged from its header before any pixel is decoded.
 *
 * A strip 1 px wide scaled to cover an 800 px square is 800 x 8,000,000 pixels: libvips' attention
 * crop worked on all of them with no end and no time limit (8 GB after 90 s), and a 10000x1 strip
 * asked for 39 GB. The picture that would come out is one column of pixels stretched into bands.
 *
 * The numbers leave every real photo through: a phone's panorama is about 4:1 to 8:1 (a full turn
 * up to about 10:1), a camera's 3:2, a scanned strip of film 6:1 or 7:1; the smallest avatar kept
 * anywhere is 16 px (a favicon). Past them the result would be a smear, and the work to make it
 * grows with the ratio: at 20:1 a story card's cover-scale is 38400x1920, at 500:1 it is millions.
 */

/**
 * The most pixels a photo may have unless the caller raises it (`maxPixels`; the page has no way
 * to): libvips' own default, kept. It trusts the header's dimensions, so it is checked before
 * decoding, in Node and in the page alike.
 */
export const DEFAULT_MAX_PIXELS = 268_402_689;

/** The longest side may be at most this many times the shortest. */
export const MAX_PHOTO_ASPECT = 20;

/** The shortest side must be at least this many pixels. */
export const MIN_PHOTO_SIDE = 16;

/**
 * Why a photo of this size cannot make a useful picture (a sentence naming the limit and what to
 * do), or undefined when it can. Sizes are the upright ones, of one frame.
 *
 * @example photoShapeProblem(1, 10000) // 'the image is 1x10000 pixels, its short side is under 16 px (the smallest redframe takes); crop or enlarge it to at least 16 px on each side'
 * @example photoShapeProblem(4000, 3000) // undefined
 */
export function photoShapeProblem(width: number, height: number): string | undefined {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  if (short < MIN_PHOTO_SIDE) {
    return `the image is ${width}x${height} pixels, its short side is under ${MIN_PHOTO_SIDE} px (the smallest redframe takes); crop or enlarge it to at least ${MIN_PHOTO_SIDE} px on each side`;
  }
  if (long > MAX_PHOTO_ASPECT * short) {
    return `the image is ${width}x${height} pixels, more than ${MAX_PHOTO_ASPECT} times as ${width > height ? 'wide as it is high' : 'high as it is wide'} (the longest shape redframe takes); crop it to the part to show`;
  }
  return undefined;
}

/**
 * Whether a photo of this size is refused by `photoShapeProblem` (the page words the reason in the
 * reader's language; the command uses the sentence).
 */
export function isUsablePhotoShape(width: number, height: number): boolean {
  return photoShapeProblem(width, height) === undefined;
}
