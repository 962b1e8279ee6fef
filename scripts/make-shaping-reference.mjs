#!/usr/bin/env node
// Makes fixtures/shaping/hashtags.json: for each real hashtag of HASHTAGS, the glyphs (font and
// glyph id, in visual order, left to right) that GNU FriBidi and HarfBuzz's own hb-shape give,
// with the same fonts and the same fallback rule as redframe. test/text/reference.test.ts
// compares redframe's shaping with it. Run once, on Debian or Ubuntu, and commit the result
// (npm test needs none of these packages):
//
//   apt-get install libharfbuzz-bin libfribidi-bin
//   node scripts/make-shaping-reference.mjs
//
// What comes from the tools: the embedding levels and the visual order (fribidi --levels --vtol,
// each hashtag of a segment with several words wrapped in FSI ... PDI), and every glyph (hb-shape,
// with the text around each run as context). What this script does itself, as redframe's rule
// says: runs of one level and one script; the fonts tried in order for a run (the given fonts,
// then the bundled Latin font before the bundled Arabic one for Latin runs, after it for the
// others); a stretch of clusters drawn as glyph 0 shaped again with the next font.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const BUNDLED_LATIN = `${root}assets/fonts/IBMPlexSans-Bold.ttf`;
const BUNDLED_ARABIC = `${root}assets/fonts/Vazirmatn-Bold.ttf`;
const HEBREW = 'NotoSansHebrew-Bold.ttf';
const DEVANAGARI = 'NotoSansDevanagari-Bold-subset.ttf';

/** Real hashtags of campaigns, by language; `fonts` are files of fixtures/fonts tried first. */
export const HASHTAGS = [
  // Arabic: joining, lam-alef, hamza forms, diacritics, Western and Arabic-Indic digits
  { text: '#حلب_تحترق' }, { text: '#غزة' }, { text: '#سوريا' }, { text: '#القدس' }, { text: '#لبنان' },
  { text: '#السودان' }, { text: '#فلسطين_حرة' }, { text: '#أنقذوا_حلب' }, { text: '#لا_للحرب' },
  { text: '#الحرية_لهم' }, { text: '#مُحَمَّد' }, { text: '#حلب_2016' }, { text: '#حلب_٢٠١٦' }, { text: '#اليمن_يموت_جوعا' },
  // Persian: ZWNJ, Persian digits
  { text: '#زن_زندگی_آزادی' }, { text: '#مهسا_امینی' }, { text: '#ایران' }, { text: '#نه_به_اعدام' },
  { text: '#می‌خواهم_زندگی_کنم' }, { text: '#خانه‌ها' }, { text: '#۱۴۰۱' },
  // Urdu, with and without its language tag (its own digit forms)
  { text: '#پاکستان_زندہ_باد' }, { text: '#کشمیر_بنے_گا_پاکستان' }, { text: '#اردو' },
  { text: '#۲۰۴۷_پاکستان' }, { text: '#۲۰۴۷_پاکستان', lang: 'ur' },
  // Kurdish (Sorani), Pashto, Uyghur
  { text: '#ژن_ژیان_ئازادی' }, { text: '#کوردستان' }, { text: '#کۆبانێ' }, { text: '#هەولێر', lang: 'ckb' },
  { text: '#افغانستان' }, { text: '#پښتو' }, { text: '#ئۇيغۇر' },
  // Hebrew, with a font that has no "#" or "_"
  { text: '#עזה', fonts: [HEBREW] }, { text: '#ישראל', fonts: [HEBREW] }, { text: '#שלום_עכשיו', fonts: [HEBREW] },
  { text: '#בית_חולים', fonts: [HEBREW] }, { text: '#הביתה_עכשיו', fonts: [HEBREW] },
  // Devanagari: conjuncts, vowel signs, nukta-free reph
  { text: '#भारत', fonts: [DEVANAGARI] }, { text: '#हिंदी', fonts: [DEVANAGARI] }, { text: '#किसान_आंदोलन', fonts: [DEVANAGARI] },
  { text: '#दिल्ली', fonts: [DEVANAGARI] }, { text: '#स्वतंत्रता', fonts: [DEVANAGARI] }, { text: '#जय_हिन्द', fonts: [DEVANAGARI] },
  // Latin with diacritics, drawn by decomposition (ccmp) where the font has no precomposed form
  { text: '#AleppoIsBurning' }, { text: '#FreeThemAll' }, { text: '#ThủĐô' }, { text: '#QuảngNam' }, { text: '#HàNội' },
  { text: '#Ḥalab' }, { text: '#Zürich' }, { text: '#São_Paulo' }, { text: '#Kraków' }, { text: '#Łódź' },
  { text: '#İstanbul' }, { text: '#Ñandú' }, { text: '#Þingvellir' },
  // Mixed: several hashtags in one segment, each an isolate
  { text: '#حلب #Aleppo' }, { text: '#Aleppo #حلب' }, { text: '#עזה #غزة', fonts: [HEBREW] }, { text: '#سوريا 2016' },
];

const SCRIPTS = ['Arabic', 'Latin', 'Hebrew', 'Devanagari', 'Cyrillic', 'Greek'];
const TAGS = { Arabic: 'Arab', Latin: 'Latn', Hebrew: 'Hebr', Devanagari: 'Deva', Cyrillic: 'Cyrl', Greek: 'Grek' };
const scriptOf = (char) => SCRIPTS.find((s) => new RegExp(`\\p{Script=${s}}`, 'u').test(char));

const FSI = '\u2068';
const PDI = '\u2069';

function fribidi(text, args) {
  return execFileSync('fribidi', ['--nobreak', '--novisual', ...args], { input: `${text}\n`, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] })
    .trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number));
}

