/**
 * Colours as everything below the option checks holds them, apart from parsing them (colour.ts,
 * which needs the CSS colour package): the word engine's browser bundle takes this file alone.
 */

/** An sRGB colour with 8-bit channels and alpha from 0 to 1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  alpha: number;
}

/** `#rrggbb` (alpha dropped) for SVG attributes. */
export function toHex({ r, g, b }: Rgba): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
