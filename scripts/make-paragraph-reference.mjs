#!/usr/bin/env node
// Makes fixtures/shaping/paragraphs.json: messages of several paragraphs laid out by redframe
// (dist/words/paragraph.js, so run `npm run build` first) into a box, and for every line the glyphs
// that GNU FriBidi and hb-shape give for that line alone, in its paragraph's direction (fribidi
// --basedir on the whole paragraph) with every hashtag isolated: see make-shaping-reference.mjs
// for what comes from which tool. test/words/paragraph.test.ts lays the same messages out and
// compares line by line. Run once, on Debian or Ubuntu, and commit the result:
//
//   apt-get install libharfbuzz-bin libfribidi-bin
//   npm run build && node scripts/make-paragraph-reference.mjs
import { writeFileSync } from 'node:fs';
import { baseDirection, reference, tool } from './make-shaping-reference.mjs';

const root = new URL('..', import.meta.url).pathname;
const { loadFontStack } = await import(`${root}dist/text/font.js`);
const { layoutParagraphs } = await import(`${root}dist/words/paragraph.js`);

/** Real campaign messages: Arabic and English paragraphs, hashtags inside lines and alone. */
export const MESSAGES = [
  {
    name: 'Arabic then English, two paragraphs, in a story-wide box',
    paragraphs: [
      { text: 'أوقفوا قصف حلب. المدنيون تحت الحصار منذ أشهر، والمستشفيات تُقصف كل يوم. #حلب_تحترق' },
      { text: 'Stop the bombing of Aleppo. Civilians have been under siege for months, and hospitals are bombed every day. #AleppoIsBurning' },
    ],
    box: { width: 952, height: 1330 }, maxFontSize: 90, minFontSize: 39,
  },
  {
    name: 'English then Arabic, narrow, a hashtag of the other direction in each',
    paragraphs: [
      { text: 'Saturday 12:00 at the town hall: bring something red. #حلب_تحترق #AleppoIsBurning' },
      { text: 'السبت الساعة ١٢ أمام البلدية: احملوا شيئًا أحمر. #AleppoIsBurning #حلب_تحترق' },
    ],
    box: { width: 600, height: 1300 }, maxFontSize: 70, minFontSize: 30,
  },
];

const fonts = await loadFontStack();
const cases = MESSAGES.map(({ name, paragraphs, box, maxFontSize, minFontSize }) => {
  const block = layoutParagraphs(paragraphs, fonts, box, { maxFontSize, minFontSize, what: name });
  const lines = block.lines.map((line) => {
    const direction = baseDirection(paragraphs[line.paragraph].text);
    return { paragraph: line.paragraph, text: line.text, glyphs: reference({ text: line.text, direction, isolateAll: true }).glyphs };
  });
  return { name, paragraphs, box, maxFontSize, minFontSize, lines };
});
writeFileSync(`${root}fixtures/shaping/paragraphs.json`, `${JSON.stringify({
  madeBy: 'npm run build && node scripts/make-paragraph-reference.mjs',
  tools: [tool('hb-shape'), tool('fribidi')],
  cases,
}, null, 1)}\n`);
console.log(`fixtures/shaping/paragraphs.json: ${cases.length} messages, ${cases.reduce((n, c) => n + c.lines.length, 0)} lines`);
