/**
 * The overlay as the word engine makes it: the banner's segments shaped, the frame and the banner
 * as SVG (shapes and glyph outlines only, never `<text>`, so no system font is used), and that SVG
 * made into pixels by the rasteriser the host gives (librsvg in Node, a canvas in the browser).
 */
import { toHex } from '../core/rgba.js';
import { invalid, quote, received, RedframeError } from '../core/errors.js';
import type { FontStack } from './font.js';
import { bendAlongArc, inkExtent, placeStraight, polygonsToPath } from './geometry.js';
import type { WordsLook } from './look.js';
import type { Rasteriser } from './rasteriser.js';
import { describeCharacter } from './segment.js';
import { shapeLine, type ShapedLine } from './shaping.js';

/** The frame and banner as pixels for one size, and the SVG they were drawn from. */
export interface DrawnOverlay<Bytes extends Uint8Array = Uint8Array> {
  size: number;
  /** RGBA, not premultiplied, size x size; undefined when there is nothing to draw. */
  rgba: Bytes | undefined;
  /** Coverage of the inscribed circle (0-255) when the output is a circle; else undefined. */
  mask: Bytes | undefined;
  /** The SVG the raster came from, for inspection and tests. */
  svg: string;
}

/** Banner band thickness as a fraction of the size: room for text legible at 196 px. */
export const BANNER_THICKNESS = 0.115;
/** Text cap height relative to the band: the rest is breathing room. */
const TEXT_FILL = 0.58;
/** Below this (fraction of the size) text is not legible once the avatar is shown at 196 px. */
export const MIN_FONT_SIZE = 0.035;
/** Below this cap height in output pixels, letters are smudges whatever the avatar's size. */
export const MIN_CAP_HEIGHT_PX = 8;
/** The arc banner never climbs higher than this many radians either side of the bottom. */
const MAX_HALF_SPAN = (100 * Math.PI) / 180;
/** Gap between two segments on the arc and at the band's ends, as a fraction of the size. */
const ARC_PADDING = 0.03;

/**
 * Builds the frame and banner for one size from the banner's shaped segments (`shapeBanner`):
 * the SVG, and its pixels from `rasteriser`; a circle's mask too.
 *
 * @example const overlay = await drawOverlay(look, shapeBanner(look, fonts), rasteriser);
 */
export async function drawOverlay<Bytes extends Uint8Array>(look: WordsLook, lines: ShapedLine[], rasteriser: Rasteriser<Bytes>): Promise<DrawnOverlay<Bytes>> {
  const svg = overlaySvg(look, lines);
  const { size } = look;
  const drawsSomething = look.frame !== 'none' || look.banner !== 'none';
  const rgba = drawsSomething ? await rasteriser.rasterise(svg, size, size) : undefined;
  const mask = look.shape === 'circle' ? await rasteriser.circleMask(size) : undefined;
  return { size, rgba, mask, svg };
}

/**
 * Shapes the banner's segments: the text is shaped here and only here, once per overlay; none
 * for `banner: 'none'`. A segment of invisible characters only, or one the fonts draw no ink for,
 * is refused.
 *
 * @example shapeBanner(resolveOptions({ text: ['#حلب_تحترق'] }), await loadFontStack())[0].direction // 'rtl'
 */
export function shapeBanner(options: WordsLook, fonts: FontStack): ShapedLine[] {
  if (options.banner === 'none') return [];
  return options.text.map((segment, index) => {
    const line = shapeLine(segment, fonts, { language: options.lang });
    const name = options.text.length === 1 ? 'text' : `text segment ${index + 1}`;
    if (line.contours.length === 0) {
      throw invalid(name, 'text that draws something', received(`${quote(segment)}, only invisible characters`));
    }
    if (line.inkless.length > 0) {
      throw new RedframeError(
        'MISSING_GLYPHS',
        `the font draws nothing for ${[...new Set(line.inkless.join(''))].filter((c) => c.trim()).map(describeCharacter).join(', ')} in ${quote(segment)} (a damaged font, or one without outlines)`,
      );
    }
    return line;
  });
}

