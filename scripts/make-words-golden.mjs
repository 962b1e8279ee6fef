#!/usr/bin/env node
// The word engine's golden matrix: the SVG that the overlay (frame and banner) and the covers' and
// cards' words are made of, for 40-odd looks, written to fixtures/words/ (one file a case: the SVG,
// or `code: message` for a look that is refused). The SVG string is the engine's contract: a change
// that moves or restructures the engine must leave every file byte for byte as it is, and a change
// of the look shows here first, file by file. After `npm run build`:
//   node scripts/make-words-golden.mjs          rewrite fixtures/words/
//   node scripts/make-words-golden.mjs --check  compare with fixtures/words/, exit 1 on a difference
// test/words/golden.test.ts runs the check in `npm test`.
import { gunzipSync, gzipSync } from 'node:zlib';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolveOptions } from '../dist/options/resolve.js';
import { RedframeError } from '../dist/core/errors.js';
import { overlayGoldenSvg, surfaceGoldenSvg, COVERS, CARDS } from './words-golden-engine.mjs';

const OUT = fileURLToPath(new URL('../fixtures/words/', import.meta.url));
const font = (name) => fileURLToPath(new URL(`../fixtures/fonts/${name}`, import.meta.url));
const HEBREW = font('NotoSansHebrew-Bold.ttf');
const DEVANAGARI = font('NotoSansDevanagari-Bold-subset.ttf');

const ARABIC = '#حلب_تحترق';
const ENGLISH = '#AleppoIsBurning';
const PERSIAN = '#می\u200cخواهم_آزادی';
const URDU = '#حلب_جل_رہا_ہے_۲۰۱۶';

/** Overlay looks: the banner's scripts, kinds and sizes, the frames, and looks that are refused. */
const OVERLAYS = [
  ['default', {}],
  ['ring-64', { size: 64, banner: 'none' }],
  ['arc-142', { size: 142, text: ['#حلب'] }],
  ['default-333', { size: 333 }],
  ['default-2048', { size: 2048 }],
  ['default-4096', { size: 4096 }],
  ['strip', { banner: 'strip' }],
  ['strip-333', { banner: 'strip', size: 333 }],
  ['strip-2048-border', { banner: 'strip', size: 2048, frame: 'border' }],
  ['strip-one-line', { banner: 'strip', text: [ENGLISH] }],
  ['strip-circle', { banner: 'strip', shape: 'circle', format: 'png' }],
  ['none-ring', { banner: 'none' }],
  ['none-border', { banner: 'none', frame: 'border', frameWidth: 0.05 }],
  ['none-none', { banner: 'none', frame: 'none' }],
  ['arc-border', { frame: 'border' }],
  ['arc-no-frame', { frame: 'none' }],
  ['arc-wide-ring', { frameWidth: 0.12 }],
  ['arc-colours', { color: '#111111', frameColor: 'rgba(20, 20, 20, 0.6)', textColor: 'gold' }],
  ['arabic-only', { text: [ARABIC] }],
  ['english-only', { text: [ENGLISH] }],
  ['english-first', { text: [ENGLISH, ARABIC] }],
  ['three-segments', { text: ['#سوريا', '#حلب', '#Aleppo'] }],
  ['mixed-line', { text: ['#حلب Aleppo 2016'] }],
  ['latin-phrase', { text: ['Stand with Aleppo'] }],
  ['persian', { text: [PERSIAN], lang: 'fa' }],
  ['persian-strip', { text: [PERSIAN, '#Iran'], banner: 'strip', lang: 'fa' }],
  ['urdu', { text: [URDU], lang: 'ur' }],
  ['urdu-no-lang', { text: [URDU] }],
  ['hebrew', { text: ['#עזה_2024'], font: [HEBREW] }],
  ['hebrew-arabic', { text: ['#עזה', '#غزة'], font: [HEBREW] }],
  ['devanagari', { text: ['#भारत'], font: [DEVANAGARI] }],
  ['devanagari-strip', { text: ['#भारत', ENGLISH], font: [HEBREW, DEVANAGARI], banner: 'strip', size: 2048 }],
  ['cyrillic', { text: ['#Алеппо'] }],
  ['vietnamese', { text: ['#HàNội', '#ThủĐô'] }],
  ['joiners', { text: ['#می\u200cخواهم\u200f', '#Aleppo\u200e'] }],
  ['tab', { text: ['#Free\tThem'] }],
  ['circle-4096', { shape: 'circle', format: 'png', size: 4096, text: [ARABIC] }],
  ['long-arc-fits', { text: ['#حلب_تحترق_منذ_سنوات', '#AleppoHasBeenBurningForYears'] }],
  // Refusals: the message is the output.
  ['refused-too-long', { text: ['#' + 'حلب_تحترق_'.repeat(12)] }],
  ['refused-too-small', { size: 64 }],
  ['refused-too-small-short', { size: 64, text: ['#حلب'] }],
  ['refused-strip-too-long', { banner: 'strip', text: ['#' + 'AleppoIsBurning'.repeat(8)] }],
  ['refused-missing-glyph', { text: ['#עזה'] }],
  ['refused-control', { text: ['#Aleppo\u202eIsBurning'] }],
  ['refused-invisible', { text: ['\u200b\u200c'] }],
  ['refused-inkless', { text: ['#🔥'], font: [font('NotoColorEmoji-subset.ttf')] }],
];

