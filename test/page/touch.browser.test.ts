/**
 * The campaign page on a phone, by touch: Chromium with a phone's screen (390x844, touch, mobile
 * viewport), touches sent as the phone's touch screen sends them (CDP Input.dispatchTouchEvent).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCampaignPage } from '../../src/page/page.js';
import { photo, tempDir } from '../helpers.js';
import { idSelector } from './selectors.js';
import { CHROMIUM, launchChromium, openCampaignPage } from './chromium.mjs';
import { missingBrowser, skipWhere } from '../platform.js';

const SIZE = 400;
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale: 'en-GB' };

let browser: Browser;
let pageFile: string;

const missing = missingBrowser('Chromium', CHROMIUM, 'REDFRAME_CHROMIUM');
beforeEach((ctx) => skipWhere(ctx, missing));

beforeAll(async () => {
  if (missing) return;
  const dir = await tempDir('redframe-touch-');
  pageFile = join(dir, 'index.html');
  const [launched, page] = await Promise.all([launchChromium(), makeCampaignPage({ size: SIZE, banner: 'none', frame: 'none' })]);
  browser = launched;
  await writeFile(pageFile, page.html);
});

afterAll(async () => {
  await browser?.close();
});

type Point = { x: number; y: number };

/** One touch gesture: fingers down at `from`, moved in steps to `to`, lifted. */
async function touch(cdp: CDPSession, from: Point[], to: Point[], steps = 8): Promise<void> {
  const points = (t: number) => from.map((f, i) => ({ x: f.x + (to[i]!.x - f.x) * t, y: f.y + (to[i]!.y - f.y) * t, id: i }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(0) });
  for (let s = 1; s <= steps; s++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(s / steps) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** A band across the middle of the preview (rows BAND of the canvas, green channel), once the page has drawn its latest frame. */
const BAND = { top: 0.4, bottom: 0.6 };
async function previewBand(page: Page): Promise<number[]> {
  return page.evaluate(
    ([canvasId, top, bottom]) =>
      new Promise<number[]>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const canvas = document.querySelector<HTMLCanvasElement>(String(canvasId))!;
            const y = Math.round(canvas.height * Number(top));
            const rows = Math.round(canvas.height * Number(bottom)) - y;
            const data = canvas.getContext('2d')!.getImageData(0, y, canvas.width, rows).data;
            resolve(Array.from({ length: data.length / 4 }, (_, i) => data[i * 4 + 1]!));
          }),
        ),
      ),
    [idSelector('preview'), BAND.top, BAND.bottom] as const,
  );
}

/** The horizontal shift (in canvas pixels) that best lays `before` over `after`. */
function horizontalShift(before: number[], after: number[], width: number, range: number): number {
  let best = { shift: 0, error: Infinity };
  const rows = before.length / width;
  for (let shift = -range; shift <= range; shift++) {
    let error = 0;
    for (let y = 0; y < rows; y++) {
      for (let x = range; x < width - range; x++) error += Math.abs(before[y * width + x]! - after[y * width + x + shift]!);
    }
    if (error < best.error) best = { shift, error };
  }
  return best.shift;
}

describe('the campaign page on a phone, by touch', () => {
  it('moves the photo by the finger’s distance, zooms with a pinch, and the page does not scroll', async () => {
    const { page, context, errors } = await openCampaignPage(browser, pageFile, PHONE);
    await page.setInputFiles(idSelector('fileInput'), photo('coffee.jpg'));
    await page.waitForSelector(`${idSelector('download')}:not([hidden])`);
    const cdp = await context.newCDPSession(page);
    const box = (await page.locator(idSelector('stage')).boundingBox())!;
    // The page is taller than the phone's screen, so a touch the page did not take would scroll it.
    expect(await page.evaluate(() => document.documentElement.scrollHeight > innerHeight)).toBe(true);
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };

    const before = await previewBand(page);
    const finger = 40; // CSS pixels to the right
    await touch(cdp, [centre], [{ x: centre.x + finger, y: centre.y + 25 }]);
    const after = await previewBand(page);
    const expected = (finger * SIZE) / box.width;
    expect(Math.abs(horizontalShift(before, after, SIZE, 80) - expected)).toBeLessThanOrEqual(2);
    expect(await page.evaluate(() => [scrollX, scrollY])).toEqual([0, 0]);

    // Two fingers apart: the zoom (shown on the slider) grows by about their spread.
    const zoomBefore = Number(await page.inputValue(idSelector('zoom')));
    await touch(cdp, [{ x: centre.x - 30, y: centre.y }, { x: centre.x + 30, y: centre.y }], [{ x: centre.x - 60, y: centre.y }, { x: centre.x + 60, y: centre.y }]);
    await previewBand(page);
    const zoomAfter = Number(await page.inputValue(idSelector('zoom')));
    expect(zoomAfter / zoomBefore).toBeGreaterThan(1.8);
    expect(zoomAfter / zoomBefore).toBeLessThan(2.2);
    expect(await page.evaluate(() => [scrollX, scrollY, visualViewport?.scale])).toEqual([0, 0, 1]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
