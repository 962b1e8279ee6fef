#!/usr/bin/env node
// Screenshots of the campaign page for the README, made with the built command as an organiser
// would run it (`redframe page --preset`), opened from disk in Debian's Chromium: a green campaign
// (its own colour in the interface, its hashtags as the heading, an end date for the reminder), on
// a phone (390x844) in Arabic, English and French and on a desktop (1280x800) in Arabic and
// English, before and after choosing a photo.
// Run after `npm run build`: node scripts/page-screenshot.mjs [folder] (default docs/page).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PAGE_IDS } from '../dist/portable/page-config.js';
import { launchChromium, openCampaignPage } from '../test/page/chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = resolve(ROOT, process.argv[2] ?? 'docs/page');
const PHOTO = join(ROOT, 'fixtures/photos/astronaut.jpg');
const VIEWS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true, languages: ['ar', 'en', 'fr'] },
  { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, languages: ['ar', 'en'] },
];
/** A campaign for any cause, in green; its page speaks Arabic, English and French. */
const PRESET = {
  mode: 'duotone',
  color: '#0a7d32',
  text: ['#الحرية_لهم', '#FreeThemAll'],
  page: {
    callToAction: { ar: 'غيّر صورتك حتى نهاية الشهر', en: 'Wear it until the end of the month', fr: 'Gardez-la jusqu’à la fin du mois' },
    languages: ['ar', 'en', 'fr'],
    until: '2099-12-31',
  },
};

const work = await mkdtemp(join(tmpdir(), 'redframe-page-shots-'));
const campaign = join(work, 'campaign');
await writeFile(join(work, 'green.json'), JSON.stringify(PRESET));
await promisify(execFile)(process.execPath, [join(ROOT, 'bin/redframe.js'), 'page', '--preset', 'green.json', '-o', campaign], { cwd: work });
await mkdir(OUT, { recursive: true });
const browser = await launchChromium();
try {
  for (const { name, languages, ...view } of VIEWS) {
    for (const language of languages) {
      const { page, context } = await openCampaignPage(browser, join(campaign, 'index.html'), { ...view, locale: language });
      const shot = async (moment) => {
        const file = join(OUT, `${name}-${language}-${moment}.png`);
        await page.screenshot({ path: file });
        console.log(relative(process.cwd(), file));
      };
      await shot('empty');
      await page.setInputFiles(`#${PAGE_IDS.fileInput}`, PHOTO);
      await page.waitForSelector(`#${PAGE_IDS.download}:not([hidden])`);
      await shot('photo');
      await context.close();
    }
  }
} finally {
  await browser.close();
  await rm(work, { recursive: true, force: true });
}
