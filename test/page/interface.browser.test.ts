/**
 * The campaign page's interface in Chromium, for a green campaign: its colour, its heading, its
 * languages (and an organiser's own), the lines that help and confirm, Share by iOS's rules, the
 * reminder to change back, the text shown without scripts, and axe-core in every language.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pageAccent } from '../../src/portable/accent.js';
import { PAGE_IDS } from '../../src/portable/page-config.js';
import { fillSlots, STRINGS } from '../../src/portable/strings/index.js';
import { makeCampaignPage } from '../../src/page/page.js';
import { photo, tempDir } from '../helpers.js';
import { idSelector } from './selectors.js';
import { CHROMIUM, launchChromium, openCampaignPage } from './chromium.mjs';
import { missingBrowser, skipWhere } from '../platform.js';

const GREEN = '#2ecc40';
const HASHTAGS = ['#الحرية_لهم', '#FreeThemAll'];
const LANGUAGES = ['ar', 'en', 'fr', 'tr', 'de', 'es', 'fa', 'ur'];
const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
/** A Kurdish (Sorani) table as an organiser would add it: here the English one with its own name and button. */
const kurdish = { ...STRINGS.en!, languageName: 'کوردی', choosePhoto: 'وێنەیەک هەڵبژێرە' };

let browser: Browser;
let dir: string;
let greenPage: string;
let kurdishPage: string;

const missing = missingBrowser('Chromium', CHROMIUM, 'REDFRAME_CHROMIUM');
beforeEach((ctx) => skipWhere(ctx, missing));

beforeAll(async () => {
  if (missing) return;
  dir = await tempDir('redframe-interface-');
  greenPage = join(dir, 'green.html');
  kurdishPage = join(dir, 'kurdish.html');
  const look = { size: 256, color: GREEN, mode: 'duotone' as const, text: HASHTAGS };
  const [launched, green, kurdishMade] = await Promise.all([
    launchChromium(),
    makeCampaignPage({ ...look, page: { languages: LANGUAGES, until: '2099-12-31', url: 'https://example.org/free/' } }),
    makeCampaignPage({ ...look, page: { interface: { ckb: kurdish }, languages: ['ckb', 'en'] } }),
  ]);
  browser = launched;
  await writeFile(greenPage, green.html);
  await writeFile(kurdishPage, kurdishMade.html);
});

afterAll(async () => {
  await browser?.close();
});

async function open(file: string, options: BrowserContextOptions = {}) {
  return openCampaignPage(browser, file, { locale: 'en-GB', ...options });
}

async function choose(page: Page): Promise<void> {
  await page.setInputFiles(idSelector('fileInput'), photo('coffee.jpg'));
  await page.waitForSelector(`${idSelector('download')}:not([hidden])`);
}

const statusText = (page: Page) => page.textContent('[role="status"]');

