/**
 * The overlay in Node: the word engine's frame and banner (src/words/overlay.ts), with the fonts
 * read from files and the SVG rasterised by librsvg through sharp. Built once per set of options
 * and reused for every image (the disk cache keeps it between runs: disk-cache.ts).
 */
import sharp from 'sharp';
import type { ResolvedOptions } from '../options/resolve.js';
import type { OverlayCoverage } from '../portable/composite.js';
import { loadFontStack } from '../text/font.js';
import { drawOverlay, shapeBanner } from '../words/overlay.js';
import type { Rasteriser } from '../words/rasteriser.js';

/** The frame and banner as pixels, built once per set of options and reused for every image. */
export interface Overlay {
  size: number;
  /** RGBA, not premultiplied, size x size; undefined when there is nothing to draw. */
  rgba: Buffer | undefined;
  /** Coverage of the inscribed circle (0-255) when the output is a circle; else undefined. */
  mask: Buffer | undefined;
  /** The SVG the raster came from, for inspection and tests. */
  svg: string;
  /** Where `rgba` is opaque and partly transparent, when known already (read from the disk cache). */
  coverage?: OverlayCoverage | undefined;
}

/** The fields of the options the overlay depends on: its cache key. */
export function overlayKey(options: ResolvedOptions): string {
  const { size, frame, frameWidth, frameColor, banner, text, textColor, font, lang, shape } = options;
  return JSON.stringify({ size, frame, frameWidth, frameColor, banner, text, textColor, font, lang, shape });
}

/** librsvg through sharp, one SVG unit a pixel (72 dpi). */
const librsvg: Rasteriser<Buffer> = {
  rasterise: (svg) => sharp(Buffer.from(svg), { density: 72 }).ensureAlpha().raw().toBuffer(),
  circleMask(size) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="${size / 2}" cy="${size / 2}" r="${size / 2}" fill="#fff"/></svg>`;
    return sharp(Buffer.from(svg)).extractChannel(3).raw().toBuffer();
  },
};

/**
 * Builds the frame and banner for one size. The fonts are read only when there is a banner.
 *
 * @example const overlay = await renderOverlay(resolveOptions({ size: 400 }));
 */
export async function renderOverlay(options: ResolvedOptions): Promise<Overlay> {
  // Without a banner nothing is shaped: no font is read and HarfBuzz is not loaded.
  const lines = options.banner === 'none' ? [] : shapeBanner(options, await loadFontStack(options.font));
  return drawOverlay(options, lines, librsvg);
}
