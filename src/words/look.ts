/**
 * What the word engine reads of a look: the frame, the banner and the words, already checked.
 * The command's resolved options (src/options/resolve.ts) are such a look; the browser gives the
 * same fields. The choices of `frame` and `banner` are what the engine can draw, so they are
 * written here and the option table takes them from here.
 */
import type { Rgba } from '../core/rgba.js';
import type { Shape } from '../core/shapes.js';

/** The frames the engine draws: a ring (survives the circular crop), a square border, or none. */
export const FRAMES = ['ring', 'border', 'none'] as const;
/** The banners: text bent along the ring, a straight strip across the lower chord, or none. */
export const BANNERS = ['arc', 'strip', 'none'] as const;

export type Frame = (typeof FRAMES)[number];
export type Banner = (typeof BANNERS)[number];

/** One paragraph of a cover's or a card's message, with the language it is shaped in. */
export interface MessageParagraph {
  text: string;
  language?: string;
}

/** The look's fields that the overlay and the covers' and cards' words depend on. */
export interface WordsLook {
  /** The avatar's width and height in pixels. */
  readonly size: number;
  readonly shape: Shape;
  readonly frame: Frame;
  /** Frame thickness as a fraction of the size. */
  readonly frameWidth: number;
  readonly frameColor: Rgba;
  readonly banner: Banner;
  /** The banner's segments, each checked by `checkSegment`. */
  readonly text: readonly string[];
  readonly textColor: Rgba;
  /** A BCP 47 tag passed to HarfBuzz for the banner (and for message paragraphs without their own). */
  readonly lang: string | undefined;
  /** The covers' and cards' paragraphs under the hashtags (empty for none). */
  readonly message: readonly MessageParagraph[];
}
