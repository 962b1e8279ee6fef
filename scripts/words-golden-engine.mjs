// Where scripts/make-words-golden.mjs finds the word engine: the one file of the golden matrix
// that names the engine's modules, so that a move of the engine changes these imports and
// nothing of the matrix itself. The engine is src/words/ (its SVG without rasterising); the
// fonts are read by Node's host (src/text/font.ts).
import { loadFontStack } from '../dist/text/font.js';
import { overlaySvg, shapeBanner } from '../dist/words/overlay.js';
import { surfaceTextSvg } from '../dist/words/surface-text.js';
import { CARDS, COVERS } from '../dist/words/surfaces.js';

export { CARDS, COVERS };

/** The overlay's SVG for resolved options (the frame and the banner). */
export async function overlayGoldenSvg(options) {
  return overlaySvg(options, shapeBanner(options, await loadFontStack(options.font)));
}

/** The words of one cover or card as SVG. */
export async function surfaceGoldenSvg(surface, options, drawing) {
  return surfaceTextSvg(surface, options, await loadFontStack(options.font), drawing).svg;
}
