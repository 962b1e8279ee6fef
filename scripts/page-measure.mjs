#!/usr/bin/env node
// Measures the campaign page as the README and the issue note report it. Run after `npm run build`:
//   node scripts/page-measure.mjs
// 1. the size of index.html for the default look (as `redframe page` writes it);
// 2. the mean colour difference (CIE76) between the page's download and `redframe PHOTO --crop
//    centre` of the same look and photo, over the whole avatar and over the banner text, on PNG
//    (a circle look) and on JPEG (the default look, two different encoders);
// 3. the time from choosing a 12-megapixel photo (4032x3024 JPEG, made here with sharp) to the
//    preview drawn, in headless Chromium: from the file input's `change` event to the frame after
//    the download button appears.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { PAGE_IDS } from '../dist/portable/page-config.js';
import { launchChromium, openCampaignPage } from '../test/page/chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const redframe = (args, cwd) => run(process.execPath, [join(ROOT, 'bin/redframe.js'), ...args], { cwd });
const work = await mkdtemp(join(tmpdir(), 'redframe-page-measure-'));
const SIZE = 800;

function toLab(r, g, b) {
  const lin = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [R, G, B] = [lin(r), lin(g), lin(b)];
  const f = (t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((R * 0.4124 + G * 0.3576 + B * 0.1805) / 0.95047), y = f(R * 0.2126 + G * 0.7152 + B * 0.0722), z = f((R * 0.0193 + G * 0.1192 + B * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** Mean CIE76 over a box (fractions of the size), both images flattened on white. */
async function meanDeltaE(a, b, box = { left: 0, top: 0, width: 1, height: 1 }) {
  const region = { left: Math.round(box.left * SIZE), top: Math.round(box.top * SIZE), width: Math.round(box.width * SIZE), height: Math.round(box.height * SIZE) };
  const read = (image) => sharp(image).flatten({ background: '#fff' }).extract(region).raw().toBuffer();
  const [pa, pb] = await Promise.all([read(a), read(b)]);
  let total = 0;
  for (let i = 0; i < pa.length; i += 3) {
    const [l1, a1, b1] = toLab(pa[i], pa[i + 1], pa[i + 2]);
    const [l2, a2, b2] = toLab(pb[i], pb[i + 1], pb[i + 2]);
    total += Math.hypot(l1 - l2, a1 - a2, b1 - b2);
  }
  return total / (pa.length / 3);
}
const BANNER = { left: 0.2, top: 0.86, width: 0.6, height: 0.12 };

async function download(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`#${PAGE_IDS.download}`)]);
  return readFile(await file.path());
}

const browser = await launchChromium();
try {
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  // 1. Size.
  await redframe(['page', '-o', 'default'], work);
  const size = (await stat(join(work, 'default', 'index.html'))).size;
  const card = (await stat(join(work, 'default', 'preview.jpg'))).size;
  console.log(`index.html, default look: ${size} bytes (${(size / 1024).toFixed(1)} KB); preview.jpg ${(card / 1024).toFixed(1)} KB`);

  // 2. Colour difference against the command line.
  for (const [name, look, extension] of [['circle (PNG)', ['--shape', 'circle'], 'png'], ['default (JPEG)', [], 'jpg']]) {
    const folder = `look-${extension}`;
    await redframe(['page', '-o', folder, ...look], work);
    for (const photo of ['coffee.jpg', 'astronaut.jpg', 'rocket.jpg']) {
      const input = join(ROOT, 'fixtures/photos', photo);
      const cliFile = join(work, `${folder}-${photo}.${extension}`);
      await redframe([input, '--crop', 'centre', ...look, '-o', cliFile], work);
      const { page, context } = await openCampaignPage(browser, join(work, folder, 'index.html'), { locale: 'en' });
      await page.setInputFiles(`#${PAGE_IDS.fileInput}`, input);
      await page.waitForSelector(`#${PAGE_IDS.download}:not([hidden])`);
      const web = await download(page);
      await context.close();
      const cli = await readFile(cliFile);
      console.log(`dE ${name} ${photo}: whole ${(await meanDeltaE(web, cli)).toFixed(2)}, banner ${(await meanDeltaE(web, cli, BANNER)).toFixed(2)}`);
    }
  }

  // 3. Time from choosing a 12 MP photo to the preview.
  const big = join(work, 'twelve-megapixels.jpg');
  await sharp(join(ROOT, 'fixtures/photos/coffee.jpg')).resize(4032, 3024).jpeg({ quality: 92 }).toFile(big);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const { page, context } = await openCampaignPage(browser, join(work, 'default', 'index.html'), { locale: 'en' });
    await page.evaluate(([input, button]) => {
      window.__chosen = new Promise((done) => {
        document.getElementById(input).addEventListener('change', () => {
          const start = performance.now();
          const seen = new MutationObserver(() => {
            if (document.getElementById(button).hidden) return;
            seen.disconnect();
            requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - start)));
          });
          seen.observe(document.getElementById(button), { attributes: true });
        }, { capture: true });
      });
    }, [PAGE_IDS.fileInput, PAGE_IDS.download]);
    await page.setInputFiles(`#${PAGE_IDS.fileInput}`, big);
    times.push(await page.evaluate(() => window.__chosen));
    await context.close();
  }
  times.sort((a, b) => a - b);
  console.log(`12 MP (${((await stat(big)).size / 1e6).toFixed(1)} MB JPEG) to preview, 5 runs: ${times.map((t) => Math.round(t)).join(', ')} ms; median ${Math.round(times[2])} ms`);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  await browser.close();
  await rm(work, { recursive: true, force: true });
}
