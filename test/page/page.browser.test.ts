/**
 * The campaign page in a real browser: Debian's Chromium, the page opened from disk as an
 * organiser would hand it out. One browser for the whole file; each test has its own context.
 */
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../src/web/decode-photo.js';
import { en } from '../../src/portable/strings/en.js';
import { fixture, meanDeltaE, photo, tempDir } from '../helpers.js';
import { idSelector } from './selectors.js';
import { CHROMIUM, launchChromium, openCampaignPage } from './chromium.mjs';
import { missingBrowser, skipWhere } from '../platform.js';
import { BANNER_BOX, boxDeltaE, cliAvatar as cliAvatarOf, LOOK, SIZE, writeTestPage } from './compare.js';

let browser: Browser;
let dir: string;
let pageFile: string;
let sideways: string;

const cliAvatar = (input: string) => cliAvatarOf(input, LOOK, dir);

type Photo = string | { name: string; mimeType: string; buffer: Buffer };

/** Sets a photo on the file input and waits until the page shows it or says why it cannot. */
async function choose(page: Page, file: Photo): Promise<void> {
  await page.setInputFiles(idSelector('fileInput'), file);
  await waitForChoice(page);
}

async function waitForChoice(page: Page): Promise<void> {
  await page.waitForFunction(
    ([download, message]) => !document.querySelector<HTMLElement>(download!)!.hidden || document.querySelector(message!)!.textContent !== '',
    [idSelector('download'), idSelector('message')],
  );
}

async function download(page: Page, press?: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), press ? press() : page.click(idSelector('download'))]);
  return { name: file.suggestedFilename(), data: await readFile((await file.path())!) };
}

const missing = missingBrowser('Chromium', CHROMIUM, 'REDFRAME_CHROMIUM');
beforeEach((ctx) => skipWhere(ctx, missing));

beforeAll(async () => {
  if (missing) return;
  dir = await tempDir('redframe-page-');
  const [launched, written] = await Promise.all([launchChromium(), writeTestPage(dir)]);
  browser = launched;
  ({ pageFile, sideways } = written);
});

afterAll(async () => {
  await browser?.close();
});

