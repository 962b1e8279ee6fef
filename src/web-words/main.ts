/**
 * The word engine's browser host (bundled by scripts/build-words.mjs into dist/web/words.js, an ES
 * module: harfbuzzjs starts with a top-level await). The same engine as the command's (src/words/),
 * given what only a browser has: HarfBuzz started from inlined bytes, the bundled fonts inlined
 * unmodified, and a canvas that turns the engine's SVG into pixels. What the studio builds on.
 *
 * @example
 * const fonts = fontStack();
 * const look = { size: 800, shape: 'square', frame: 'ring', frameWidth: 0.04, frameColor: red, banner: 'arc',
 *   text: ['#حلب_تحترق', '#AleppoIsBurning'], textColor: white, lang: undefined, message: [] };
 * overlaySvgOf(look, fonts); // the same SVG as the command's overlay for that look
 * const { rgba } = await drawOverlayOf(look, fonts); // 800 x 800 RGBA, drawn by the canvas
 */
import { openFont, type FontStack, type LoadedFont } from '../words/font.js';
import type { WordsLook } from '../words/look.js';
import { drawOverlay, overlaySvg, shapeBanner, type DrawnOverlay } from '../words/overlay.js';
import { surfaceTextSvg, type SurfaceText } from '../words/surface-text.js';
import { CARDS, COVERS, type Surface } from '../words/surfaces.js';
import { canvasRasteriser } from './canvas-rasteriser.js';
import { BUNDLED_FONT_BYTES } from './fonts.js';
import { harfbuzz } from './harfbuzz.js';

export { BUNDLED_FONT_BYTES, canvasRasteriser, CARDS, COVERS, harfbuzz };
export type { DrawnOverlay, FontStack, LoadedFont, Surface, SurfaceText, WordsLook };

let bundled: { latin: LoadedFont; arabic: LoadedFont } | undefined;
const SURFACES: readonly Surface[] = [...COVERS, ...CARDS];

/**
 * Opens a font the organiser picked (its bytes, as a file input reads them), for `fontStack`. A
 * file that is not a usable font is refused as the command refuses it (FONT_UNREADABLE).
 *
 * @example const hebrew = loadFontBytes(new Uint8Array(await file.arrayBuffer()), file.name);
 */
export function loadFontBytes(bytes: Uint8Array, file: string, faceIndex?: number): LoadedFont {
  return openFont(bytes, file, harfbuzz, faceIndex);
}

/**
 * The fonts text is drawn with: the organiser's, in order, then the bundled pair (opened once), as
 * the command's `loadFontStack` does with files.
 *
 * @example fontStack([hebrew]).user[0].file // 'NotoSansHebrew-Bold.ttf'
 */
export function fontStack(user: readonly LoadedFont[] = []): FontStack {
  bundled ??= {
    latin: loadFontBytes(BUNDLED_FONT_BYTES.latin.bytes, BUNDLED_FONT_BYTES.latin.file),
    arabic: loadFontBytes(BUNDLED_FONT_BYTES.arabic.bytes, BUNDLED_FONT_BYTES.arabic.file),
  };
  return { user, ...bundled };
}

/**
 * The avatar's overlay (frame and banner) for a look, as SVG: byte for byte what the command's
 * overlay is drawn from. Text too long, too small or not drawable is refused with the command's
 * error (a RedframeError with its code and message).
 */
export function overlaySvgOf(look: WordsLook, fonts: FontStack): string {
  return overlaySvg(look, shapeBanner(look, fonts));
}

/** The overlay's pixels, drawn by the canvas from the same SVG, and a circle's mask. */
export function drawOverlayOf(look: WordsLook, fonts: FontStack): Promise<DrawnOverlay> {
  return drawOverlay(look, shapeBanner(look, fonts), canvasRasteriser);
}

/**
 * The words of a cover or a card by its name (`facebook`, `x`, `linkedin`, `youtube`, `post`,
 * `portrait`, `story`) as SVG, laid out as the command lays them out: with `band` a band of the
 * frame colour behind them, with `photo` placed for a photo ground, with `slot` a circle kept free
 * for an avatar (the story's).
 */
export function surfaceTextOf(
  name: string, look: WordsLook, fonts: FontStack, drawing: { band: boolean; photo: boolean; slot?: boolean },
): SurfaceText {
  const surface = SURFACES.find((s) => s.name === name);
  if (!surface) throw new Error(`Expected a cover or card name (${SURFACES.map((s) => s.name).join(', ')}) but received ${JSON.stringify(name)}`);
  return surfaceTextSvg(surface, look, fonts, drawing);
}
