/**
 * The campaign page's accent colour (buttons, focus ring, slider), from the campaign's own colour:
 * a green campaign gets a green page. The colour is darkened, keeping its hue, until white text on
 * it and it on the page's white ground both reach WCAG's 4.5:1 for text; light campaign colours
 * (yellow) become their dark shade, dark ones (black) stay. Pure: used by the Node side that writes
 * the page, tested without a browser, and checked in the page by axe-core.
 */
import type { Rgba } from '../core/rgba.js';

type Rgb = readonly [number, number, number];

/** WCAG 2's minimum contrast for normal text. */
export const TEXT_CONTRAST = 4.5;
/** The page's ground and the text on accent buttons. */
const WHITE: Rgb = [255, 255, 255];
/** How much of the accent colours the light ground of a message or a hovered outline button. */
const TINT = 0.08;

export interface PageAccent {
  /** Primary buttons' ground, outline buttons' border and text, focus ring, slider. */
  accent: string;
  /** The primary button when hovered: darker still, or lighter for an accent near black. */
  accentHover: string;
  /** A faint ground: messages, hovered outline buttons. The accent stays readable on it. */
  tint: string;
}

/** WCAG 2 relative luminance of an 8-bit sRGB colour. */
export function relativeLuminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, from 1 to 21. @example contrastRatio([0, 0, 0], [255, 255, 255]) // 21 */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const scale = (c: Rgb, k: number): Rgb => [Math.round(c[0] * k), Math.round(c[1] * k), Math.round(c[2] * k)];
const mix = (c: Rgb, d: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(c[i]! * (1 - t) + d[i]! * t)) as unknown as Rgb;
const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** Readable as text on white, and white text readable on it; on its own tint as well. */
const readable = (c: Rgb) => contrastRatio(c, WHITE) >= TEXT_CONTRAST && contrastRatio(c, mix(WHITE, c, TINT)) >= TEXT_CONTRAST;

/**
 * The page's accent for a campaign colour. Each channel is scaled by the same factor, the largest
 * that is readable (found by bisection on the rounded colour), so the hue stays the campaign's.
 *
 * @example pageAccent({ r: 10, g: 125, b: 50, alpha: 1 }).accent // '#0a7d32' (already dark enough)
 * @example pageAccent({ r: 255, g: 210, b: 0, alpha: 1 }).accent // a dark olive: yellow's own shade
 */
export function pageAccent(colour: Rgba): PageAccent {
  const base: Rgb = [colour.r, colour.g, colour.b];
  let accent = base;
  if (!readable(base)) {
    let [lo, hi] = [0, 1]; // readable at lo (black is), not at hi
    for (let i = 0; i < 24; i++) {
      const mid = (lo + hi) / 2;
      if (readable(scale(base, mid))) lo = mid;
      else hi = mid;
    }
    accent = scale(base, lo);
  }
  // Hovering must show: darker, unless the accent is so dark that darker looks the same.
  const darker = scale(accent, 0.78);
  const hover = contrastRatio(darker, accent) >= 1.25 ? darker : mix(accent, WHITE, 0.25);
  return { accent: hex(accent), accentHover: hex(readable(hover) ? hover : accent), tint: hex(mix(WHITE, accent, TINT)) };
}

/**
 * The accent as CSS custom properties for the page's `:root`, over the stylesheet's defaults.
 *
 * @example accentCss(pageAccent(green)) // ':root{--rf-accent:#0a7d32;--rf-accent-hover:#08621f;--rf-tint:#eef6f0}'
 */
export function accentCss(accent: PageAccent): string {
  return `:root{--rf-accent:${accent.accent};--rf-accent-hover:${accent.accentHover};--rf-tint:${accent.tint}}`;
}
