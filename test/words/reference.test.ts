// redframe's shaping against GNU FriBidi and HarfBuzz's hb-shape: the reference in
// fixtures/shaping/hashtags.json was made once by scripts/make-shaping-reference.mjs (see there
// for what comes from which tool), so this test needs neither tool.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontStack } from '../../src/text/font.js';
import { shapeLine } from '../../src/words/shaping.js';
import { fixture } from '../helpers.js';

interface Case { text: string; fonts?: string[]; lang?: string; glyphs: string[] }
const reference: { tools: string[]; cases: Case[] } = JSON.parse(await readFile(fixture('shaping', 'hashtags.json'), 'utf8'));

describe(`shaping compared with ${reference.tools.join(' and ')}`, () => {
  it('covers at least 40 real hashtags in Arabic, Persian, Urdu, Kurdish, Hebrew, Devanagari and Latin', () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(40);
    for (const script of ['Arabic', 'Hebrew', 'Devanagari', 'Latin']) {
      expect(reference.cases.some((c) => new RegExp(`\\p{Script=${script}}`, 'u').test(c.text)), script).toBe(true);
    }
    for (const persianOrKurdish of ['ی', 'ە', 'ۆ']) expect(reference.cases.some((c) => c.text.includes(persianOrKurdish))).toBe(true);
    expect(reference.cases.some((c) => c.lang === 'ur')).toBe(true);
  });

  it.each(reference.cases.map((c) => [c.text + (c.lang ? ` (${c.lang})` : ''), c] as const))('%s: the same glyphs in the same visual order', async (_, c) => {
    const fonts = await loadFontStack((c.fonts ?? []).map((f) => fixture('fonts', f)));
    const line = shapeLine(c.text, fonts, { language: c.lang });
    expect(line.glyphs.map((glyph, i) => `${basename(line.glyphFonts[i]!)}:${glyph}`)).toEqual(c.glyphs);
  });
});
