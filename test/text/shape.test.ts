import { describe, expect, it } from 'vitest';
import { loadFont } from '../../src/text/font.js';
import { baseDirection, missingCharacters, shapeLine } from '../../src/text/shape.js';

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
