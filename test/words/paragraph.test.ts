// Paragraph layout for covers and cards. The per-line reference in fixtures/shaping/paragraphs.json
// was made once by scripts/make-paragraph-reference.mjs with GNU FriBidi and hb-shape (see there),
// so this test needs neither tool.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RedframeError } from '../../src/core/errors.js';
import { loadFontStack } from '../../src/text/font.js';
import { breakOpportunities, layoutParagraphs, type Paragraph } from '../../src/words/paragraph.js';
import { shapeLine } from '../../src/words/shaping.js';
import { fixture } from '../helpers.js';

interface Case {
  name: string;
  paragraphs: Paragraph[];
  box: { width: number; height: number };
  maxFontSize: number;
  minFontSize: number;
  lines: { paragraph: number; text: string; glyphs: string[] }[];
}
const reference: { tools: string[]; cases: Case[] } = JSON.parse(await readFile(fixture('shaping', 'paragraphs.json'), 'utf8'));
const fonts = await loadFontStack();
const settings = (c: Pick<Case, 'maxFontSize' | 'minFontSize'>) => ({ maxFontSize: c.maxFontSize, minFontSize: c.minFontSize, what: 'the message' });

describe('breakOpportunities', () => {
  it('follows UAX #14 between words, and never breaks inside a hashtag', () => {
    const text = 'أوقفوا قصف حلب #حلب_تحترق #stop-the-war now';
    const positions = breakOpportunities(text).map((b) => b.position);
    expect(positions).toEqual([7, 11, 15, 26, 40, text.length]);
    for (const tag of ['#حلب_تحترق', '#stop-the-war']) {
      const start = text.indexOf(tag);
      expect(positions.filter((p) => p > start && p < start + tag.length), tag).toEqual([]);
    }
    // Without the hashtag rule, UAX #14 would break after each hyphen.
    expect(breakOpportunities('stop-the-war').map((b) => b.position)).toEqual([5, 9, 12]);
  });
});

describe(`layoutParagraphs compared line by line with ${reference.tools.join(' and ')}`, () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const block = layoutParagraphs(c.paragraphs, fonts, c.box, settings(c));
    // Several lines per paragraph, in reading order, each paragraph starting on a new line.
    expect(block.lines.map((l) => [l.paragraph, l.text])).toEqual(c.lines.map((l) => [l.paragraph, l.text]));
    for (const p of c.paragraphs.keys()) expect(block.lines.filter((l) => l.paragraph === p).length).toBeGreaterThan(2);
    // Each line, shaped alone in its paragraph's direction, has the reference's glyphs in visual order.
    block.lines.forEach((placed, i) => {
      const glyphs = placed.line.glyphs.map((glyph, k) => `${basename(placed.line.glyphFonts[k]!)}:${glyph}`);
      expect(glyphs, placed.text).toEqual(c.lines[i]!.glyphs);
    });
  });

  it('keeps #حلب_تحترق and #AleppoIsBurning whole on every line, in their own direction', () => {
    for (const c of reference.cases) {
      const block = layoutParagraphs(c.paragraphs, fonts, c.box, settings(c));
      const all = block.lines.map((l) => l.text).join(' ');
      for (const tag of ['#حلب_تحترق', '#AleppoIsBurning']) {
        const count = c.paragraphs.map((p) => p.text.split(tag).length - 1).reduce((a, b) => a + b, 0);
        expect(all.split(tag).length - 1, tag).toBe(count);
      }
      // "#AleppoIsBurning" alone on a line of an Arabic paragraph still starts with its # on the left.
      const alone = block.lines.find((l) => l.text === '#AleppoIsBurning' && l.line.direction === 'rtl');
      if (alone) expect(alone.line.glyphs).toEqual(shapeLine('#AleppoIsBurning', fonts).glyphs);
    }
  });
});

describe('layoutParagraphs: size, balance, refusal', () => {
  const english: Paragraph[] = [{ text: 'Stop the bombing of Aleppo' }];
  const wide = { maxFontSize: 400, minFontSize: 20, what: 'the message' };

  it('chooses the largest size that fits the box, never above the maximum', () => {
    const small = layoutParagraphs(english, fonts, { width: 400, height: 300 }, wide);
    const large = layoutParagraphs(english, fonts, { width: 800, height: 600 }, wide);
    expect(large.fontSize).toBeGreaterThan(small.fontSize * 1.8);
    for (const block of [small, large]) {
      expect(block.height).toBeLessThanOrEqual(large === block ? 600 : 300);
      expect(block.width).toBeLessThanOrEqual(large === block ? 800 : 400);
    }
    expect(layoutParagraphs(english, fonts, { width: 4000, height: 4000 }, { ...wide, maxFontSize: 50 }).fontSize).toBe(50);
  });

  it('balances the lines: no lone word under a full line', () => {
    const text = 'Stop the bombing of Aleppo now';
    const box = { width: 820, height: 200 };
    const block = layoutParagraphs([{ text }], fonts, box, { ...wide, maxFontSize: 60 });
    // At this size the words fill one line and leave "now" alone on the next.
    const oneLine = shapeLine(text, fonts).width * block.scale;
    expect(oneLine).toBeGreaterThan(box.width);
    expect(shapeLine('Stop the bombing of Aleppo', fonts).width * block.scale).toBeLessThanOrEqual(box.width);
    expect(block.lines.map((l) => l.text)).toEqual(['Stop the bombing', 'of Aleppo now']);
  });

  it('centres every line in the box', () => {
    const block = layoutParagraphs(reference.cases[0]!.paragraphs, fonts, { width: 900, height: 1300 }, wide);
    for (const l of block.lines) expect(l.left + (l.line.width * block.scale) / 2).toBeCloseTo(450, 5);
  });

  it('refuses text too long to be legible, saying how much to cut', () => {
    const long = reference.cases[0]!.paragraphs.map((p) => ({ text: Array(6).fill(p.text).join(' ') }));
    let error: unknown;
    try {
      layoutParagraphs(long, fonts, { width: 952, height: 1330 }, { maxFontSize: 90, minFontSize: 39, what: 'the message for story.jpg' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RedframeError);
    expect((error as RedframeError).code).toBe('TEXT_TOO_LONG');
    const match = /^the message for story\.jpg is too long to fit at the smallest legible size \(39 px\): cut about (\d+) of its (\d+) characters/.exec((error as Error).message);
    expect(match, (error as Error).message).not.toBeNull();
    const [cut, total] = [Number(match![1]), Number(match![2])];
    expect(total).toBe(long.reduce((n, p) => n + [...p.text].length, 0));
    // Cutting that many characters from the end (at a space) makes it fit.
    const last = long.at(-1)!.text;
    const shorter = [...long.slice(0, -1), { text: last.slice(0, last.lastIndexOf(' ', [...last].length - cut)) }];
    expect(cut).toBeGreaterThan(0);
    expect(() => layoutParagraphs(shorter, fonts, { width: 952, height: 1330 }, { maxFontSize: 90, minFontSize: 39, what: 'the message' })).not.toThrow();
  });
});
