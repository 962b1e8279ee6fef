/**
 * The word engine takes HarfBuzz as a module it is given (src/words/harfbuzz.ts writes out the
 * part it uses). The package's real module must fit that shape: this file's type check fails when a
 * new version of harfbuzzjs changes it, and the font opened through it shapes as before.
 */
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { BUNDLED_FONT } from '../../src/text/font.js';
import { openFont } from '../../src/words/font.js';
import type { HarfBuzz } from '../../src/words/harfbuzz.js';

it("takes harfbuzzjs's own module as the HarfBuzz it is given, and shapes with it", async () => {
  const harfbuzz: HarfBuzz = await import('harfbuzzjs');
  const font = openFont(new Uint8Array(await readFile(BUNDLED_FONT)), 'Vazirmatn-Bold.ttf', harfbuzz);
  const glyphs = font.shapeRun('حلب', 0, 3, 'rtl', 'Arab');
  expect(glyphs).toHaveLength(3);
  // Joined: the three letters in their medial and final forms, not the isolated ones.
  const isolated = ['ح', 'ل', 'ب'].map((letter) => font.shapeRun(letter, 0, 1, 'rtl', 'Arab')[0]!.glyph);
  expect(glyphs.map((g) => g.glyph).reverse()).not.toEqual(isolated);
  expect(font.upem).toBe(2048);
});
