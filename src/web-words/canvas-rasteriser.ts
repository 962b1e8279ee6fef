/**
 * The browser's Rasteriser (src/words/rasteriser.ts): the engine's SVG drawn by the browser's own
 * SVG renderer on a canvas, where Node uses librsvg through sharp. test/web-words/ compares the two.
 */
import type { Rasteriser } from '../words/rasteriser.js';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** A 2D context on a canvas of its own: an OffscreenCanvas where there is one, so nothing joins the page. */
function context2D(width: number, height: number): Context2D {
  // willReadFrequently: every drawing here is read back once, so a CPU-backed canvas saves the copy back from the GPU.
  const options: CanvasRenderingContext2DSettings = { willReadFrequently: true };
  let context: Context2D | null;
  if (typeof OffscreenCanvas === 'function') {
    context = new OffscreenCanvas(width, height).getContext('2d', options);
  } else {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    context = canvas.getContext('2d', options);
  }
  if (!context) throw new Error(`Expected a 2D canvas of ${width} x ${height} pixels but the browser gave none`);
  return context;
}

/** Loads an SVG string as an image. A data: URL, because the page's policy allows img-src data: and nothing is stored. */
function loadSvg(svg: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('Expected an SVG the browser can draw but it refused the overlay'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}

/**
 * @example
 * const rgba = await canvasRasteriser.rasterise(svg, 800, 800); // 800 * 800 * 4 bytes, straight alpha
 * const mask = await canvasRasteriser.circleMask(800); // 800 * 800 bytes
 */
export const canvasRasteriser: Rasteriser = {
  async rasterise(svg, width, height) {
    const image = await loadSvg(svg);
    const context = context2D(width, height);
    // Drawn at the canvas's size, not the image's own: one SVG unit a pixel even where a browser
    // gives an SVG image no intrinsic size.
    context.drawImage(image, 0, 0, width, height);
    // getImageData is straight (not premultiplied) RGBA by definition, as the interface asks.
    const { data } = context.getImageData(0, 0, width, height);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  },

  async circleMask(size) {
    const context = context2D(size, size);
    context.fillStyle = '#fff';
    context.beginPath();
    context.arc(size / 2, size / 2, size / 2, 0, 2 * Math.PI);
    context.fill();
    const { data } = context.getImageData(0, 0, size, size);
    const mask = new Uint8Array(size * size);
    for (let i = 0; i < mask.length; i++) mask[i] = data[i * 4 + 3]!;
    return mask;
  },
};
