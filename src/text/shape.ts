import bidiModule from 'bidi-js';
import { quote, RedframeError } from '../errors.js';
import { fontsFor, type FontStack, type LoadedFont } from './font.js';
import { describeCharacter } from './segment.js';

/** A point in line units: x along the baseline, y above it. */
export type Point = [x: number, y: number];

/** One closed outline, already flattened to a polygon so it can be bent point by point. */
export type Contour = Point[];

/**
 * Units of a shaped line: every font's outlines are scaled to this many units per em, so runs in
 * different fonts share one baseline and one size rule. It is the bundled Vazirmatn's own, so its
 * Arabic is laid out exactly as before fallback existed.
 */
const LINE_UNITS_PER_EM = 2048;

/**
 * A line of text shaped and laid out left to right in visual order, in line units
 * (`LINE_UNITS_PER_EM`), starting at x = 0 on the baseline.
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
  /** The font file each glyph of `glyphs` comes from. */
  glyphFonts: string[];
  upem: number;
  /** The highest ascender and lowest descender (negative) of the fonts used. */
  ascender: number;
  descender: number;
  /** The tallest capital height of the fonts used: what the legibility floor measures. */
  capHeight: number;
  /** Characters (clusters) that have something to draw but drew no ink. */
  inkless: string[];
}

// bidi-js is CommonJS whose `module.exports` is the factory; its types describe an ES default.
const bidi = (bidiModule as unknown as (typeof bidiModule)['default'])();

/** Characters that have no glyph of their own and must not be reported as missing. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}\s]/u;

/**
 * Reports every character of `text` missing from the font's character map. Shaping is the real
 * test (see `shapeLine`: HarfBuzz draws many characters by decomposing them); this quick look-up
 * serves callers that replace what is missing, such as contact sheet labels.
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
function itemize(text: string, levels: ArrayLike<number>): Run[] {
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

const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Embedding levels with every space-separated hashtag laid out as an isolate (as if wrapped in
 * FSI ... PDI): in "#حلب #Aleppo" each `#` stays with its own word, where the plain rules would
 * put the `#` of "#Aleppo" on its right. Words that are not hashtags keep the plain rules, so an
 * English phrase inside Arabic stays in its own order. The paragraph direction still comes from
 * the first strong character of the text itself.
 */
function embeddingLevels(text: string, base: 'auto' | 'ltr'): { direction: 'ltr' | 'rtl'; levels: number[] } {
  const direction = base === 'ltr' ? 'ltr' : baseDirection(text);
  const tokens = text.split(/( +)/);
  const hashtags = tokens.filter((t) => t.startsWith('#')).length;
  if (hashtags === 0 || tokens.length === 1) {
    return { direction, levels: [...bidi.getEmbeddingLevels(text, direction).levels] };
  }
  const isolated = tokens.map((t) => (t.startsWith('#') ? FSI + t + PDI : t)).join('');
  const all = bidi.getEmbeddingLevels(isolated, direction).levels;
  const levels: number[] = [];
  for (let i = 0; i < isolated.length; i++) if (isolated[i] !== FSI && isolated[i] !== PDI) levels.push(all[i]!);
  return { direction, levels };
}

