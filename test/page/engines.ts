/**
 * The same campaign page tests in each engine that is not Chromium (Chromium has its own, richer
 * file, page.browser.test.ts): opened from disk, a photo chosen, the download compared with the
 * command's own avatar, an EXIF-rotated photo turned upright, no script error and no refusal by
 * the page's policy. One browser per file; firefox.browser.test.ts and webkit.browser.test.ts call it.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { meanDeltaE, photo, tempDir } from '../helpers.js';
import { skipWhere } from '../platform.js';
import { idSelector } from './selectors.js';
import { BANNER_BOX, boxDeltaE, cliAvatar, LOOK, SIZE, writeTestPage } from './compare.js';
import type { EnginePage, PageEngine } from './engine.d.mts';

export function engineSuite(engineName: string, launch: (options: { locale: string }) => Promise<PageEngine>, missing?: string): void {
  let engine: PageEngine;
  let dir: string;
  let pageFile: string;
  let sideways: string;

  // Without the browser (missingBrowser in ../platform.ts), every test skips with that reason.
  beforeEach((ctx) => skipWhere(ctx, missing));
  beforeAll(async () => {
    if (missing) return;
    dir = await tempDir('redframe-engine-');
    const [launched, written] = await Promise.all([launch({ locale: 'en-GB' }), writeTestPage(dir)]);
    engine = launched;
    ({ pageFile, sideways } = written);
  });

  afterAll(async () => {
    await engine?.close();
  });

  /** Opens the page and waits until its script has started (or said why not). */
  async function open(): Promise<EnginePage> {
    const page = await engine.open(pageFile);
    await waitFor(page, `document.querySelector('[data-ready]') !== null`);
    expect(await page.evaluate(`document.querySelector('[data-ready]').getAttribute('data-ready')`)).toBe('true');
    return page;
  }

  /** Chooses a photo, downloads the avatar, and returns the file the page handed to the browser. */
  async function avatarOf(page: EnginePage, path: string): Promise<{ name: string; data: Buffer }> {
    await page.choose(idSelector('fileInput'), path);
    await waitFor(page, `!document.querySelector('${idSelector('download')}').hidden || document.querySelector('${idSelector('message')}').textContent !== ''`);
    expect(await page.evaluate(`document.querySelector('${idSelector('message')}').textContent`)).toBe('');
    const before = Number(await page.evaluate('window.__redframe.downloads.length'));
    await page.click(idSelector('download'));
    await waitFor(page, `window.__redframe.downloads.length > ${before}`);
    const handed = (await page.evaluate(`window.__redframe.downloads[${before}]`)) as { name: string; base64: string };
    const data = Buffer.from(handed.base64, 'base64');
    // Where the engine saves downloads (Firefox), the saved file is the file the page made.
    if (page.savedFile) expect((await page.savedFile(handed.name, data.length)).equals(data)).toBe(true);
    return { name: handed.name, data };
  }

  describe(`the campaign page in ${engineName}, opened from disk`, () => {
    it('makes the same avatar as the command line, with no script error and no refusal by its policy', async () => {
      const page = await open();
      // The page's own inline style ran (its hash matched the policy's): the root is laid out by it.
      expect(await page.evaluate(`getComputedStyle(document.querySelector('.rf-stage')).aspectRatio`)).toMatch(/^1( \/ 1)?$/);
      // A long press on the photo selects nothing: WebKit reads only the prefixed property.
      expect(await page.evaluate(`getComputedStyle(document.querySelector('.rf-stage')).getPropertyValue('-webkit-user-select')`)).toBe('none');
      const [avatar, cli] = await Promise.all([avatarOf(page, photo('coffee.jpg')), cliAvatar(photo('coffee.jpg'), LOOK, dir)]);
      expect(avatar.name).toBe('coffee.redframe.png');
      const meta = await sharp(avatar.data).metadata();
      expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', SIZE, SIZE, true]);
      expect([meta.exif, meta.icc, meta.xmp]).toEqual([undefined, undefined, undefined]);
      const difference = await meanDeltaE(avatar.data, cli, SIZE);
      console.log(`${engine.name}: mean CIE76 difference to the command's avatar ${difference.toFixed(3)}`);
      expect(difference).toBeLessThan(3);
      expect(await boxDeltaE(avatar.data, cli, SIZE, BANNER_BOX)).toBeLessThan(2);
      expect(await page.errors()).toEqual([]);
      await page.close();
    });

    it('turns a phone photo upright from its EXIF orientation', async () => {
      const page = await open();
      const [avatar, cli] = await Promise.all([avatarOf(page, sideways), cliAvatar(sideways, LOOK, dir)]);
      expect(await meanDeltaE(avatar.data, cli, SIZE)).toBeLessThan(3);
      expect(await page.errors()).toEqual([]);
      await page.close();
    });
  });
}

/** Waits until an expression is true in the page: the test's own timeout bounds it. */
async function waitFor(page: EnginePage, expression: string): Promise<void> {
  while (!(await page.evaluate(`Boolean(${expression})`))) await new Promise((resolve) => setTimeout(resolve, 25));
}
