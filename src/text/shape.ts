import bidiModule from 'bidi-js';
import { quote, RedframeError } from '../errors.js';
import type { LoadedFont } from './font.js';

/** A point in font units: x along the baseline, y above it. */
export type Point = [x: number, y: number];

/** One closed outline, already flattened to a polygon so it can be bent point by point. */
export type Contour = Point[];

/**
 * A line of text shaped and laid out left to right in visual order, in font units, starting at
 * x = 0 on the baseline.
 */
export interface ShapedLine {
  text: string;
  /** Base direction of the paragraph: where a reader starts. */
  direction: 'ltr' | 'rtl';
  /** Total advance width. */
  width: number;
  contours: Contour[];
  /** Glyph ids in visual order, to compare joined and isolated forms. */
  glyphs: number[];
  upem: number;
  ascender: number;
  descender: number;
}

// bidi-js is CommonJS whose `module.exports` is the factory; its types describe an ES default.
const bidi = (bidiModule as unknown as (typeof bidiModule)['default'])();

/** Characters that have no glyph of their own and must not be reported as missing. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}\s]/u;

/**
 * Reports every character of `text` the font cannot draw, so the user never sees boxes.
 *
 * @example missingCharacters('#حلب_تحترق', font) // []
 */
export function missingCharacters(text: string, font: LoadedFont): string[] {
  const missing = new Set<string>();
  for (const char of text) {
    if (INVISIBLE.test(char)) continue;
    if (!font.hasCharacter(char.codePointAt(0)!)) missing.add(char);
  }
  return [...missing];
}

export function describeCharacter(char: string): string {
  const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} "${char}"`;
}

/** The first strong character decides where a reader starts (Unicode rules P2 and P3). */
export function baseDirection(text: string): 'ltr' | 'rtl' {
  const { paragraphs } = bidi.getEmbeddingLevels(text, 'auto');
  return (paragraphs[0]?.level ?? 0) % 2 === 1 ? 'rtl' : 'ltr';
}

interface Run {
  start: number;
  end: number; // exclusive, UTF-16 index
  level: number;
  script: string | undefined;
}

// Scripts we tell HarfBuzz about explicitly; anything else is left to its guess.
const SCRIPTS: [tag: string, pattern: RegExp][] = [
  ['Arab', /\p{Script=Arabic}/u], ['Latn', /\p{Script=Latin}/u], ['Hebr', /\p{Script=Hebrew}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u], ['Grek', /\p{Script=Greek}/u], ['Syrc', /\p{Script=Syriac}/u],
  ['Thaa', /\p{Script=Thaana}/u], ['Nkoo', /\p{Script=Nko}/u], ['Armn', /\p{Script=Armenian}/u],
  ['Geor', /\p{Script=Georgian}/u], ['Deva', /\p{Script=Devanagari}/u], ['Beng', /\p{Script=Bengali}/u],
  ['Taml', /\p{Script=Tamil}/u], ['Thai', /\p{Script=Thai}/u], ['Ethi', /\p{Script=Ethiopic}/u],
  ['Hani', /\p{Script=Han}/u], ['Hira', /\p{Script=Hiragana}/u], ['Kana', /\p{Script=Katakana}/u],
  ['Hang', /\p{Script=Hangul}/u],
];

function scriptOf(char: string): string | undefined {
  for (const [tag, pattern] of SCRIPTS) if (pattern.test(char)) return tag;
  return undefined; // Common or Inherited: takes the script of its neighbours
}

/** Splits text into runs of one embedding level and one script (what HarfBuzz shapes at once). */
function itemize(text: string, levels: Uint8Array): Run[] {
  const runs: Run[] = [];
  let index = 0;
  for (const char of text) {
    const level = levels[index]!;
    const script = scriptOf(char);
    const last = runs[runs.length - 1];
    if (last && last.level === level && (script === undefined || last.script === undefined || last.script === script)) {
      last.end = index + char.length;
      last.script ??= script;
    } else {
      runs.push({ start: index, end: index + char.length, level, script });
    }
    index += char.length;
  }
  return runs;
}

/** Unicode rule L2: reverse every sequence of runs at level >= k, from the highest level down. */
function visualOrder(runs: Run[]): Run[] {
  const ordered = [...runs];
  const highest = Math.max(0, ...runs.map((r) => r.level));
  const lowestOdd = Math.min(...runs.map((r) => (r.level % 2 === 1 ? r.level : r.level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    let i = 0;
    while (i < ordered.length) {
      if (ordered[i]!.level < level) { i++; continue; }
      let j = i;
      while (j < ordered.length && ordered[j]!.level >= level) j++;
      ordered.splice(i, j - i, ...ordered.slice(i, j).reverse());
      i = j;
    }
  }
  return ordered;
}

/**
 * Shapes one line of text: bidi-js resolves the embedding levels, each run is shaped by HarfBuzz
 * (joining forms, ligatures, mark positioning, mirroring), runs are put in visual order, and the
 * glyph outlines are placed on one baseline. Curves are flattened to polygons so a later stage
 * can bend the whole line without rotating letters one by one.
 *
 * @param base the paragraph direction: `auto` (the first strong character decides, as for banner
 *   text) or `ltr` for text such as file names, which are read in a left-to-right context
 * @example shapeLine('#حلب_تحترق', font).direction // 'rtl'
 */
export function shapeLine(text: string, font: LoadedFont, base: 'auto' | 'ltr' = 'auto'): ShapedLine {
  const missing = missingCharacters(text, font);
  if (missing.length > 0) {
    throw new RedframeError(
      'MISSING_GLYPHS',
      `the font ${font.file} has no glyph for ${missing.map(describeCharacter).join(', ')} in ${quote(text)}`,
    );
  }
  const embedding = bidi.getEmbeddingLevels(text, base);
  const direction = (embedding.paragraphs[0]?.level ?? 0) % 2 === 1 ? 'rtl' : 'ltr';
  const runs = visualOrder(itemize(text, embedding.levels));

  const contours: Contour[] = [];
  const glyphs: number[] = [];
  let penX = 0;
  for (const run of runs) {
    const placed = font.shapeRun(text, run.start, run.end - run.start, run.level % 2 === 1 ? 'rtl' : 'ltr', run.script);
    for (const { glyph, xAdvance, xOffset, yOffset } of placed) {
      glyphs.push(glyph);
      contours.push(...glyphContours(font, glyph, penX + xOffset, yOffset));
      penX += xAdvance;
    }
  }
  return {
    text, direction, width: penX, contours, glyphs,
    upem: font.upem, ascender: font.ascender, descender: font.descender,
  };
}

const glyphCache = new WeakMap<LoadedFont, Map<number, Contour[]>>();

/** Outline of one glyph as polygons at the origin, flattened once per glyph and font. */
function glyphContours(font: LoadedFont, glyph: number, dx: number, dy: number): Contour[] {
  let cache = glyphCache.get(font);
  if (!cache) glyphCache.set(font, (cache = new Map()));
  let outline = cache.get(glyph);
  if (!outline) {
    outline = flatten(font.outline(glyph), font.upem);
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
