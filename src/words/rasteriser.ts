/**
 * How the word engine's SVG becomes pixels: injected by the host, because each place has its own
 * renderer. Node passes librsvg through sharp (src/overlay/overlay.ts), the browser a canvas
 * (src/web-words/canvas-rasteriser.ts). The engine hands over only its own SVG: paths, circles,
 * rectangles and one clip path, in pixels, one SVG unit a pixel. `Bytes` is the kind of bytes the
 * host's renderer gives back (sharp's Buffers in Node), kept as they come: no copy, no conversion.
 */
export interface Rasteriser<Bytes extends Uint8Array = Uint8Array> {
  /**
   * The SVG drawn at `width` x `height` pixels: RGBA, 4 bytes a pixel, row after row, not
   * premultiplied (straight alpha), transparent where the SVG draws nothing.
   */
  rasterise(svg: string, width: number, height: number): Promise<Bytes>;
  /**
   * Coverage of the circle inscribed in a `size` x `size` square, one byte a pixel (0 outside,
   * 255 inside, anti-aliased at the edge): what a circle-shaped avatar keeps.
   */
  circleMask(size: number): Promise<Bytes>;
}