/** The overlay as SVG: shapes and glyph outlines only, never `<text>`, so no system font is used. */
export function overlaySvg(options: WordsLook, lines: ShapedLine[]): string {
  const { size } = options;
  const parts: string[] = [];
  const frameColour = toHex(options.frameColor);
  const frameOpacity = options.frameColor.alpha;
  const ringWidth = options.frameWidth * size;
  const centre = size / 2;

  if (options.banner === 'strip') parts.push(...stripParts(options, lines));
  if (options.frame === 'ring') {
    parts.push(
      `<circle cx="${centre}" cy="${centre}" r="${centre - ringWidth / 2}" fill="none" stroke="${frameColour}" stroke-opacity="${frameOpacity}" stroke-width="${ringWidth}"/>`,
    );
  } else if (options.frame === 'border') {
    parts.push(
      `<rect x="${ringWidth / 2}" y="${ringWidth / 2}" width="${size - ringWidth}" height="${size - ringWidth}" fill="none" stroke="${frameColour}" stroke-opacity="${frameOpacity}" stroke-width="${ringWidth}"/>`,
    );
  }
  if (options.banner === 'arc') parts.push(...arcParts(options, lines));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${parts.join('')}</svg>`;
}

function textFill(options: WordsLook): string {
  return `fill="${toHex(options.textColor)}" fill-opacity="${options.textColor.alpha}"`;
}

/**
 * Refuses a font size that is not legible: too small for the avatar (text too long for its
 * place) or too few pixels tall (an avatar too small for this text). Every length of the banner
 * grows with the size, so the smallest size that works is found by proportion.
 */
function checkLegible(fontSize: number, lines: ShapedLine[], options: WordsLook, where: 'arc' | 'strip'): void {
  const { size } = options;
  const texts = lines.map((l) => quote(l.text)).join(' and ');
  if (fontSize < MIN_FONT_SIZE * size) {
    throw new RedframeError('TEXT_TOO_LONG', `the banner text ${texts} is too long to fit ${where === 'arc' ? 'on the arc' : 'in the strip'} at a legible size`);
  }
  const capHeight = (fontSize * Math.max(...lines.map((l) => l.capHeight))) / lines[0]!.upem;
  if (capHeight < MIN_CAP_HEIGHT_PX) {
    const smallest = Math.ceil((size * MIN_CAP_HEIGHT_PX) / capHeight);
    throw new RedframeError(
      'TEXT_TOO_SMALL',
      `the banner text ${texts} would be ${(Math.floor(capHeight * 10) / 10).toFixed(1)} px tall at size ${size}, too small to read (at least ${MIN_CAP_HEIGHT_PX} px); it needs size ${smallest} or more`,
    );
  }
}

/**
 * The arc banner: a thick band along the bottom of the ring with the text bent into it, each
 * segment in an equal share (see `arcOrder` for which goes where). One segment is centred.
 */
function arcParts(options: WordsLook, lines: ShapedLine[]): string[] {
  const { size } = options;
  const centre = size / 2;
  const thickness = Math.max(BANNER_THICKNESS * size, options.frame === 'none' ? 0 : options.frameWidth * size);
  const bandRadius = centre - thickness / 2;
  const padding = ARC_PADDING * size;
  const ordered = arcOrder(lines);

  // Font size: as large as the band allows, then shrunk until every segment fits its share.
  const ink = inkExtent(ordered);
  const upem = ordered[0]!.upem;
  const inkHeight = (ink.top - ink.bottom) / upem;
  let fontSize = (thickness * TEXT_FILL) / Math.max(inkHeight, 0.5);
  const available = 2 * MAX_HALF_SPAN * bandRadius - padding * (ordered.length + 1);
  const shareWidth = available / ordered.length;
  const widest = Math.max(...ordered.map((l) => l.width / upem));
  fontSize = Math.min(fontSize, shareWidth / widest);
  checkLegible(fontSize, lines, options, 'arc');

  const scale = fontSize / upem;
  // Centre the ink vertically in the band.
  const baselineRadius = bandRadius + ((ink.top + ink.bottom) / 2) * scale;
  // Equal shares as wide as the widest segment, so the band ends just past the text and two
  // segments sit symmetrically either side of the bottom.
  const shares = ordered.map(() => widest * fontSize);
  const total = shares.reduce((a, b) => a + b, 0) + padding * (ordered.length - 1);
  const halfSpan = Math.min(MAX_HALF_SPAN, (total / 2 + padding) / bandRadius);

  const parts: string[] = [];
  // The band: an arc stroke with round ends, from the left end (angle pi/2 + halfSpan) to the right.
  const from = polar(centre, bandRadius, Math.PI / 2 + halfSpan);
  const to = polar(centre, bandRadius, Math.PI / 2 - halfSpan);
  const largeArc = halfSpan > Math.PI / 2 ? 1 : 0;
  parts.push(
    `<path d="M${from[0]} ${from[1]}A${bandRadius} ${bandRadius} 0 ${largeArc} 0 ${to[0]} ${to[1]}" fill="none" stroke="${toHex(options.frameColor)}" stroke-opacity="${options.frameColor.alpha}" stroke-width="${thickness}" stroke-linecap="round"/>`,
  );

  // Text, left to right along the arc: each segment centred in its share.
  let arcPosition = -total / 2; // arc length from the bottom, negative = left
  const polygons = [];
  for (const [index, line] of ordered.entries()) {
    const share = shares[index]!;
    const width = line.width * scale;
    const left = arcPosition + (share - width) / 2;
    polygons.push(
      ...bendAlongArc(line, { centre, baselineRadius, referenceRadius: bandRadius, startAngle: Math.PI / 2 - left / bandRadius, scale }),
    );
    arcPosition += share + padding;
  }
  parts.push(`<path d="${polygonsToPath(polygons)}" ${textFill(options)}/>`);
  return parts;
}

/**
 * Left-to-right order of segments on the arc. The first segment sits where its readers start:
 * segments follow one another in the reading direction of the first, from the right end of the
 * arc when it is right-to-left, from the left end otherwise. So two right-to-left segments put the
 * first on the right, two left-to-right ones the first on the left, and an Arabic and an English
 * hashtag (either order) put the Arabic on the right and the English on the left.
 */
export function arcOrder(lines: ShapedLine[]): ShapedLine[] {
  return lines[0]?.direction === 'rtl' ? [...lines].reverse() : lines;
}

/** The strip banner: a band across the lower chord, inside the circle, one line per segment. */
function stripParts(options: WordsLook, lines: ShapedLine[]): string[] {
  const { size } = options;
  const centre = size / 2;
  const lineHeight = BANNER_THICKNESS * size * (lines.length > 1 ? 0.8 : 1);
  const height = lineHeight * lines.length + 0.02 * size;
  const bottom = size * 0.86;
  const top = bottom - height;
  const radius = centre;
  const parts = [
    `<clipPath id="inside"><circle cx="${centre}" cy="${centre}" r="${radius}"/></clipPath>`,
    `<rect x="0" y="${top}" width="${size}" height="${height}" fill="${toHex(options.frameColor)}" fill-opacity="${options.frameColor.alpha}" clip-path="url(#inside)"/>`,
  ];
  const upem = lines[0]!.upem;
  const ink = inkExtent(lines);
  const inkHeight = (ink.top - ink.bottom) / upem;
  const ringWidth = options.frame === 'ring' ? options.frameWidth * size : 0;
  const polygons = [];
  let fontSize = (lineHeight * TEXT_FILL) / Math.max(inkHeight, 0.5);
  // One size for all lines, fitted to the narrowest chord a line touches.
  const boxes = lines.map((_, i) => {
    const lineTop = top + 0.01 * size + i * lineHeight;
    const lineBottom = lineTop + lineHeight;
    const farthest = Math.max(Math.abs(lineTop - centre), Math.abs(lineBottom - centre));
    const chord = 2 * Math.sqrt(Math.max(0, (radius - ringWidth) ** 2 - farthest ** 2)) - 0.06 * size;
    return { lineTop, lineBottom, chord };
  });
  for (const [i, line] of lines.entries()) fontSize = Math.min(fontSize, boxes[i]!.chord / (line.width / upem));
  checkLegible(fontSize, lines, options, 'strip');
  const scale = fontSize / upem;
  for (const [i, line] of lines.entries()) {
    const { lineTop, lineBottom } = boxes[i]!;
    const baseline = (lineTop + lineBottom) / 2 + ((ink.top + ink.bottom) / 2) * scale;
    polygons.push(...placeStraight(line, { left: centre - (line.width * scale) / 2, baseline, scale }));
  }
  parts.push(`<path d="${polygonsToPath(polygons)}" ${textFill(options)}/>`);
  return parts;
}

function polar(centre: number, radius: number, angle: number): [number, number] {
  const round = (n: number) => Math.round(n * 100) / 100;
  return [round(centre + radius * Math.cos(angle)), round(centre + radius * Math.sin(angle))];
}
