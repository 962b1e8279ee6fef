/**
 * The Unicode bidirectional algorithm for one line (bidi-js), and the runs HarfBuzz shapes: each
 * of one embedding level and one script, put in visual order. Every space-separated hashtag is
 * an isolate, so each `#` stays with its own word.
 */
import bidiModule from 'bidi-js';

// bidi-js is CommonJS whose `module.exports` is the factory; its types describe an ES default.
const bidi = (bidiModule as unknown as (typeof bidiModule)['default'])();

/** The first strong character decides where a reader starts (Unicode rules P2 and P3). */
export function baseDirection(text: string): 'ltr' | 'rtl' {
  const { paragraphs } = bidi.getEmbeddingLevels(text, 'auto');
  return (paragraphs[0]?.level ?? 0) % 2 === 1 ? 'rtl' : 'ltr';
}

export interface Run {
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
export function itemize(text: string, levels: ArrayLike<number>): Run[] {
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
export function visualOrder(runs: Run[]): Run[] {
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
 * English phrase inside Arabic stays in its own order. The paragraph direction comes from the
 * first strong character of the text itself unless `base` gives it. A lone hashtag is isolated too
 * when asked (`isolate`): on a line of a paragraph in the other direction, "#AleppoIsBurning" alone
 * on a line of an Arabic paragraph must still start with its `#` on the left.
 */
export function embeddingLevels(text: string, base: 'auto' | 'ltr' | 'rtl', isolate?: boolean): { direction: 'ltr' | 'rtl'; levels: number[] } {
  const direction = base === 'auto' ? baseDirection(text) : base;
  const tokens = text.split(/( +)/);
  const hashtags = tokens.filter((t) => t.startsWith('#')).length;
  if (hashtags === 0 || !(isolate ?? tokens.length > 1)) {
    return { direction, levels: [...bidi.getEmbeddingLevels(text, direction).levels] };
  }
  const isolated = tokens.map((t) => (t.startsWith('#') ? FSI + t + PDI : t)).join('');
  const all = bidi.getEmbeddingLevels(isolated, direction).levels;
  const levels: number[] = [];
  for (let i = 0; i < isolated.length; i++) if (isolated[i] !== FSI && isolated[i] !== PDI) levels.push(all[i]!);
  return { direction, levels };
}

