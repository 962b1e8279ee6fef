#!/usr/bin/env node
// How long a phone waits between choosing a 12-megapixel photo and seeing it in the campaign
// page's preview: Debian's Chromium with a phone's screen and the CPU slowed 4 times (CDP
// Emulation.setCPUThrottlingRate), the page made by the built command and opened from disk.
// Timed in the page itself: from the file input's `change` event to the first frame drawn with
// the photo. Run after `npm run build`: node scripts/page-timing.mjs [runs] (default 5).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { PAGE_IDS } from '../dist/portable/page-config.js';
import { launchChromium, openCampaignPage } from '../test/page/chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[2] ?? 5);
const THROTTLE = 4;
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3, locale: 'en-GB' };

const work = await mkdtemp(join(tmpdir(), 'redframe-page-timing-'));
const campaign = join(work, 'campaign');
const photo = join(work, 'twelve-megapixels.jpg');
await Promise.all([
  promisify(execFile)(process.execPath, [join(ROOT, 'bin/redframe.js'), 'page', '-o', campaign], { cwd: work }),
  // A phone camera's 4000x3000 JPEG, made from a fixture photo.
  sharp(join(ROOT, 'fixtures/photos/astronaut.jpg')).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 92 }).toFile(photo),
]);
const browser = await launchChromium();
const times = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const { page, context } = await openCampaignPage(browser, join(campaign, 'index.html'), PHONE);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await page.evaluate((inputId) => {
      const input = document.querySelector(inputId);
      // Capture phase: runs before the page's own listener starts decoding.
      input.addEventListener('change', () => (window.__chosenAt = performance.now()), { capture: true });
    }, `#${PAGE_IDS.fileInput}`);
    await page.setInputFiles(`#${PAGE_IDS.fileInput}`, photo);
    await page.waitForSelector(`#${PAGE_IDS.download}:not([hidden])`);
    const ms = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - window.__chosenAt))));
    const decoded = await page.getAttribute(`#${PAGE_IDS.stage}`, 'data-photo-size');
    times.push(ms);
    console.log(`run ${run + 1}: ${Math.round(ms)} ms (decoded at ${decoded})`);
    await context.close();
  }
} finally {
  await browser.close();
  await rm(work, { recursive: true, force: true });
}
const sorted = [...times].sort((a, b) => a - b);
console.log(
  `12 MP photo to preview, CPU throttled ${THROTTLE}x, ${RUNS} runs: median ${Math.round(sorted[Math.floor(RUNS / 2)])} ms, ` +
    `min ${Math.round(sorted[0])} ms, max ${Math.round(sorted.at(-1))} ms (load average ${loadavg()[0].toFixed(1)})`,
);
