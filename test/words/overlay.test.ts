import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/options/resolve.js';
import { bendAlongArc, placeStraight, polygonsToPath } from '../../src/words/geometry.js';
import { renderOverlay } from '../../src/overlay/overlay.js';
import { arcOrder, overlaySvg } from '../../src/words/overlay.js';
import { loadFont } from '../../src/text/font.js';
import { shapeLine, type ShapedLine } from '../../src/words/shaping.js';
import { countParts } from '../helpers.js';

const font = await loadFont();
const SIZE = 1000;

/** Rasterises polygons and counts the separate shapes a reader would see. */
async function partsOf(polygons: [number, number][][]): Promise<number> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}"><path d="${polygonsToPath(polygons)}" fill="#fff"/></svg>`;
  const alpha = await sharp(Buffer.from(svg)).extractChannel(3).raw().toBuffer();
  // Mostly-covered pixels only: the two dots of ت touch at their tips in this font, and a faint
  // anti-aliased bridge there is not a join a reader would see.
  return countParts(SIZE, SIZE, (x, y) => alpha[y * SIZE + x]! > 200);
}

// Proportions of the real banner on a 1000 px avatar: 65 px letters on a 450 px radius.
const scaleFor = (line: ShapedLine) => 65 / line.upem;
const straight = (line: ShapedLine) => placeStraight(line, { left: 20, baseline: 500, scale: scaleFor(line) });
const bent = (line: ShapedLine) =>
  bendAlongArc(line, { centre: SIZE / 2, baselineRadius: 450, referenceRadius: 425, startAngle: Math.PI / 2 + 0.5, scale: scaleFor(line) });

describe('bendAlongArc', () => {
  it.each(['#حلب_تحترق', 'تحترق', 'آزادی'])('keeps %s joined: as many separate parts bent as straight', async (text) => {
    const line = shapeLine(text, font);
    const flat = await partsOf(straight(line));
    expect(flat).toBeGreaterThan(1); // dots and unjoinable letters are separate parts
    expect(await partsOf(bent(line))).toBe(flat);
  });

  it('would notice broken joins: the same letters with joins cut have more parts', async () => {
    const joined = await partsOf(straight(shapeLine('تحتق', font)));
    const cut = await partsOf(straight(shapeLine('ت\u200cح\u200cت\u200cق', font))); // zero-width non-joiners
    expect(cut).toBeGreaterThan(joined);
  });

  it('reads upright at the bottom: glyph tops point at the centre', () => {
    const line = shapeLine('I', font);
    const polygons = bendAlongArc(line, { centre: 300, baselineRadius: 250, startAngle: Math.PI / 2, scale: 0.1 });
    const ys = polygons.flat().map(([, y]) => y);
    // The baseline is at y = 550 (bottom of the circle); the letter rises towards the centre.
    expect(Math.max(...ys)).toBeLessThanOrEqual(551);
    expect(Math.min(...ys)).toBeLessThan(540);
  });
});

describe('arc banner', () => {
  it('puts the right-to-left segment on the right half and the left-to-right one on the left', () => {
    const arabic = shapeLine('#حلب_تحترق', font);
    const latin = shapeLine('#AleppoIsBurning', font);
    expect(arcOrder([arabic, latin])).toEqual([latin, arabic]);
    expect(arcOrder([latin, arabic])).toEqual([latin, arabic]);
    const three = [latin, arabic, latin];
    expect(arcOrder(three)).toBe(three); // more segments share the arc in the given order
  });

  it('draws text as outlines only, never <text>, so no system font is needed', () => {
    const options = resolveOptions({ size: 400 });
    const svg = overlaySvg(options, options.text.map((t) => shapeLine(t, font)));
    expect(svg).not.toMatch(/<text/);
    expect(svg).toMatch(/<circle/);
    expect(svg).toMatch(/<path d="M/);
  });

  it('shrinks text to fit, and refuses text too long to be legible', async () => {
    // A short text is drawn: white letters in the band at the bottom of the ring.
    const short = await renderOverlay(resolveOptions({ size: 400, text: ['#Aleppo'] }));
    let letters = 0;
    for (let y = 320; y < 400; y++) {
      for (let x = 0; x < 400; x++) {
        const i = (y * 400 + x) * 4;
        if (short.rgba![i]! > 230 && short.rgba![i + 1]! > 230 && short.rgba![i + 3]! > 230) letters++;
      }
    }
    expect(letters).toBeGreaterThan(200);
    const long = resolveOptions({ size: 400, text: ['#' + 'VeryLongHashtag'.repeat(6)] });
    await expect(renderOverlay(long)).rejects.toThrow(/too long to fit on the arc at a legible size$/);
    const strip = resolveOptions({ size: 400, banner: 'strip', text: ['#' + 'VeryLongHashtag'.repeat(6)] });
    await expect(renderOverlay(strip)).rejects.toThrow(/too long to fit in the strip/);
  });

  it('keeps the banner inside the inscribed circle, where every platform shows it', async () => {
    for (const banner of ['arc', 'strip'] as const) {
      const overlay = await renderOverlay(resolveOptions({ size: 300, banner, frame: 'none' }));
      const rgba = overlay.rgba!;
      let outside = 0;
      for (let y = 0; y < 300; y++) {
        for (let x = 0; x < 300; x++) {
          const r = Math.hypot(x + 0.5 - 150, y + 0.5 - 150);
          if (r > 151.5 && rgba[(y * 300 + x) * 4 + 3]! > 8) outside++;
        }
      }
      expect(outside, banner).toBe(0);
    }
  });
});