const ONE_RTL = ['أوقفوا قصف حلب'];
const ONE_LTR = ['Stop the bombing of Aleppo'];
const TWO_RTL = ['أوقفوا قصف حلب', 'Stop the bombing of Aleppo'];
const TWO_LTR = ['Saturday 12:00, Trafalgar Square', 'السبت الساعة ١٢ ظهرًا، ساحة الطرف الأغر'];

/** Surface looks: every cover and card with one and two paragraphs in both directions, and more. */
const SURFACES = [
  ...[['one-rtl', ONE_RTL], ['one-ltr', ONE_LTR], ['two-rtl', TWO_RTL], ['two-ltr', TWO_LTR]].flatMap(([name, message]) =>
    [...COVERS, ...CARDS].map((surface) => [`${surface.name}-${name}`, surface, { message }, {}])),
  ...[...COVERS, ...CARDS].map((surface) => [`${surface.name}-hashtags-only`, surface, {}, {}]),
  ...CARDS.map((surface) => [`${surface.name}-photo-band`, surface, { message: TWO_RTL }, { band: true, photo: true }]),
  ['story-slot', CARDS[2], { message: TWO_RTL }, { slot: true }],
  ['story-slot-photo', CARDS[2], { message: ONE_LTR }, { slot: true, band: true, photo: true }],
  ['post-message-only', CARDS[0], { banner: 'none', message: ONE_RTL }, {}],
  ['post-languages', CARDS[0], { message: { fa: 'آزادی برای حلب', en: 'Freedom for Aleppo' } }, {}],
  ['facebook-hebrew', COVERS[0], { text: ['#עזה'], font: [HEBREW], message: ['Stop the war'] }, {}],
  ['youtube-colours', COVERS[3], { color: 'black', frameColor: '#333', textColor: 'white', message: TWO_LTR }, { band: true, photo: false }],
  ['x-required-break', COVERS[1], { message: ['Saturday\u2028Trafalgar Square'] }, {}],
  // Refusals.
  ['refused-linkedin-long', COVERS[2], { message: ['أوقفوا قصف حلب', 'Stop the bombing of Aleppo', 'Saturday 12:00, Trafalgar Square, London, and every city'] }, {}],
  ['story-long-message', CARDS[2], { message: ['word '.repeat(150)] }, {}],
  ['refused-hashtag-wide', CARDS[0], { text: ['#' + 'AleppoIsBurning'.repeat(6)] }, {}],
];

/** `code: message` for a refusal, so a changed wording shows as well as a changed drawing. */
async function outcome(make) {
  try {
    return { ext: 'svg', text: await make() };
  } catch (error) {
    if (!(error instanceof RedframeError)) throw error;
    return { ext: 'error.txt', text: `${error.code}: ${error.message}\n` };
  }
}

/**
 * Every case of the matrix, in a fixed order: its name (the fixture's), the look as given, and for
 * a cover or card its surface and how it is drawn. test/web-words/ makes the same cases in browsers.
 */
export const GOLDEN_CASES = [
  ...OVERLAYS.map(([name, look]) => ({ name: `overlay-${name}`, look })),
  ...SURFACES.map(([name, surface, look, drawing]) => ({ name: `surface-${name}`, look, surface, drawing: { band: false, photo: false, ...drawing } })),
];

/** Every case's name, file extension and text, in a fixed order. */
export async function goldenMatrix() {
  const cases = [];
  for (const { name, look, surface, drawing } of GOLDEN_CASES) {
    const make = surface ? () => surfaceGoldenSvg(surface, resolveOptions(look), drawing) : () => overlayGoldenSvg(resolveOptions(look));
    cases.push({ name, ...await outcome(make) });
  }
  return cases;
}

// SVGs are stored gzipped (fixtures/words/*.svg.gz, about a tenth of the size): the comparison is
// of the SVG text itself, after gunzip.
const fileOf = ({ name, ext }) => (ext === 'svg' ? `${name}.svg.gz` : `${name}.${ext}`);
const encode = ({ ext, text }) => (ext === 'svg' ? gzipSync(text, { level: 9, mtime: 0 }) : text);
const decode = (file, bytes) => (file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8'));

/** What fixtures/words/ holds for a case: the SVG, or `code: message` and a newline for a refusal. */
export async function goldenText(name) {
  for (const file of [`${name}.svg.gz`, `${name}.error.txt`]) {
    const bytes = await readFile(OUT + file).catch(() => undefined);
    if (bytes) return decode(file, bytes);
  }
  throw new Error(`Expected fixtures/words/${name}.svg.gz or .error.txt but there is neither; run node scripts/make-words-golden.mjs`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const cases = await goldenMatrix();
  if (check) {
    const present = new Set(await readdir(OUT).catch(() => []));
    const problems = [];
    for (const c of cases) {
      const file = fileOf(c);
      if (!present.has(file)) { problems.push(`${file}: missing`); continue; }
      present.delete(file);
      const expected = decode(file, await readFile(OUT + file));
      if (expected !== c.text) problems.push(`${file}: differs (${expected.length} characters expected, ${c.text.length} made)`);
    }
    for (const extra of present) problems.push(`${extra}: no longer made`);
    if (problems.length > 0) {
      console.error(`words golden: ${problems.length} of ${cases.length} cases differ\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`words golden: ${cases.length} cases, byte for byte the same (${cases.filter((c) => c.ext === 'svg').length} SVGs, ${cases.filter((c) => c.ext !== 'svg').length} refusals)`);
  } else {
    await rm(OUT, { recursive: true, force: true });
    await mkdir(OUT, { recursive: true });
    for (const c of cases) await writeFile(OUT + fileOf(c), encode(c));
    console.log(`fixtures/words/: ${cases.length} cases`);
  }
}
