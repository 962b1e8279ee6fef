// Where scripts/make-words-golden.mjs finds the word engine: the one file of the golden matrix
// that names the engine's modules, so that a move of the engine changes these imports and
// nothing of the matrix itself.
import { renderOverlay } from '../dist/overlay/overlay.js';
import { surfaceTextSvg } from '../dist/overlay/surface-text.js';
import { CARDS, COVERS } from '../dist/overlay/surfaces.js';
import { loadFontStack } from '../dist/text/font.js';

export { CARDS, COVERS };

/** The overlay's SVG for resolved options (the frame and the banner). */
export async function overlayGoldenSvg(options) {
  return (await renderOverlay(options)).svg;
}

/** The words of one cover or card as SVG. */
export async function surfaceGoldenSvg(surface, options, drawing) {
  return surfaceTextSvg(surface, options, await loadFontStack(options.font), drawing).svg;
}
