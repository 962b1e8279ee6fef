/**
 * The word engine's browser host (dist/web/words.js) in each engine, against the Node host: the
 * browser's HarfBuzz shapes as Node's does, and the canvas draws the overlay's SVG as librsvg does.
 * One browser per file; chromium/firefox/webkit.browser.test.ts call it. A missing browser fails
 * the file, as the page's browser tests do (.ci/run installs them).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { GOLDEN_CASES, goldenText } from '../../scripts/make-words-golden.mjs';
import { RedframeError } from '../../src/core/errors.js';
import { resolveOptions, type RenderOptions } from '../../src/options/resolve.js';
import { renderOverlay } from '../../src/overlay/overlay.js';
import { loadFontStack } from '../../src/text/font.js';
import { surfaceTextSvg } from '../../src/words/surface-text.js';
import { CARDS } from '../../src/words/surfaces.js';
import { deltaE, ROOT, tempDir } from '../helpers.js';
import { skipWhere } from '../platform.js';
import type { EnginePage, PageEngine } from '../page/engine.d.mts';
import { base64Of, fingerprint, makeEach, shapeEach, type Shaped } from './in-page.mjs';

/** What these tests need of an engine: test/page's engines have it, and Chromium's is a few lines. */
export type WordsEngine = Pick<PageEngine, 'name' | 'close'> & { open(file: string): Promise<Pick<EnginePage, 'evaluate' | 'errors' | 'close'>> };

/** The hashtags of the default look and a Persian one with a zero-width non-joiner (U+200C). */
const TEXTS = [{ text: '#حلب_تحترق' }, { text: '#AleppoIsBurning' }, { text: '#می\u200cخواهم_آزادی', language: 'fa' }];
const SIZE = 800;

/** Looks whose overlay the browser makes and Node makes: the default, a Persian banner, a Persian strip over a circle. */
const OVERLAY_LOOKS: [name: string, look: RenderOptions][] = [
  ['the default look', {}],
  ['a Persian banner', { text: ['#می\u200cخواهم_آزادی', '#Iran'], lang: 'fa' }],
  ['a Persian strip on a circle', { text: ['#می\u200cخواهم_آزادی'], lang: 'fa', banner: 'strip', shape: 'circle', format: 'png', size: 333 }],
];
/** A card with a message of two paragraphs, one in each direction, and the story with its avatar's circle. */
const CARD_LOOKS: [name: string, look: RenderOptions, drawing: { band: boolean; photo: boolean; slot?: boolean }][] = [
  ['post', { message: ['أوقفوا قصف حلب', 'Stop the bombing of Aleppo'] }, { band: false, photo: false }],
  ['story', { message: ['Saturday 12:00, Trafalgar Square', 'السبت الساعة ١٢ ظهرًا'] }, { band: true, photo: true, slot: true }],
];

/**
 * A page that holds the bundle as an inline module script, as the studio will ship it (Chromium
 * and WebKit refuse a module import from file://). Its closing export list becomes a call that
 * hands the exports over, and `window.__wordsReady` settles when they are there or on the first
 * script error (a failed start of the WebAssembly is one).
 */
export function wordsPage(js: string): string {
  const exports = /export\s*\{([^}]*)\};?\s*$/.exec(js);
  if (!exports) throw new Error('Expected dist/web/words.js to end with its export list');
  const pairs = exports[1]!.split(',').map((pair) => {
    const [local, exported = local] = pair.trim().split(/\s+as\s+/);
    return `${exported}: ${local}`;
  });
  const module = `${js.slice(0, exports.index)};window.__wordsLoaded({ ${pairs.join(', ')} });`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>words</title>
