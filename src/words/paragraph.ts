/**
 * Paragraph layout: text that wraps into lines inside a box, for covers and cards (the arc
 * banner lays out one line per segment and does not need it). Each paragraph gets its direction
 * from its first strong character (the Unicode bidi rules P2 and P3); its break opportunities come
 * from UAX #14 (the `linebreak` package, as PDFKit uses it), with none inside a hashtag; each line
 * is shaped by `shapeLine` in the paragraph's direction, so the line is reordered on its own
 * (rule L2 applies per line) and keeps each hashtag's own direction. One font size for all
 * paragraphs, the largest that fits; lines balanced so that no paragraph ends on a lone word.
 */
import LineBreaker from 'linebreak';
import { RedframeError } from '../core/errors.js';
import type { FontStack, LoadedFont } from './font.js';
import { baseDirection } from './bidi-runs.js';
import { shapeLine, type ShapedLine } from './shaping.js';

/** One paragraph: its text and, optionally, its language (a BCP 47 tag passed to HarfBuzz). */
export interface Paragraph {
  text: string;
  language?: string | undefined;
}

/** Where a line may end: a UTF-16 position after which the next line starts. */
export interface BreakOpportunity {
  position: number;
  /** A break the text asks for (after a line separator). */
  required: boolean;
}

/** A hashtag: `#` then everything up to the next space. Nothing inside it is a place to break. */
const HASHTAG = /#[^\s#]+/gu;

/**
 * The UAX #14 break opportunities of `text`, without those inside a hashtag: UAX #14 allows a
 * break after the hyphen of `#stop-the-war`, and a hashtag cut in two is two different tags. The
 * end of the text is always the last opportunity.
 *
 * @example breakOpportunities('أوقفوا قصف حلب #حلب_تحترق').map((b) => b.position) // [7, 11, 15, 25]
 */
export function breakOpportunities(text: string): BreakOpportunity[] {
  const inside = new Set<number>();
  for (const match of text.matchAll(HASHTAG)) {
    for (let i = match.index + 1; i < match.index + match[0].length; i++) inside.add(i);
  }
  const breaker = new LineBreaker(text);
  const breaks: BreakOpportunity[] = [];
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    if (!inside.has(next.position)) breaks.push({ position: next.position, required: next.required });
  }
  if (breaks.at(-1)?.position !== text.length) breaks.push({ position: text.length, required: false });
  return breaks;
}

/** How lines and paragraphs are spaced and how large the text may be. */
export interface ParagraphSettings {
  /** The largest font size (pixels per em): the text is never larger, however short it is. */
  maxFontSize: number;
  /** The smallest legible font size: text that needs less is refused with TEXT_TOO_LONG. */
  minFontSize: number;
  /** Line advance as a share of the fonts' ascender-to-descender height. Default 0.85. */
  lineSpacing?: number;
  /** Extra space between paragraphs, in ems. Default 0.45. */
  paragraphSpacing?: number;
  /** What the text is, for the error ("the message for story.jpg"). */
  what: string;
}

/** One line placed in the box: its left end and baseline, in pixels from the box's top left. */
export interface PlacedLine {
  line: ShapedLine;
  left: number;
  baseline: number;
  /** Which paragraph it belongs to. */
  paragraph: number;
  /** The line's text in logical order (what it was shaped from). */
  text: string;
}

/** Paragraphs laid out in a box: centred lines, one font size. */
export interface TextBlock {
  fontSize: number;
  /** Pixels per line unit: `fontSize / line.upem`. */
  scale: number;
  lines: PlacedLine[];
  /** Width and height of the block's line boxes; the block is centred in the box's width. */
  width: number;
  height: number;
}

const DEFAULT_LINE_SPACING = 0.85;
const DEFAULT_PARAGRAPH_SPACING = 0.45;

