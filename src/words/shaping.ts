/**
 * Shaping one line: bidi runs (bidi-runs.ts) shaped by HarfBuzz with font fallback, in visual
 * order, on one baseline, as outlines (outlines.ts). A character no font draws is an error.
 */
import { quote, RedframeError } from '../core/errors.js';
import { embeddingLevels, itemize, visualOrder } from './bidi-runs.js';
import { fontsFor, type FontStack, type LoadedFont } from './font.js';
import { glyphContours, LINE_UNITS_PER_EM, type Contour } from './outlines.js';
import { describeCharacter, isInvisible } from './segment.js';

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
    if (isInvisible(char)) continue;
    if (!font.hasCharacter(char.codePointAt(0)!)) missing.add(char);
  }
  return [...missing];
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
   * The paragraph direction: `auto` (the first strong character decides, as for banner text),
   * `ltr` for text such as file names, which are read in a left-to-right context, or a given
   * direction for one line of a paragraph (the paragraph's: a line of an Arabic paragraph that
   * starts with an English word is still laid out right to left).
   */
  base?: 'auto' | 'ltr' | 'rtl';
  /** A BCP 47 language tag passed to HarfBuzz for every run (Urdu digits with `ur`, ...). */
  language?: string | undefined;
  /**
   * Lay out every hashtag in its own direction even when it is the whole text (a line of a
   * paragraph). Default: only when the text has several words.
   */
  isolateHashtags?: boolean;
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
export function shapeLine(text: string, fonts: FontStack | LoadedFont, settings: ShapeSettings | 'auto' | 'ltr' | 'rtl' = {}): ShapedLine {
  const { base = 'auto', language, isolateHashtags } = typeof settings === 'string' ? { base: settings } : settings;
  const { direction, levels } = embeddingLevels(text, base, isolateHashtags);
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
    .filter(({ cluster, chars }) => !inkByCluster.get(cluster) && chars.some((c) => !isInvisible(c)))
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
    const visible = chars.filter((c) => !isInvisible(c));
    const unmapped = visible.filter((c) => !all.some((f) => f.hasCharacter(c.codePointAt(0)!)));
    for (const c of unmapped.length > 0 ? unmapped : visible) missing.add(c);
  }
  return [...missing];
}