<script>
window.__wordsReady = new Promise((resolve, reject) => {
  window.__wordsLoaded = (words) => resolve((window.__words = words));
  addEventListener('error', (event) => reject(new Error(String(event.message))));
});
</script>
<script type="module">${module}</script>
</head><body></body></html>`;
}

/** Straight-alpha RGBA over mid-grey, then mean CIE76: over every pixel, and over those either draws. */
function meanDeltaEOverGrey(a: Uint8Array, b: Uint8Array): { all: number; drawn: number } {
  const over = (p: Uint8Array, i: number) => {
    const alpha = p[i + 3]! / 255;
    return { r: p[i]! * alpha + 128 * (1 - alpha), g: p[i + 1]! * alpha + 128 * (1 - alpha), b: p[i + 2]! * alpha + 128 * (1 - alpha) };
  };
  let all = 0;
  let drawn = 0;
  let drawnCount = 0;
  for (let i = 0; i < a.length; i += 4) {
    const difference = deltaE(over(a, i), over(b, i));
    all += difference;
    if (a[i + 3]! > 0 || b[i + 3]! > 0) {
      drawn += difference;
      drawnCount++;
    }
  }
  return { all: all / (a.length / 4), drawn: drawn / drawnCount };
}

export function wordsSuite(engineName: string, launch: () => Promise<WordsEngine>, missing?: string): void {
  let engine: WordsEngine;
  let page: Awaited<ReturnType<WordsEngine['open']>>;

  // Without the browser (missingBrowser in ../platform.ts), every test skips with that reason.
  beforeEach((ctx) => skipWhere(ctx, missing));
  beforeAll(async () => {
    if (missing) return;
    const dir = await tempDir('redframe-web-words-');
    // The bundle `npm run build` made (npm test builds first), as the studio will ship it.
    const [launched, js] = await Promise.all([launch(), readFile(join(ROOT, 'dist', 'web', 'words.js'), 'utf8')]);
    engine = launched;
    const file = join(dir, 'words.html');
    await writeFile(file, wordsPage(js));
    page = await engine.open(file);
    // The module has run to its end: HarfBuzz's WebAssembly started from the inlined bytes.
    expect(await page.evaluate(`window.__wordsReady.then((words) => typeof words.overlaySvgOf)`)).toBe('function');
  });

  afterAll(async () => {
    await engine?.close();
  });

  describe(`the word engine's browser host in ${engineName}`, () => {
    it("shapes the hashtags as Node's HarfBuzz does, glyph for glyph, in both bundled fonts", async () => {
      const words = `window.__words`;
      const inBrowser = (await page.evaluate(
        `(${shapeEach})(${words}.harfbuzz, [${words}.BUNDLED_FONT_BYTES.latin, ${words}.BUNDLED_FONT_BYTES.arabic], ${JSON.stringify(TEXTS)})`,
      )) as Shaped;
      const fonts = await Promise.all(
        ['IBMPlexSans-Bold.ttf', 'Vazirmatn-Bold.ttf'].map(async (file) => ({ file, bytes: new Uint8Array(await readFile(join(ROOT, 'assets', 'fonts', file))) })),
      );
      const inNode = shapeEach(await import('harfbuzzjs'), fonts, TEXTS);
      expect(inBrowser).toEqual(inNode);
      // Not an empty agreement: Vazirmatn has every letter of the Arabic and Persian hashtags (no glyph 0).
      const arabic = inNode[1]!.runs;
      expect(arabic.every((run) => run.glyphs.length > 5 && run.glyphs.every(([glyph]) => glyph !== 0))).toBe(true);
      expect(await page.errors()).toEqual([]);
    });

    it.each(OVERLAY_LOOKS)("makes the overlay SVG of %s byte for byte as Node's engine does", async (_name, look) => {
      const options = resolveOptions(look);
      const inBrowser = await page.evaluate(`window.__words.overlaySvgOf(${JSON.stringify(options)}, window.__words.fontStack())`);
      const inNode = (await renderOverlay(options)).svg;
      expect(inNode.length).toBeGreaterThan(10_000); // outlines of real glyphs, not an empty frame
      expect(inBrowser).toBe(inNode);
      expect(await page.errors()).toEqual([]);
    });

    it.each(CARD_LOOKS)("lays out the words of the %s card byte for byte as Node's engine does", async (name, look, drawing) => {
      const options = resolveOptions(look);
      const inBrowser = await page.evaluate(`window.__words.surfaceTextOf(${JSON.stringify(name)}, ${JSON.stringify(options)}, window.__words.fontStack(), ${JSON.stringify(drawing)}).svg`);
      const inNode = surfaceTextSvg(CARDS.find((card) => card.name === name)!, options, await loadFontStack(), drawing).svg;
      expect(inBrowser).toBe(inNode);
      expect(await page.errors()).toEqual([]);
    });

    it('makes every case of the golden matrix as fixtures/words/ holds it: every SVG and every refusal', async () => {
      type GoldenCase = { name: string; look: RenderOptions; surface?: { name: string }; drawing?: { band: boolean; photo: boolean; slot?: boolean } };
      const cases = [];
      const fonts: Record<string, string> = {};
      let refusedByOptions = 0;
      for (const { name, look, surface, drawing } of GOLDEN_CASES as GoldenCase[]) {
        let options;
        try {
          options = resolveOptions(look);
        } catch (error) {
          // Refused before the engine (the option checks run in Node): nothing for a browser to make.
          if (!(error instanceof RedframeError)) throw error;
          refusedByOptions++;
          continue;
        }
        for (const file of options.font) fonts[file] ??= (await readFile(file)).toString('base64');
        cases.push({ name, look: options, surface: surface?.name, drawing });
      }
      const inBrowser = await page.evaluate(`(${makeEach})(window.__words, ${JSON.stringify(fonts)}, ${JSON.stringify(cases)}, ${fingerprint})`);
      const golden = Object.fromEntries(await Promise.all(cases.map(async ({ name }) => [name, fingerprint(await goldenText(name))])));
      expect(cases.length).toBeGreaterThan(85);
      expect(refusedByOptions).toBeLessThan(5);
      expect(inBrowser).toEqual(golden);
      expect(await page.errors()).toEqual([]);
    });

    it("refuses a banner too long to read with the command's own message", async () => {
      const options = resolveOptions({ text: ['#' + 'حلب_تحترق_'.repeat(12)] });
      const refusal = await renderOverlay(options).then(() => undefined, (error: unknown) => error);
      expect(refusal).toBeInstanceOf(RedframeError);
      const inBrowser = await page.evaluate(`(() => { try { window.__words.overlaySvgOf(${JSON.stringify(options)}, window.__words.fontStack()); return 'made'; } catch (error) { return error.code + ': ' + error.message; } })()`);
      expect(inBrowser).toBe(`TEXT_TOO_LONG: ${(refusal as RedframeError).message}`);
    });

    it('draws the default overlay as librsvg does (mean CIE76 over mid-grey at most 0.5)', async () => {
      const options = resolveOptions({});
      const [drawn, node] = await Promise.all([
        page.evaluate(`window.__words.drawOverlayOf(${JSON.stringify(options)}, window.__words.fontStack()).then((overlay) => ${base64Of}(overlay.rgba))`),
        renderOverlay(options),
      ]);
      const canvas = Buffer.from(drawn as string, 'base64');
      const librsvg = node.rgba!;
      expect(canvas.length).toBe(SIZE * SIZE * 4);
      expect(librsvg.length).toBe(SIZE * SIZE * 4);
      const { all, drawn: where } = meanDeltaEOverGrey(canvas, librsvg);
      console.log(`${engine.name}: the default overlay, canvas vs librsvg, mean CIE76 over mid-grey ${all.toFixed(4)} over all pixels, ${where.toFixed(4)} where either has alpha > 0`);
      expect(all).toBeLessThanOrEqual(0.5);
      expect(where).toBeLessThanOrEqual(0.5);
      expect(await page.errors()).toEqual([]);
    });

    it("draws the circle mask as librsvg's circle", async () => {
      const circle = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}"><circle cx="${SIZE / 2}" cy="${SIZE / 2}" r="${SIZE / 2}" fill="#fff"/></svg>`;
      const [drawn, librsvg] = await Promise.all([
        page.evaluate(`window.__words.canvasRasteriser.circleMask(${SIZE}).then(${base64Of})`),
        sharp(Buffer.from(circle), { density: 72 }).ensureAlpha().extractChannel(3).raw().toBuffer(),
      ]);
      const mask = Buffer.from(drawn as string, 'base64');
      expect(mask.length).toBe(SIZE * SIZE);
      expect(librsvg.length).toBe(SIZE * SIZE);
      let total = 0;
      let largest = 0;
      let edge = 0;
      for (let i = 0; i < mask.length; i++) {
        const difference = Math.abs(mask[i]! - librsvg[i]!);
        total += difference;
        largest = Math.max(largest, difference);
        if (difference > 0) edge++;
      }
      console.log(`${engine.name}: circleMask(${SIZE}) vs librsvg, mean absolute difference ${(total / mask.length).toFixed(4)} of 255 over all pixels, ${(total / Math.max(edge, 1)).toFixed(2)} over the ${edge} that differ, largest ${largest}`);
      // Only the edge differs, by the renderers' anti-aliasing (Skia's, in Chromium and WebKitGTK,
      // sits about a quarter pixel inside librsvg's along the top and bottom): no pixel flips side.
      expect(total / mask.length).toBeLessThan(0.25);
      expect(largest).toBeLessThan(128);
      expect(await page.errors()).toEqual([]);
    });
  });
}