/** The base direction fribidi finds for a text (its first strong character). */
export function baseDirection(text) {
  return execFileSync('fribidi', ['--basedir', '--novisual'], { input: `${text}\n`, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] }).includes('R') ? 'rtl' : 'ltr';
}

/**
 * Levels and visual order per character, each hashtag of a several-word segment isolated (or every
 * hashtag, with `isolateAll`: a line of a paragraph), in the given direction or the text's own.
 */
function bidi(text, direction = baseDirection(text), isolateAll = false) {
  const base = `--${direction}`;
  const tokens = text.split(/( +)/);
  const isolate = (isolateAll || tokens.length > 1) && tokens.some((t) => t.startsWith('#'));
  const wrapped = isolate ? tokens.map((t) => (t.startsWith('#') ? FSI + t + PDI : t)).join('') : text;
  const [vtol, levels] = fribidi(wrapped, [base, '--vtol', '--levels']);
  const chars = [...wrapped];
  const kept = chars.map((c, i) => (c === FSI || c === PDI ? -1 : i)).filter((i) => i >= 0);
  const newIndex = new Map(kept.map((old, i) => [old, i]));
  return {
    levels: kept.map((i) => levels[i]),
    visual: vtol.filter((i) => newIndex.has(i)).map((i) => newIndex.get(i)), // visual position -> character
  };
}

/** Runs of one level and one script, over characters (code points). */
function itemize(chars, levels) {
  const runs = [];
  chars.forEach((char, i) => {
    const script = scriptOf(char);
    const last = runs.at(-1);
    if (last && last.level === levels[i] && (!script || !last.script || last.script === script)) {
      last.end = i + 1;
      last.script ??= script;
    } else {
      runs.push({ start: i, end: i + 1, level: levels[i], script });
    }
  });
  return runs;
}

function hbShape(font, chars, start, end, direction, script, lang) {
  const args = [
    font, chars.slice(start, end).join(''), `--text-before=${chars.slice(0, start).join('')}`, `--text-after=${chars.slice(end).join('')}`,
    `--direction=${direction}`, '--output-format=json', '--no-glyph-names', '--no-positions',
    ...(script ? [`--script=${TAGS[script]}`] : []), ...(lang ? [`--language=${lang}`] : []),
  ];
  const glyphs = JSON.parse(execFileSync('hb-shape', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } }));
  return glyphs.map((g) => ({ glyph: g.g, cluster: g.cl + start, font }));
}

/** One run with the fonts in order: what one font draws as glyph 0 goes to the next. */
function shapeWithFallback(chars, start, end, direction, script, lang, fonts) {
  const [font, ...rest] = fonts;
  const placed = hbShape(font, chars, start, end, direction, script, lang);
  if (rest.length === 0 || !placed.some((g) => g.glyph === 0)) return placed;
  const starts = [...new Set(placed.map((g) => g.cluster))].sort((a, b) => a - b);
  const clusterEnd = (c) => starts[starts.indexOf(c) + 1] ?? end;
  const missing = new Set(placed.filter((g) => g.glyph === 0).map((g) => g.cluster));
  const out = [];
  for (let i = 0; i < placed.length;) {
    if (!missing.has(placed[i].cluster)) { out.push(placed[i++]); continue; }
    let from = Infinity;
    let to = -Infinity;
    for (; i < placed.length && missing.has(placed[i].cluster); i++) {
      from = Math.min(from, placed[i].cluster);
      to = Math.max(to, clusterEnd(placed[i].cluster));
    }
    out.push(...shapeWithFallback(chars, from, to, direction, script, lang, rest));
  }
  return out;
}

/**
 * The glyphs of one line as fribidi and hb-shape give them. `direction` and `isolateAll` are for a
 * line of a paragraph: the paragraph's direction, every hashtag in its own.
 */
export function reference({ text, fonts = [], lang, direction, isolateAll = false }) {
  const chars = [...text];
  const { levels, visual } = bidi(text, direction, isolateAll);
  const position = new Map(visual.map((char, i) => [char, i]));
  const runs = itemize(chars, levels)
    .map((run) => ({ ...run, at: Math.min(...Array.from({ length: run.end - run.start }, (_, i) => position.get(run.start + i))) }))
    .sort((a, b) => a.at - b.at);
  const user = fonts.map((f) => `${root}fixtures/fonts/${f}`);
  const glyphs = [];
  for (const run of runs) {
    const bundled = run.script === 'Latin' ? [BUNDLED_LATIN, BUNDLED_ARABIC] : [BUNDLED_ARABIC, BUNDLED_LATIN];
    const shaped = shapeWithFallback(chars, run.start, run.end, run.level % 2 ? 'rtl' : 'ltr', run.script, lang, [...user, ...bundled]);
    glyphs.push(...shaped.map((g) => `${basename(g.font)}:${g.glyph}`));
  }
  return { text, ...(fonts.length ? { fonts } : {}), ...(lang ? { lang } : {}), glyphs };
}

export const tool = (cmd) => execFileSync(cmd, ['--version'], { encoding: 'utf8' }).split('\n')[0];

// Run as a script (not imported by make-paragraph-reference.mjs): write the hashtag fixture.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cases = HASHTAGS.map((c) => reference(c));
  mkdirSync(`${root}fixtures/shaping`, { recursive: true });
  writeFileSync(`${root}fixtures/shaping/hashtags.json`, `${JSON.stringify({
    madeBy: 'node scripts/make-shaping-reference.mjs',
    tools: [tool('hb-shape'), tool('fribidi')],
    cases,
  }, null, 1)}\n`);
  console.log(`fixtures/shaping/hashtags.json: ${cases.length} hashtags`);
}
