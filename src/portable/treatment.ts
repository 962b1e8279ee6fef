import type { Rgba } from '../core/rgba.js';

/**
 * Colour treatments as pure functions on 8-bit sRGB pixels. `tint` and `duotone` depend only on a
 * pixel's luminance, so they are tables of 256 colours built once; `wash` and `multiply` are a
 * multiply-add per channel. All run in one pass with the overlay (see composite.ts).
 */
/** The colour treatments, in the order `--help` lists them. */
export const MODES = ['tint', 'wash', 'multiply', 'duotone', 'solid'] as const;
export type Mode = (typeof MODES)[number];

export interface Treatment {
  mode: Mode;
  strength: number;
  colour: Rgba;
  /** For luminance-driven modes: RGB triplets indexed by round(luminance). */
  table: Uint8Array | undefined;
}

/** Opacity of the colour layer in `wash` at strength 1, like the 2015 French-flag filter. */
export const WASH_OPACITY = 0.5;

/** Luminance as the W3C compositing spec defines it for blend modes: the one formula redframe uses. */
export const luminance = (r: number, g: number, b: number) => 0.3 * r + 0.59 * g + 0.11 * b;

export function buildTreatment(mode: Mode, colour: Rgba, strength: number): Treatment {
  let table: Uint8Array | undefined;
  if (mode === 'tint') table = lumTable((l) => colourBlend(colour, l));
  if (mode === 'duotone') table = lumTable((l) => duotoneRamp(colour, l));
  return { mode, strength, colour, table };
}

function lumTable(colourAt: (lum: number) => [number, number, number]): Uint8Array {
  const table = new Uint8Array(256 * 3);
  for (let l = 0; l < 256; l++) table.set(colourAt(l).map((c) => Math.round(Math.min(255, Math.max(0, c)))), l * 3);
  return table;
}

/**
 * The W3C `color` blend mode: the hue and saturation of the colour with the luminance of the
 * photo, so light and shade are kept and the colour replaced (SetLum and ClipColor).
 */
export function colourBlend({ r, g, b }: Rgba, lum: number): [number, number, number] {
  const d = lum - luminance(r, g, b);
  let c: [number, number, number] = [r + d, g + d, b + d];
  const l = luminance(...c);
  const n = Math.min(...c);
  const x = Math.max(...c);
  if (n < 0) c = c.map((v) => l + ((v - l) * l) / (l - n)) as typeof c;
  if (x > 255) c = c.map((v) => l + ((v - l) * (255 - l)) / (x - l)) as typeof c;
  return c;
}

/** A ramp from a dark shade (luminance 0) through the colour (mid-grey) to a light tint (white). */
export function duotoneRamp({ r, g, b }: Rgba, lum: number): [number, number, number] {
  const dark = [r * 0.12, g * 0.12, b * 0.12];
  const mid = [r, g, b];
  const light = [r + (255 - r) * 0.85, g + (255 - g) * 0.85, b + (255 - b) * 0.85];
  const t = lum / 255;
  const [from, to, f] = t < 0.5 ? [dark, mid, t * 2] : [mid, light, (t - 0.5) * 2];
  return from.map((v, i) => v + (to[i]! - v) * f) as [number, number, number];
}
