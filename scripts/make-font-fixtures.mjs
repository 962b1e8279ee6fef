#!/usr/bin/env node
// Makes the fonts in fixtures/fonts/ that the text tests shape with, from Debian's Noto fonts.
// Run once, as root on Debian or Ubuntu, and commit the result (npm test needs none of these
// packages):
//
//   apt-get install libharfbuzz-bin fonts-noto-core fonts-noto-color-emoji
//   node scripts/make-font-fixtures.mjs
//
// Noto fonts are under the SIL Open Font Licence 1.1 with no reserved font name, so the subsets
// below (made with hb-subset, keeping every layout feature) may carry their names.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const NOTO = '/usr/share/fonts/truetype/noto';
const out = (name) => new URL(`../fixtures/fonts/${name}`, import.meta.url).pathname;
mkdirSync(out(''), { recursive: true });

// Hebrew: the whole font (27 KB). It has no "#" and no "_": the bundled fonts must supply them.
copyFileSync(`${NOTO}/NotoSansHebrew-Bold.ttf`, out('NotoSansHebrew-Bold.ttf'));

// Devanagari: only the letters of the test hashtags, with every feature their shaping needs.
const DEVANAGARI_WORDS = 'भारत हिंदी किसान आंदोलन दिल्ली स्वतंत्रता नमस्ते जय_हिन्द मुंबई';
subset(`${NOTO}/NotoSansDevanagari-Bold.ttf`, DEVANAGARI_WORDS, out('NotoSansDevanagari-Bold-subset.ttf'));

// A colour-bitmap font (pictures, no outlines), as most emoji fonts are: one emoji and "#".
subset(`${NOTO}/NotoColorEmoji.ttf`, '🔥#', out('NotoColorEmoji-subset.ttf'));

// A collection: face 0 is the emoji font, face 1 the Hebrew one (for `file.ttc#1`).
writeFileSync(out('collection.ttc'), collection([out('NotoColorEmoji-subset.ttf'), out('NotoSansHebrew-Bold.ttf')]));

function subset(font, text, output) {
  execFileSync('hb-subset', [`--font-file=${font}`, `--text=${text}`, '--layout-features=*', `--output-file=${output}`]);
  console.log(output);
}

/**
 * Packs fonts into one TrueType collection: a `ttcf` header with one offset per face, then each
 * face's table directory and tables, with table offsets rewritten to count from the file's start.
 */
function collection(files) {
  const fonts = files.map((file) => readFileSync(file));
  const header = 12 + 4 * fonts.length;
  const parts = [];
  const faceOffsets = [];
  let offset = header;
  for (const font of fonts) {
    const tables = font.readUInt16BE(4);
    const directory = Buffer.from(font.subarray(0, 12 + 16 * tables));
    faceOffsets.push(offset);
    offset += directory.length;
    const data = [];
    for (let i = 0; i < tables; i++) {
      const record = 12 + 16 * i;
      const start = font.readUInt32BE(record + 8);
      const length = font.readUInt32BE(record + 12);
      const padded = Buffer.alloc(Math.ceil(length / 4) * 4);
      font.copy(padded, 0, start, start + length);
      directory.writeUInt32BE(0, record + 8); // filled in below, once the directory's place is known
      data.push({ record, padded });
    }
    parts.push(directory);
    for (const { record, padded } of data) {
      directory.writeUInt32BE(offset, record + 8);
      parts.push(padded);
      offset += padded.length;
    }
  }
  const head = Buffer.alloc(header);
  head.write('ttcf', 0, 'latin1');
  head.writeUInt32BE(0x00010000, 4);
  head.writeUInt32BE(fonts.length, 8);
  faceOffsets.forEach((faceOffset, i) => head.writeUInt32BE(faceOffset, 12 + 4 * i));
  console.log(out('collection.ttc'));
  return Buffer.concat([head, ...parts]);
}