/**
 * One paragraph prepared for breaking: its direction, its break opportunities, and the width of
 * every piece between two of them (shaped once, with and without its trailing spaces). A line's
 * width while breaking is the sum of its pieces: pieces meet at spaces, where nothing joins or
 * kerns across, and the final lines are shaped whole (and checked) once chosen.
 */
class Breakable {
  readonly direction: 'ltr' | 'rtl';
  breaks: BreakOpportunity[];
  /** Width of piece i (from break i - 1 to break i) with its trailing spaces, and without. */
  private full: number[];
  private trimmed: number[];
  readonly ascender: number;
  readonly descender: number;
  readonly upem: number;

  constructor(readonly paragraph: Paragraph, private readonly fonts: FontStack | LoadedFont) {
    this.direction = baseDirection(paragraph.text);
    this.breaks = breakOpportunities(paragraph.text);
    this.full = [];
    this.trimmed = [];
    let ascender = 0;
    let descender = 0;
    let upem = 0;
    this.breaks.forEach((b, i) => {
      const piece = paragraph.text.slice(i === 0 ? 0 : this.breaks[i - 1]!.position, b.position);
      const line = this.shape(piece);
      const bare = piece.trimEnd();
      this.full.push(line.width);
      this.trimmed.push(bare === piece ? line.width : bare === '' ? 0 : this.shape(bare).width);
      ascender = Math.max(ascender, line.ascender);
      descender = Math.min(descender, line.descender);
      upem = line.upem;
    });
    [this.ascender, this.descender, this.upem] = [ascender, descender, upem];
  }

  /** The paragraph up to break `last` (its first `last + 1` pieces), measured already. */
  prefix(last: number): Breakable {
    const copy = Object.create(Breakable.prototype) as Breakable;
    Object.assign(copy, this);
    copy.breaks = this.breaks.slice(0, last + 1);
    copy.full = this.full.slice(0, last + 1);
    copy.trimmed = this.trimmed.slice(0, last + 1);
    return copy;
  }

  private shape(text: string): ShapedLine {
    return shapeLine(text, this.fonts, { base: this.direction, language: this.paragraph.language, isolateHashtags: true });
  }

  /** The text from break `from` (-1: the start) to break `to`, without the spaces at its ends. */
  text(from: number, to: number): string {
    const start = from < 0 ? 0 : this.breaks[from]!.position;
    return this.paragraph.text.slice(start, this.breaks[to]!.position).trim();
  }

  /** The line from break `from` to break `to`, shaped whole. */
  line(from: number, to: number): ShapedLine {
    return this.shape(this.text(from, to));
  }

  /** Width of the line from break `from` to break `to` (pieces from + 1 to `to`), in line units. */
  width(from: number, to: number): number {
    let sum = this.trimmed[to]!;
    for (let i = from + 1; i < to; i++) sum += this.full[i]!;
    return sum;
  }

  /**
   * Greedy breaking at a width (line units): each line takes as many pieces as fit. A piece wider
   * than the width alone (one long hashtag) makes the breaking fail: undefined.
   */
  breakAt(width: number): number[] | undefined {
    const ends: number[] = [];
    let from = -1;
    while (from < this.breaks.length - 1) {
      let to = from + 1;
      if (this.width(from, to) > width) return undefined;
      while (to + 1 < this.breaks.length && !this.breaks[to]!.required && this.width(from, to + 1) <= width) to++;
      ends.push(to);
      from = to;
    }
    return ends;
  }

