/**
 * Glyph outlines as polygons in line units: curves flattened to short straight pieces, so that a
 * later stage can bend a whole line point by point (the arc banner) without breaking joins.
 */
import type { LoadedFont } from './font.js';

/** A point in line units: x along the baseline, y above it. */
export type Point = [x: number, y: number];

/** One closed outline, already flattened to a polygon so it can be bent point by point. */
export type Contour = Point[];

/**
 * Units of a shaped line: every font's outlines are scaled to this many units per em, so runs in
 * different fonts share one baseline and one size rule. It is the bundled Vazirmatn's own, so its
 * Arabic is laid out exactly as before fallback existed.
 */
export const LINE_UNITS_PER_EM = 2048;


const glyphCache = new WeakMap<LoadedFont, Map<number, Contour[]>>();

/** Outline of one glyph as polygons at the origin in line units, flattened once per glyph and font. */
export function glyphContours(font: LoadedFont, glyph: number, dx: number, dy: number): Contour[] {
  let cache = glyphCache.get(font);
  if (!cache) glyphCache.set(font, (cache = new Map()));
  let outline = cache.get(glyph);
  if (!outline) {
    const scale = LINE_UNITS_PER_EM / font.upem;
    outline = flatten(font.outline(glyph), font.upem).map((contour) => contour.map(([x, y]): Point => [x * scale, y * scale]));
    cache.set(glyph, outline);
  }
  return outline.map((contour) => contour.map(([x, y]): Point => [x + dx, y + dy]));
}

/**
 * Turns path commands into polygons. Each curve becomes straight pieces about 1/50 em long (and
 * long straight lines are cut too) so that bending the points along an arc bends the edges.
 */
function flatten(commands: { type: string; values: number[] }[], upem: number): Contour[] {
  const step = upem / 50;
  const contours: Contour[] = [];
  let current: Contour = [];
  let x = 0;
  let y = 0;
  const lineTo = (tx: number, ty: number) => {
    const pieces = Math.max(1, Math.ceil(Math.hypot(tx - x, ty - y) / step));
    for (let i = 1; i <= pieces; i++) current.push([x + ((tx - x) * i) / pieces, y + ((ty - y) * i) / pieces]);
    x = tx;
    y = ty;
  };
  for (const { type, values: v } of commands) {
    if (type === 'M') {
      if (current.length > 2) contours.push(current);
      current = [[v[0]!, v[1]!]];
      [x, y] = [v[0]!, v[1]!];
    } else if (type === 'L') {
      lineTo(v[0]!, v[1]!);
    } else if (type === 'Q') {
      const [cx, cy, tx, ty] = v as [number, number, number, number];
      const pieces = Math.max(2, Math.ceil((Math.hypot(cx - x, cy - y) + Math.hypot(tx - cx, ty - cy)) / step));
      const [sx, sy] = [x, y];
      for (let i = 1; i <= pieces; i++) {
        const t = i / pieces;
        const u = 1 - t;
        current.push([u * u * sx + 2 * u * t * cx + t * t * tx, u * u * sy + 2 * u * t * cy + t * t * ty]);
      }
      [x, y] = [tx, ty];
    } else if (type === 'C') {
      const [c1x, c1y, c2x, c2y, tx, ty] = v as [number, number, number, number, number, number];
      const length = Math.hypot(c1x - x, c1y - y) + Math.hypot(c2x - c1x, c2y - c1y) + Math.hypot(tx - c2x, ty - c2y);
      const pieces = Math.max(2, Math.ceil(length / step));
      const [sx, sy] = [x, y];
      for (let i = 1; i <= pieces; i++) {
        const t = i / pieces;
        const u = 1 - t;
        current.push([
          u * u * u * sx + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * tx,
          u * u * u * sy + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ty,
        ]);
      }
      [x, y] = [tx, ty];
    } else if (type === 'Z') {
      if (current.length > 0) {
        const [fx, fy] = current[0]!;
        if (fx !== x || fy !== y) lineTo(fx, fy);
      }
      if (current.length > 2) contours.push(current);
      current = [];
    }
  }
  if (current.length > 2) contours.push(current);
  return contours;
}
