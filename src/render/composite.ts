import type { Overlay } from '../overlay/overlay.js';
import type { Treatment } from './treatment.js';

/**
 * One pass over the pixels: colour treatment, mixed with the original by `strength`, then the
 * overlay on top, then the circle mask. Doing it in one loop over the small resized image costs
 * a few milliseconds and avoids extra libvips passes (each an extra full copy of the image).
 *
 * @param rgb the square photo, 3 channels, size x size (ignored for `solid`)
 * @returns RGB, or RGBA when the overlay has a mask
 */
export function compositePixels(rgb: Buffer | undefined, treatment: Treatment, overlay: Overlay): Buffer {
  const { size, rgba: over, mask } = overlay;
  const pixels = size * size;
  const channels = mask ? 4 : 3;
  const out = Buffer.allocUnsafe(pixels * channels);
  const { table, strength, mode } = treatment;
  const { r: cr, g: cg, b: cb } = treatment.colour;
  const keep = 1 - strength;
  const washOpacity = 0.5 * strength;
  const solid = mode === 'solid' || !rgb;

  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += 3, o += channels) {
    let r: number, g: number, b: number;
    if (solid) {
      r = cr; g = cg; b = cb;
    } else {
      const r0 = rgb[i]!, g0 = rgb[i + 1]!, b0 = rgb[i + 2]!;
      if (table) {
        const t = Math.round(0.3 * r0 + 0.59 * g0 + 0.11 * b0) * 3;
        r = table[t]! * strength + r0 * keep;
        g = table[t + 1]! * strength + g0 * keep;
        b = table[t + 2]! * strength + b0 * keep;
      } else if (mode === 'wash') {
        r = r0 + (cr - r0) * washOpacity;
        g = g0 + (cg - g0) * washOpacity;
        b = b0 + (cb - b0) * washOpacity;
      } else {
        // multiply
        r = ((r0 * cr) / 255) * strength + r0 * keep;
        g = ((g0 * cg) / 255) * strength + g0 * keep;
        b = ((b0 * cb) / 255) * strength + b0 * keep;
      }
    }
    if (over) {
      const q = p * 4;
      const a = over[q + 3]! / 255;
      if (a > 0) {
        r += (over[q]! - r) * a;
        g += (over[q + 1]! - g) * a;
        b += (over[q + 2]! - b) * a;
      }
    }
    out[o] = r + 0.5;
    out[o + 1] = g + 0.5;
    out[o + 2] = b + 0.5;
    if (mask) out[o + 3] = mask[p]!;
  }
  return out;
}
