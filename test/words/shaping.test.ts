import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFont, loadFontStack } from '../../src/text/font.js';
import { baseDirection } from '../../src/words/bidi-runs.js';
import { missingCharacters, shapeLine } from '../../src/words/shaping.js';
import { fixture } from '../helpers.js';

const font = await loadFont();
const glyphOf = (char: string) => shapeLine(char, font).glyphs[0]!;

describe('shapeLine', () => {
  it('joins Arabic letters: contextual forms differ from isolated ones', () => {
    const joined = shapeLine('حلب', font).glyphs; // visual order: ب ل ح from left to right
    const isolated = ['ب', 'ل', 'ح'].map(glyphOf);
    expect(joined).toHaveLength(3);
    joined.forEach((glyph, i) => expect(glyph).not.toBe(isolated[i]));
  });

  it('puts the # of #حلب_تحترق on the right and of #AleppoIsBurning on the left', () => {
    const hash = glyphOf('#');
    const arabic = shapeLine('#حلب_تحترق', font);
    const latin = shapeLine('#AleppoIsBurning', font);
    expect(arabic.direction).toBe('rtl');
    expect(arabic.glyphs.at(-1)).toBe(hash);
    expect(arabic.glyphs[0]).not.toBe(hash);
    expect(latin.direction).toBe('ltr');
    expect(latin.glyphs[0]).toBe(hash);
  });

  it('orders mixed runs by the bidi algorithm, like a browser', () => {
    // Logical "Stop القصف now" in a left-to-right paragraph: the Arabic run is reversed in place.
    const line = shapeLine('Stop القصف now', font);
    expect(line.direction).toBe('ltr');
    expect(line.glyphs[0]).toBe(glyphOf('S'));
    expect(line.glyphs.at(-1)).toBe(glyphOf('w'));
    // The first letter of the Arabic word (ا of ال) is its rightmost glyph, just before " now".
    const arabic = shapeLine('القصف', font).glyphs;
    const start = line.glyphs.indexOf(arabic[0]!);
    expect(line.glyphs.slice(start, start + arabic.length)).toEqual(arabic);
  });

  it('reads file names left to right when asked, like a file manager', () => {
    // "صور/حلب.jpg": the Arabic run is reversed in place, the extension stays on the right.
    const line = shapeLine('صور/حلب.jpg', font, 'ltr');
    const halab = shapeLine('حلب', font).glyphs;
    const sowar = shapeLine('صور', font).glyphs;
    expect(line.direction).toBe('ltr');
    expect(line.glyphs.slice(0, 7)).toEqual([...halab, glyphOf('/'), ...sowar]);
    expect(line.glyphs.at(-1)).toBe(glyphOf('g'));
  });

  it('lays glyphs out on one baseline from x = 0, in font units', () => {
    const line = shapeLine('#AleppoIsBurning', font);
    const xs = line.contours.flat().map(([x]) => x);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(line.width);
    expect(line.width).toBeGreaterThan(5 * line.upem); // 16 letters are wider than 5 em
  });

  it('reports every character the font lacks, and nothing it has', () => {
    expect(missingCharacters('#حلب_تحترق #AleppoIsBurning 2016 آزادی', font)).toEqual([]);
    expect(missingCharacters('שלום 東京', font)).toEqual(['ש', 'ל', 'ו', 'ם', '東', '京']);
    expect(() => shapeLine('Hi 東京', font)).toThrow(/has no glyph for U\+6771 "東", U\+4EAC "京" in "Hi 東京"$/);
  });

  it('tells where a reader starts from the first strong character', () => {
    expect(baseDirection('#حلب_تحترق')).toBe('rtl');
    expect(baseDirection('2016 #Aleppo')).toBe('ltr');
    expect(baseDirection('#آزادی')).toBe('rtl');
  });
});

describe('loadFont', () => {
  it('refuses a file that is not a font, naming it', async () => {
    await expect(loadFont(new URL('../../fixtures/photos/SOURCES.md', import.meta.url).pathname)).rejects.toThrow(
      /not a TrueType or OpenType font$/,
    );
    await expect(loadFont('/no/such/font.ttf')).rejects.toThrow(/cannot read the font \(no such file\)/);
  });
});

describe('shapeLine with a font stack', () => {
  const hebrew = fixture('fonts', 'NotoSansHebrew-Bold.ttf');
  const fromFont = (line: ReturnType<typeof shapeLine>) => line.glyphFonts.map((f) => basename(f));

  it('draws each character with the first font that has it, the bundled fonts last', async () => {
    const line = shapeLine('#עזה_2024', await loadFontStack([hebrew]));
    // Left to right on the line: 2024, _, ה ז ע, #. The Hebrew font has the letters only: the
    // digits, "_" and "#" come from the bundled Vazirmatn.
    expect(fromFont(line)).toEqual([
      'Vazirmatn-Bold.ttf', 'Vazirmatn-Bold.ttf', 'Vazirmatn-Bold.ttf', 'Vazirmatn-Bold.ttf', 'Vazirmatn-Bold.ttf',
      'NotoSansHebrew-Bold.ttf', 'NotoSansHebrew-Bold.ttf', 'NotoSansHebrew-Bold.ttf', 'Vazirmatn-Bold.ttf',
    ]);
  });

  it('draws a Latin hashtag all in the Latin font and an Arabic one all in Vazirmatn, "#" and "_" included', async () => {
    const stack = await loadFontStack();
    expect(new Set(fromFont(shapeLine('#Aleppo_Is_Burning', stack)))).toEqual(new Set(['IBMPlexSans-Bold.ttf']));
    expect(new Set(fromFont(shapeLine('#حلب_تحترق', stack)))).toEqual(new Set(['Vazirmatn-Bold.ttf']));
  });

  it('scales fonts of different units per em to one size: the same cap height in line units', async () => {
    const stack = await loadFontStack();
    const latin = shapeLine('H', stack); // IBM Plex Sans, 1000 units per em
    const top = Math.max(...latin.contours.flat().map(([, y]) => y));
    expect(latin.upem).toBe(2048);
    expect(top / latin.upem).toBeCloseTo(0.698, 2); // Plex's cap height, 698/1000 em
  });

  it('lays out each space-separated hashtag as an isolate', async () => {
    const stack = await loadFontStack();
    const mixed = shapeLine('#حلب #Aleppo', stack);
    expect(mixed.direction).toBe('rtl');
    // Visual order, left to right: "#Aleppo", the space, then "#حلب" with its "#" at the far right.
    expect(mixed.glyphs.slice(0, 7)).toEqual(shapeLine('#Aleppo', stack).glyphs);
    expect(mixed.glyphs.slice(8)).toEqual(shapeLine('#حلب', stack).glyphs);
  });
});