describe('the campaign page’s interface, in the campaign’s colour and languages', () => {
  it('takes its accent from the campaign colour and its heading from the hashtags', async () => {
    const { page, context } = await open(greenPage);
    const accent = pageAccent({ r: 0x2e, g: 0xcc, b: 0x40, alpha: 1 }).accent;
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(await page.$eval(`label[for="${PAGE_IDS.fileInput}"]`, (e) => getComputedStyle(e).backgroundColor)).toBe(rgb(accent));
    expect(await page.$eval('h1', (e) => [...e.querySelectorAll('bdi')].map((b) => b.textContent))).toEqual(HASHTAGS);
    expect(await page.title()).toBe(HASHTAGS.join(' '));
    await choose(page);
    expect(await page.$eval(idSelector('zoom'), (e) => getComputedStyle(e).accentColor)).toBe(rgb(accent));
    await context.close();
  });

  it('says how to adjust once a photo is in, and where the download went', async () => {
    const { page, context } = await open(greenPage);
    expect(await page.isHidden('.rf-adjust-hint')).toBe(true);
    await choose(page);
    expect(await page.textContent('.rf-adjust-hint')).toBe(STRINGS.en!.adjustHint);
    expect(await page.isVisible('.rf-adjust-hint')).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(idSelector('download'))]);
    expect(download.suggestedFilename()).toBe('coffee.redframe.jpg');
    // The name isolated (U+2068 ... U+2069): a photo's name cannot reorder the sentence around it.
    expect(await statusText(page)).toBe('Saved as \u2068coffee.redframe.jpg\u2069.');
    await context.close();
  });

  it('tells an iPhone where the download is and how to put it into Photos, in the reader’s language', async () => {
    const { page, context } = await open(greenPage, { userAgent: IPHONE_UA, locale: 'fr-FR', isMobile: true, hasTouch: true, viewport: { width: 390, height: 844 } });
    await choose(page);
    await Promise.all([page.waitForEvent('download'), page.tap(idSelector('download'))]);
    expect(await statusText(page)).toBe(fillSlots(STRINGS.fr!.savedIos, { file: '\u2068coffee.redframe.jpg\u2069' }));
    await context.close();
  });

  it('shares the file alone, from the tap itself, with the file made before the tap', async () => {
    const { page, context } = await open(greenPage, { userAgent: IPHONE_UA, isMobile: true, hasTouch: true });
    // Desktop Chromium cannot share files: a stand-in for iOS's share sheet that records how it was called.
    await page.evaluate(() => {
      const calls: unknown[] = [];
      Object.assign(window, { shareCalls: calls });
      navigator.canShare = () => true;
      navigator.share = async (data?: ShareData) => {
        calls.push({ keys: Object.keys(data ?? {}), files: data?.files?.map((f) => [f.name, f.type, f.size > 0]), inTap: window.event?.type, active: navigator.userActivation.isActive });
      };
    });
    // canShare is read at start: show the button as a sharing browser would.
    await page.evaluate((shareId) => (document.querySelector<HTMLElement>(shareId)!.hidden = false), idSelector('share'));
    await choose(page);
    await page.evaluate((shareId) => (document.querySelector<HTMLElement>(shareId)!.hidden = false), idSelector('share'));
    await page.waitForSelector(`${idSelector('share')}[data-file-ready]`);
    await page.tap(idSelector('share'));
    const calls = await page.evaluate(() => (window as unknown as { shareCalls: unknown[] }).shareCalls);
    expect(calls).toEqual([{ keys: ['files'], files: [['coffee.redframe.jpg', 'image/jpeg', true]], inTap: 'click', active: true }]);
    await context.close();
  });

  it('offers a reminder to change back on the campaign’s last day, as a calendar file made in the page', async () => {
    const { page, context, requests } = await open(greenPage, { locale: 'de-DE' });
    expect(await page.isHidden(idSelector('remind'))).toBe(true);
    await choose(page);
    expect(await page.textContent(idSelector('remind'))).toBe(STRINGS.de!.remind);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(idSelector('remind'))]);
    expect(download.suggestedFilename()).toBe('change-back-reminder.ics');
    const calendar = new ICAL.Component(ICAL.parse(await readFile((await download.path())!, 'utf8')));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect([event.startDate.toString(), event.summary]).toEqual(['2099-12-31', STRINGS.de!.reminderTitle]);
    expect(await statusText(page)).toBe(fillSlots(STRINGS.de!.reminderSaved, { file: '\u2068change-back-reminder.ics\u2069' }));
    expect(requests.filter((url) => url !== page.url() && !/^(data|blob):/.test(url))).toEqual([]);
    await context.close();
  });

  it('speaks each of its languages to a browser that asks for it, in that language’s direction', async () => {
    for (const language of LANGUAGES) {
      const { page, context } = await open(greenPage, { locale: language });
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), language).toEqual([language, ['ar', 'fa', 'ur'].includes(language) ? 'rtl' : 'ltr']);
      expect(await page.textContent(`label[for="${PAGE_IDS.fileInput}"]`)).toBe(STRINGS[language]!.choosePhoto);
      await context.close();
    }
  });

  it('speaks an organiser’s own interface table, with the direction of its language', async () => {
    const { page, context } = await open(kurdishPage, { locale: 'ckb' });
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ckb', 'rtl']);
    expect(await page.textContent(`label[for="${PAGE_IDS.fileInput}"]`)).toBe('وێنەیەک هەڵبژێرە');
    expect(await page.$$eval(`${idSelector('language')} option`, (options) => options.map((o) => o.textContent))).toEqual(['کوردی', 'English']);
    // A reader whose language the campaign does not offer gets the campaign's first.
    const other = await open(kurdishPage, { locale: 'ja' });
    expect(await other.page.evaluate(() => document.documentElement.lang)).toBe('ckb');
    await Promise.all([context.close(), other.context.close()]);
  });

  it('tells a browser without scripts, in every language, to open the page from its web address', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(new URL(`file://${greenPage}`).href);
    const texts = await page.$$eval('noscript p', (ps) => ps.map((p) => [p.getAttribute('lang'), p.textContent, p.querySelector('a')?.getAttribute('href')]));
    expect(texts).toEqual(LANGUAGES.map((l) => [l, fillSlots(STRINGS[l]!.noscriptAt, { url: 'https://example.org/free/' }), 'https://example.org/free/']));
    expect(await page.isVisible('noscript p[lang="en"]')).toBe(true);
    await context.close();
  });

  it('has no serious or critical accessibility problem (axe-core) in any of its languages, colour contrast included', async () => {
    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // axe is injected as a script the page's policy would refuse: this context alone bypasses it.
    const { page, context } = await open(greenPage, { bypassCSP: true });
    await choose(page);
    await Promise.all([page.waitForEvent('download'), page.click(idSelector('download'))]);
    await page.addScriptTag({ content: axe });
    for (const language of LANGUAGES) {
      await page.selectOption(idSelector('language'), language);
      const problems = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(problems, language).toEqual([]);
    }
    await context.close();
  });
});