describe('the campaign page in Chromium, opened from disk', () => {
  it('makes the same avatar as the command line, asks for nothing from anywhere, and breaks no rule of its policy', async () => {
    const { page, requests, errors, context } = await openCampaignPage(browser, pageFile, { locale: 'en-GB' });
    await choose(page, photo('coffee.jpg'));
    const [avatar, cli] = await Promise.all([download(page), cliAvatar(photo('coffee.jpg'))]);
    expect(avatar.name).toBe('coffee.redframe.png');
    const meta = await sharp(avatar.data).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', SIZE, SIZE, true]);
    expect([meta.exif, meta.icc, meta.xmp, meta.comments]).toEqual([undefined, undefined, undefined, undefined]);
    const difference = await meanDeltaE(avatar.data, cli, SIZE);
    console.log(`Chromium ${browser.version()}: mean CIE76 difference to the command's avatar ${difference.toFixed(3)}`);
    expect(difference).toBeLessThan(3);
    expect(await boxDeltaE(avatar.data, cli, SIZE, BANNER_BOX)).toBeLessThan(2);
    expect(requests.filter((url) => url !== page.url() && !/^(data|blob):/.test(url))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens on the look drawn over a neutral figure, so a ring in the treatment colour still shows', async () => {
    const { page, context } = await openCampaignPage(browser, pageFile, { locale: 'en-GB' });
    // Light grey at the top: the ring (at the edge) and the ground inside it (a tenth down).
    const [ring, inside] = await page.evaluate(
      ([canvasId, size]) => {
        const canvas = document.querySelector<HTMLCanvasElement>(canvasId!)!;
        const at = (y: number) => [...canvas.getContext('2d')!.getImageData(Number(size) / 2, y, 1, 1).data];
        return [at(Math.round(Number(size) * 0.02)), at(Math.round(Number(size) * 0.1))];
      },
      [idSelector('preview'), String(SIZE)],
    );
    const luminance = ([r, g, b]: number[]) => 0.3 * r! + 0.59 * g! + 0.11 * b!;
    expect(luminance(inside!) - luminance(ring!)).toBeGreaterThan(60);
    expect(await page.isHidden(idSelector('download'))).toBe(true);
    await context.close();
  });

  it('turns a phone photo upright from its EXIF orientation', async () => {
    const { page, context } = await openCampaignPage(browser, pageFile, { locale: 'en-GB' });
    await choose(page, sideways);
    const [avatar, cli] = await Promise.all([download(page), cliAvatar(sideways)]);
    expect(await meanDeltaE(avatar.data, cli, SIZE)).toBeLessThan(3);
    await context.close();
  });

  it('says a text file named .jpg is not a photo, and offers no download', async () => {
    const { page, context } = await openCampaignPage(browser, pageFile, { locale: 'en-GB' });
    await choose(page, { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('shopping list: bread, tea\n') });
    expect(await page.textContent(idSelector('message'))).toMatch(/not a photo|could not be opened/);
    expect(await page.isHidden(idSelector('download'))).toBe(true);
    await context.close();
  });

  it('refuses a file over its size limit from the size alone, and one of zeros from its first bytes', async () => {
    const { page, context } = await openCampaignPage(browser, pageFile, { locale: 'en-GB' });
    const huge = join(dir, 'huge.jpg');
    await writeFile(huge, '');
    await truncate(huge, MAX_PHOTO_BYTES + 1); // sparse: no disk space, and the page never reads it
    await choose(page, huge);
    expect(await page.textContent(idSelector('message'))).toBe(en.tooLarge);
    expect(await page.isHidden(idSelector('download'))).toBe(true);
    const zeros = join(dir, 'zeros.jpg');
    await writeFile(zeros, '');
    await truncate(zeros, 32 * 1024 * 1024);
    await choose(page, zeros);
    expect(await page.textContent(idSelector('message'))).toBe(en.notAPhoto);
    await context.close();
  });

  it('gives the true reason for a strip too thin and for a pixel bomb, not the HEIC sentence, and takes a 20:1 panorama', async () => {
    const { page, context } = await openCampaignPage(browser, pageFile, { locale: 'en-GB' });
    await choose(page, fixture('hostile', 'thin-1x10000.png'));
    expect(await page.textContent(idSelector('message'))).toBe(en.tooThin);
    expect(await page.isHidden(idSelector('download'))).toBe(true);
    await choose(page, fixture('hostile', 'bomb-60000x60000.png'));
    expect(await page.textContent(idSelector('message'))).toBe(en.tooManyPixels);
    expect(await page.isHidden(idSelector('download'))).toBe(true);
    // The longest shape taken, as the command takes it.
    const panorama = await sharp(photo('coffee.jpg')).resize(640, 32, { fit: 'fill' }).jpeg().toBuffer();
    await choose(page, { name: 'panorama.jpg', mimeType: 'image/jpeg', buffer: panorama });
    expect(await page.textContent(idSelector('message'))).toBe('');
    expect(await page.isHidden(idSelector('download'))).toBe(false);
    await context.close();
  });

  it('speaks Arabic right to left to an Arabic browser, English left to right, and switches', async () => {
    const arabic = await openCampaignPage(browser, pageFile, { locale: 'ar-SY' });
    expect(await arabic.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await arabic.page.textContent('h1')).toBe('حلب تحترق');
    await arabic.page.selectOption(idSelector('language'), 'en');
    expect(await arabic.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(await arabic.page.textContent('h1')).toBe('Aleppo is burning');
    await arabic.context.close();

    const english = await openCampaignPage(browser, pageFile, { locale: 'en-US' });
    expect(await english.page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await english.context.close();
  });

  it('can be used with the keyboard alone: choose, move, zoom, download', async () => {
    const { page, context } = await openCampaignPage(browser, pageFile, { locale: 'en-GB' });
    const tabTo = async (target: string) => {
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((t) => document.activeElement?.id === t, target.slice(1))) return;
      }
      throw new Error(`Tab never reached ${target}`);
    };
    // Playwright asks Chromium to intercept the picker without waiting for the answer, and one key
    // press is a single quick message: waiting only beside the press raced it, and on a busy CI
    // machine Space opened the real (headless, invisible) picker and no event came. Waiting from
    // before the Tab round trips lets the interception settle first; the test's own time limit
    // bounds the wait.
    const chooser = page.waitForEvent('filechooser', { timeout: 0 });
    chooser.catch(() => undefined); // if Tab fails first, that failure is the one to report
    await tabTo(idSelector('fileInput'));
    await page.keyboard.press('Space');
    await (await chooser).setFiles(photo('coffee.jpg'));
    await waitForChoice(page);
    const untouched = await download(page);

    await tabTo(idSelector('stage'));
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowUp', '+', '+', '+']) await page.keyboard.press(key);
    expect(Number(await page.inputValue(idSelector('zoom')))).toBeGreaterThan(1);
    await tabTo(idSelector('download'));
    const moved = await download(page, () => page.keyboard.press('Enter'));
    expect(await meanDeltaE(moved.data, untouched.data)).toBeGreaterThan(3);
    await context.close();
  });

  it('has no serious or critical accessibility problem (axe-core), in Arabic and in English', async () => {
    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // axe is injected as a script the page's policy would refuse: this context alone bypasses it.
    const { page, context } = await openCampaignPage(browser, pageFile, { locale: 'ar', bypassCSP: true });
    await choose(page, photo('coffee.jpg'));
    await page.addScriptTag({ content: axe });
    const serious = async () =>
      page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      });
    expect(await serious()).toEqual([]);
    await page.selectOption(idSelector('language'), 'en');
    expect(await serious()).toEqual([]);
    await context.close();
  });
});