/** A glyph placed in line units, with the font it comes from. */
interface Glyph {
  glyph: number;
  cluster: number;
  font: LoadedFont;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

/**
 * Shapes `[start, end)` with the first font of `fonts`, then shapes again with the next font
 * every stretch of clusters the first drew as glyph 0, and so on: what a browser does. A stretch
 * is whole HarfBuzz clusters (a letter and its marks), so a cluster is never split between fonts.
 * What the last font cannot draw stays glyph 0. Glyphs come back in visual order.
 */
function shapeWithFallback(
  text: string, start: number, end: number, direction: 'ltr' | 'rtl', script: string | undefined,
  language: string | undefined, fonts: readonly LoadedFont[],
): Glyph[] {
  const [font, ...rest] = fonts as [LoadedFont, ...LoadedFont[]];
  const placed = font.shapeRun(text, start, end - start, direction, script, language).map((g): Glyph => ({ ...g, font }));
  if (rest.length === 0 || !placed.some((g) => g.glyph === 0)) return placed;

  // Where each cluster ends (clusters are UTF-16 indices of their first character).
  const starts = [...new Set(placed.map((g) => g.cluster))].sort((a, b) => a - b);
  const clusterEnd = (cluster: number) => starts[starts.indexOf(cluster) + 1] ?? end;
  const missingClusters = new Set(placed.filter((g) => g.glyph === 0).map((g) => g.cluster));

  const out: Glyph[] = [];
  let i = 0;
  while (i < placed.length) {
    if (!missingClusters.has(placed[i]!.cluster)) {
      out.push(placed[i++]!);
      continue;
    }
    // A stretch of neighbouring clusters that all need the next font: consecutive in visual
    // order is consecutive in logical order within one run.
    let from = Infinity;
    let to = -Infinity;
    while (i < placed.length && missingClusters.has(placed[i]!.cluster)) {
      from = Math.min(from, placed[i]!.cluster);
      to = Math.max(to, clusterEnd(placed[i]!.cluster));
      i++;
    }
    out.push(...shapeWithFallback(text, from, to, direction, script, language, rest));
  }
  return out;
}

/** What shaping needs besides the text. */
export interface ShapeSettings {
  /**
   * The paragraph direction: `auto` (the first strong character decides, as for banner text) or
   * `ltr` for text such as file names, which are read in a left-to-right context.
   */
  base?: 'auto' | 'ltr';
  /** A BCP 47 language tag passed to HarfBuzz for every run (Urdu digits with `ur`, ...). */
  language?: string | undefined;
}

/**
 * Shapes one line of text: bidi-js resolves the embedding levels (each hashtag an isolate), each
 * run of one level and script is shaped by HarfBuzz (joining forms, ligatures, marks, mirroring)
 * with the first font of the stack that draws it, runs are put in visual order, and the glyph
 * outlines are placed on one baseline. Curves are flattened to polygons so a later stage can bend
 * the whole line without rotating letters one by one. A character no font draws is an error
 * naming it.
 *
 * @param fonts a font stack from `loadFontStack` (fallback as a browser does it), or one font
 * @example shapeLine('#حلب_تحترق', await loadFontStack()).direction // 'rtl'
 * @example shapeLine('#עזה', await loadFontStack(['NotoSansHebrew-Bold.ttf'])) // "#" from the bundled font
 */
export function shapeLine(text: string, fonts: FontStack | LoadedFont, settings: ShapeSettings | 'auto' | 'ltr' = {}): ShapedLine {
  const { base = 'auto', language } = typeof settings === 'string' ? { base: settings } : settings;
  const { direction, levels } = embeddingLevels(text, base);
  const runs = visualOrder(itemize(text, levels));

  const glyphs: Glyph[] = [];
  for (const run of runs) {
    const runDirection = run.level % 2 === 1 ? 'rtl' : 'ltr';
    glyphs.push(...shapeWithFallback(text, run.start, run.end, runDirection, run.script, language, fontsFor(fonts, run.script)));
  }
  const missing = missingInShaping(text, glyphs, fonts);
  if (missing.length > 0) {
    const named = missing.map(describeCharacter).join(', ');
    const fontList = 'user' in fonts ? fonts.user.map((f) => f.file.split(/[\\/]/).pop()!) : [];
    const which = !('user' in fonts) ? `the font ${fonts.file} has no glyph` :
      fontList.length === 0 ? 'the bundled font has no glyph' :
      `none of the fonts (${fontList.join(', ')}, then the bundled ones) has a glyph`;
    throw new RedframeError('MISSING_GLYPHS', `${which} for ${named} in ${quote(text)}`);
  }

  const contours: Contour[] = [];
  const inkByCluster = new Map<number, boolean>();
  const used = new Set<LoadedFont>();
  let penX = 0;
  for (const { glyph, cluster, font, xAdvance, xOffset, yOffset } of glyphs) {
    const scale = LINE_UNITS_PER_EM / font.upem;
    const outline = glyphContours(font, glyph, penX + xOffset * scale, yOffset * scale);
    contours.push(...outline);
    inkByCluster.set(cluster, (inkByCluster.get(cluster) ?? false) || outline.length > 0);
    used.add(font);
    penX += xAdvance * scale;
  }
  const inkless = clusterTexts(text, glyphs)
    .filter(({ cluster, chars }) => !inkByCluster.get(cluster) && chars.some((c) => !INVISIBLE.test(c)))
    .map(({ chars }) => chars.join(''));
  const fontsUsed = used.size > 0 ? [...used] : [fontsFor(fonts, undefined)[0]!];
  return {
    text, direction, width: penX, contours,
    glyphs: glyphs.map((g) => g.glyph),
    glyphFonts: glyphs.map((g) => g.font.file),
    upem: LINE_UNITS_PER_EM,
    ascender: Math.max(...fontsUsed.map((f) => (f.ascender * LINE_UNITS_PER_EM) / f.upem)),
    descender: Math.min(...fontsUsed.map((f) => (f.descender * LINE_UNITS_PER_EM) / f.upem)),
    capHeight: Math.max(...fontsUsed.map((f) => (f.capHeight * LINE_UNITS_PER_EM) / f.upem)),
    inkless,
  };
}

/** The characters of every cluster in the shaped glyphs, in logical order. */
function clusterTexts(text: string, glyphs: Glyph[]): { cluster: number; chars: string[] }[] {
  const starts = [...new Set(glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
  return starts.map((cluster, i) => ({ cluster, chars: [...text.slice(cluster, starts[i + 1] ?? text.length)] }));
}

/**
 * Characters of the clusters still drawn as glyph 0 after every font was tried. Within such a
 * cluster, the characters no font has in its character map are the ones to name (a mark no font
 * knows, not the letter it sits on); if every one is mapped somewhere, the whole cluster is named.
 */
function missingInShaping(text: string, glyphs: Glyph[], fonts: FontStack | LoadedFont): string[] {
  const missingClusters = new Set(glyphs.filter((g) => g.glyph === 0).map((g) => g.cluster));
  if (missingClusters.size === 0) return [];
  const all = fontsFor(fonts, undefined);
  const missing = new Set<string>();
  for (const { cluster, chars } of clusterTexts(text, glyphs)) {
    if (!missingClusters.has(cluster)) continue;
    const visible = chars.filter((c) => !INVISIBLE.test(c));
    const unmapped = visible.filter((c) => !all.some((f) => f.hasCharacter(c.codePointAt(0)!)));
    for (const c of unmapped.length > 0 ? unmapped : visible) missing.add(c);
  }
  return [...missing];
}

const glyphCache = new WeakMap<LoadedFont, Map<number, Contour[]>>();

/** Outline of one glyph as polygons at the origin in line units, flattened once per glyph and font. */
function glyphContours(font: LoadedFont, glyph: number, dx: number, dy: number): Contour[] {
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
