/**
 * What the Node side (`makeCampaignPage`, src/page/) bakes into the campaign page and the browser
 * side (src/web/) reads back: one JSON object in `<script type="application/json" id="redframe-config">`.
 * Pure types and constants only: this file is imported by both sides, so it must import nothing
 * from Node or the DOM.
 */
import type { Rgba } from '../core/rgba.js';
import type { Shape } from '../core/shapes.js';
import type { LocalisedText } from './language.js';
import type { StringKey, Strings } from './strings/index.js';
import type { Mode } from './treatment.js';

export interface PageConfig {
  /** Output width and height in pixels, as the preset's `size`. */
  size: number;
  shape: Shape;
  /** What the download button writes: PNG for circles (and when the preset asks for png), else JPEG. */
  download: { format: 'jpeg' | 'png'; quality: number };
  /** The colour treatment, rebuilt in the page with `buildTreatment(mode, color, strength)`. */
  treatment: { mode: Mode; color: Rgba; strength: number };
  /**
   * The CLI's own overlay (frame and shaped, bent banner text) at `size`, as made by
   * `renderOverlay`: raw RGBA (not premultiplied), zlib-deflated, base64. Absent when the look
   * draws nothing. Raw bytes rather than a PNG so that no canvas premultiplies the edges.
   */
  overlay?: string;
  /** Coverage of the inscribed circle (one byte a pixel), deflated and base64, for circle looks. */
  mask?: string;
  /** The banner's text segments (the campaign's hashtags), the page's heading when the organiser gave no title; none without a banner. */
  hashtags: string[];
  /** The organiser's strings from the preset's `page` section; each may lack some languages. */
  organiser: {
    title?: LocalisedText;
    description?: LocalisedText;
    callToAction?: LocalisedText;
    credits?: LocalisedText;
  };
  /** Languages the interface offers, in order of preference; each has a table, built in or in `interface`. */
  languages: string[];
  /** The organiser's interface tables (the preset's `page.interface`), by language tag. */
  interface: Record<string, Strings>;
  /** The campaign's last day, `YYYY-MM-DD` (`page.until`): the page offers a reminder to change back. */
  until?: string;
  /**
   * The covers and cards the command wrote beside index.html, in the order written (a surface
   * left out is not here): the page shows each as a thumbnail linking to its file.
   */
  kit?: KitEntry[];
  /**
   * The story card with a circle left free for the avatar: the page puts the reader's avatar in
   * it ("Download a story"). Absent when the look's words leave no room for the circle.
   */
  story?: StoryGround;
}

/** The story's ground and words as the command made them, and where the avatar goes. */
export interface StoryGround {
  /** The PNG as a `data:` URL: an image from a file:// address would taint the page's canvas. */
  ground: string;
  width: number;
  height: number;
  /** The circle's bounding square, in the story's pixels. */
  slot: { left: number; top: number; size: number };
  /** The download's JPEG quality, 1 to 100, as the command's. */
  quality: number;
}

/** A cover or a card beside the page: `file` in the page's own folder, and a small inline preview of it. */
export interface KitEntry {
  /** The surface's name (`facebook`, `x`, ..., `story`), which picks its label (`KIT_LABELS`). */
  name: string;
  file: string;
  width: number;
  height: number;
  /** A small JPEG of it as a `data:` URL (the policy allows images from data: and blob: only). */
  thumbnail: string;
}

/** The interface string that names each cover and card. */
export const KIT_LABELS: Readonly<Record<string, StringKey>> = {
  facebook: 'kitFacebook',
  x: 'kitX',
  linkedin: 'kitLinkedin',
  youtube: 'kitYoutube',
  post: 'kitPost',
  portrait: 'kitPortrait',
  story: 'kitStory',
};

/** Element ids the browser side creates and the tests drive. */
export const PAGE_IDS = {
  config: 'redframe-config',
  fileInput: 'photo-input',
  stage: 'stage',
  preview: 'preview',
  zoom: 'zoom',
  rotate: 'rotate',
  download: 'download',
  share: 'share',
  remind: 'remind',
  language: 'language',
  message: 'message',
  kit: 'kit',
  downloadStory: 'download-story',
} as const;

/** Id of the element the shell leaves empty for the browser side to fill (`<div id="app">`: the script puts header, main and footer in it). */
export const PAGE_ROOT_ID = 'app';

/**
 * The browser side as `npm run build` writes it (scripts/build-web.mjs), relative to the package
 * root, shipped in the package: the shell inlines both, so the page needs no build and no network.
 * `script` is a minified IIFE that reads the config and builds the interface into `PAGE_ROOT_ID`;
 * it contains no `</script` and no `<!--`, so it can sit inside `<script>` as it is.
 */
export const PAGE_BUNDLE = {
  script: 'dist/web/page.js',
  style: 'dist/web/page.css',
} as const;