  /**
   * As many lines as greedy breaking at `width` gives, as even as they can be: of all the ways to
   * break into that many lines that fit, the one with the least sum of squared slack (every line
   * counts, the last too), so no line is a lone word under full ones. Dynamic programming over the
   * break opportunities.
   */
  balancedAt(width: number): number[] | undefined {
    const greedy = this.breakAt(width);
    if (!greedy || greedy.length === 1) return greedy;
    const count = greedy.length;
    const n = this.breaks.length;
    // cost[k][j]: the least cost of k + 1 lines ending at break j; from[k][j]: where the last starts.
    const cost = Array.from({ length: count }, () => new Float64Array(n).fill(Infinity));
    const from = Array.from({ length: count }, () => new Int32Array(n).fill(-2));
    for (let j = 0; j < n; j++) {
      const w = this.width(-1, j);
      if (w > width) break;
      if (!this.requiredBefore(-1, j)) [cost[0]![j], from[0]![j]] = [(width - w) ** 2, -1];
    }
    for (let k = 1; k < count; k++) {
      for (let j = k; j < n; j++) {
        for (let i = j - 1; i >= k - 1; i--) {
          const w = this.width(i, j);
          if (w > width) break;
          if (cost[k - 1]![i] === Infinity || this.requiredBefore(i, j)) continue;
          const c = cost[k - 1]![i]! + (width - w) ** 2;
          if (c < cost[k]![j]!) [cost[k]![j], from[k]![j]] = [c, i];
        }
      }
    }
    if (cost[count - 1]![n - 1] === Infinity) return greedy;
    const ends: number[] = [];
    for (let k = count - 1, j = n - 1; k >= 0; j = from[k]![j]!, k--) ends.unshift(j);
    return ends;
  }

  /** Whether a required break lies inside the line from `from` to `to` (it must end a line). */
  private requiredBefore(from: number, to: number): boolean {
    for (let i = from + 1; i < to; i++) if (this.breaks[i]!.required) return true;
    return false;
  }

  /** Line advance in line units: the fonts' height, tightened by `spacing`. */
  advance(spacing: number): number {
    return (this.ascender - this.descender) * spacing;
  }
}

/** Line units per em of every shaped line (LINE_UNITS_PER_EM of outlines.ts). */
const upemOf = (lines: Breakable[]) => lines[0]!.upem;

/** The lines of every paragraph at a font size (ends of lines as break indices), or undefined when they do not fit. */
function fitter(breakables: Breakable[], box: { width: number; height: number }, settings: ParagraphSettings) {
  const spacing = settings.lineSpacing ?? DEFAULT_LINE_SPACING;
  const paragraphGap = settings.paragraphSpacing ?? DEFAULT_PARAGRAPH_SPACING;
  const upem = upemOf(breakables);
  return (fontSize: number, balance: boolean): number[][] | undefined => {
    const width = (box.width * upem) / fontSize;
    const all: number[][] = [];
    let height = (breakables.length - 1) * paragraphGap * fontSize;
    for (const b of breakables) {
      const ends = balance ? b.balancedAt(width) : b.breakAt(width);
      if (!ends) return undefined;
      all.push(ends);
      height += (ends.length * b.advance(spacing) * fontSize) / upem;
    }
    return height <= box.height ? all : undefined;
  };
}

/**
 * Lays out paragraphs in a box of `width` x `height` pixels: the largest font size up to
 * `maxFontSize` at which every paragraph, broken at UAX #14 opportunities (never inside a
 * hashtag) and balanced, fits; every line centred. Text that does not fit at `minFontSize` is
 * refused with TEXT_TOO_LONG, saying how many characters to cut.
 *
 * @example
 * const block = layoutParagraphs([{ text: 'أوقفوا قصف حلب' }, { text: 'Stop the bombing of Aleppo' }],
 *   await loadFontStack(), { width: 900, height: 600 }, { maxFontSize: 120, minFontSize: 27, what: 'the message' });
 * block.lines.map((l) => l.text) // ['أوقفوا قصف حلب', 'Stop the bombing of Aleppo']
 */
