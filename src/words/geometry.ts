import type { Contour } from './outlines.js';
import type { ShapedLine } from './shaping.js';

/** A point in output pixels, y down. */
export type PixelPoint = [x: number, y: number];

/**
 * Bends a line laid out straight onto a circle around (centre, centre): x along the baseline
 * becomes an angle, y above the baseline moves towards the centre. Every outline point is mapped,
 * so joined Arabic letters stay joined; glyphs are never rotated one by one. The text reads left
 * to right and upright at the bottom of the circle.
 *
 * Lengths are kept true at `referenceRadius` (default: the baseline). Passing the radius of the
 * text's middle splits the unavoidable squeeze of the tops and stretch of the feet evenly, so
 * close shapes (the two dots of ت) do not run together.
 *
 * @param startAngle where x = 0 lands, in radians, screen convention (0 = right, pi/2 = bottom)
 * @param scale pixels per font unit
 */
export function bendAlongArc(
  line: ShapedLine,
  { centre, baselineRadius, referenceRadius = baselineRadius, startAngle, scale }:
  { centre: number; baselineRadius: number; referenceRadius?: number; startAngle: number; scale: number },
): PixelPoint[][] {
  return line.contours.map((contour) =>
    contour.map(([x, y]): PixelPoint => {
      const angle = startAngle - (x * scale) / referenceRadius;
      const radius = baselineRadius - y * scale;
      return [centre + radius * Math.cos(angle), centre + radius * Math.sin(angle)];
    }),
  );
}

/** Places a line straight, its left end at `left` and its baseline at `baseline`. */
export function placeStraight(
  line: ShapedLine,
  { left, baseline, scale }: { left: number; baseline: number; scale: number },
): PixelPoint[][] {
  return line.contours.map((contour: Contour) =>
    contour.map(([x, y]): PixelPoint => [left + x * scale, baseline - y * scale]),
  );
}

/** SVG path data for polygons, with two decimals: enough for anti-aliasing, small to parse. */
export function polygonsToPath(polygons: PixelPoint[][]): string {
  const round = (n: number) => Math.round(n * 100) / 100;
  return polygons
    .map((polygon) => `M${polygon.map(([x, y]) => `${round(x)} ${round(y)}`).join('L')}Z`)
    .join('');
}

/** Vertical ink extent (font units) over several lines, to centre them in a band together. */
export function inkExtent(lines: ShapedLine[]): { top: number; bottom: number } {
  let top = -Infinity;
  let bottom = Infinity;
  for (const line of lines) {
    for (const contour of line.contours) {
      for (const [, y] of contour) {
        if (y > top) top = y;
        if (y < bottom) bottom = y;
      }
    }
  }
  if (!Number.isFinite(top)) return { top: 0, bottom: 0 };
  return { top, bottom };
}