export function layoutParagraphs(
  paragraphs: readonly Paragraph[],
  fonts: FontStack | LoadedFont,
  box: { width: number; height: number },
  settings: ParagraphSettings,
): TextBlock {
  const breakables = paragraphs.map((p) => new Breakable(p, fonts));
  const spacing = settings.lineSpacing ?? DEFAULT_LINE_SPACING;
  const paragraphGap = settings.paragraphSpacing ?? DEFAULT_PARAGRAPH_SPACING;
  const upem = upemOf(breakables);
  const fit = fitter(breakables, box, settings);

  if (!fit(settings.minFontSize, false)) throw tooLong(breakables, box, settings);
  let low = settings.minFontSize;
  let high = settings.maxFontSize;
  if (fit(high, false)) low = high;
  // Bisection to half a pixel: the size that fits and the next that does not.
  while (high - low > 0.5) {
    const mid = (low + high) / 2;
    if (fit(mid, false)) low = mid;
    else high = mid;
  }
  const chosen = fit(low, true) ?? fit(low, false)!;
  const shaped = chosen.map((ends, p) => ends.map((to, i) => breakables[p]!.line(i === 0 ? -1 : ends[i - 1]!, to)));
  // Lines were measured piece by piece; shaped whole, one may come out a little wider (a space
  // that kerns). The size shrinks so that it fits too.
  const widest = Math.max(...shaped.flat().map((line) => line.width));
  const fontSize = Math.min(low, (box.width * upem) / widest);

  const scale = fontSize / upem;
  const lines: PlacedLine[] = [];
  let top = 0;
  let width = 0;
  chosen.forEach((ends, p) => {
    const b = breakables[p]!;
    const advance = b.advance(spacing) * scale;
    ends.forEach((to, i) => {
      const line = shaped[p]![i]!;
      // Half the leading above and below, as CSS does: the baseline sits `ascender` below the
      // top of the fonts' own height, that height centred in the line's advance.
      const fontsHeight = (b.ascender - b.descender) * scale;
      const baseline = top + (advance - fontsHeight) / 2 + b.ascender * scale;
      const lineWidth = line.width * scale;
      width = Math.max(width, lineWidth);
      lines.push({ line, left: (box.width - lineWidth) / 2, baseline, paragraph: p, text: b.text(i === 0 ? -1 : ends[i - 1]!, to) });
      top += advance;
    });
    if (p < chosen.length - 1) top += paragraphGap * fontSize;
  });
  return { fontSize, scale, lines, width, height: top };
}

/**
 * The error for text that does not fit at the smallest legible size: how many of its characters
 * fit (whole pieces, paragraphs in order, found by bisection), so the message says how much to cut.
 */
function tooLong(paragraphs: readonly Breakable[], box: { width: number; height: number }, settings: ParagraphSettings): RedframeError {
  const length = (text: string) => [...text].length;
  const total = paragraphs.reduce((sum, p) => sum + length(p.paragraph.text), 0);
  // Every place the text could be cut (after a break opportunity), in reading order.
  const cuts = paragraphs.flatMap((p, i) => p.breaks.map((b, j) => ({
    kept: [...paragraphs.slice(0, i), p.prefix(j)],
    characters: paragraphs.slice(0, i).reduce((sum, q) => sum + length(q.paragraph.text), 0) + length(p.paragraph.text.slice(0, b.position).trimEnd()),
  })));
  const fits = (kept: Breakable[]) => fitter(kept, box, settings)(settings.minFontSize, false) !== undefined;
  let low = -1; // the last cut known to fit (-1: none)
  let high = cuts.length - 1; // the whole text, known not to fit
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (fits(cuts[mid]!.kept)) low = mid;
    else high = mid;
  }
  const kept = low < 0 ? 0 : cuts[low]!.characters;
  const cut = total - kept;
  const size = Math.round(settings.minFontSize);
  return new RedframeError(
    'TEXT_TOO_LONG',
    kept === 0
      ? `${settings.what} cannot fit at the smallest legible size (${size} px): not even its first line fits`
      : `${settings.what} is too long to fit at the smallest legible size (${size} px): cut about ${cut} of its ${total} characters (about ${Math.ceil((cut / total) * 100)}%)`,
  );
}
