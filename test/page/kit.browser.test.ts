/**
 * The covers and cards on the campaign page (src/page/kit.ts, src/web/view.ts): thumbnails of
 * the files `redframe page` wrote beside index.html, each downloading its file from the page's
 * own folder. The page is served from a folder over loopback HTTP, as a static host serves it:
 * opened from disk, Chromium treats every file:// address as a separate origin and opens a linked
 * image in the tab instead of downloading it.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_IDS, type PageConfig } from '../../src/portable/page-config.js';
import { STRINGS } from '../../src/portable/strings/index.js';
import { deltaE, meanDeltaE, photo, runInProcess, tempDir } from '../helpers.js';
import { CHROMIUM, launchChromium, openCampaignPage } from './chromium.mjs';
import { missingBrowser, skipWhere } from '../platform.js';
import { cliAvatar } from './compare.js';

let browser: Browser;
let server: Server;
let cwd: string;
let site: string;
let origin: string;
/** What the host was asked for, in order. */
const served: string[] = [];

/** Serves a folder's files, and nothing above it: what a static host does. */
function serve(folder: string): Promise<Server> {
  const types: Record<string, string> = { html: 'text/html; charset=utf-8', jpg: 'image/jpeg' };
  const httpServer = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    served.push(path);
    const file = join(folder, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (data) => {
        response.writeHead(200, { 'content-type': types[file.split('.').pop()!] ?? 'application/octet-stream' });
        response.end(data);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  return new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(httpServer)));
}

const missing = missingBrowser('Chromium', CHROMIUM, 'REDFRAME_CHROMIUM');
beforeEach((ctx) => skipWhere(ctx, missing));

beforeAll(async () => {
  if (missing) return;
  cwd = await tempDir('redframe-kit-page-');
  // A message too long for LinkedIn's short zone: the command leaves linkedin.jpg out.
  await writeFile(join(cwd, 'team.json'), JSON.stringify({ message: { ar: 'أوقفوا قصف حلب', en: 'Stop the bombing of Aleppo' } }));
  const made = await runInProcess(['page', '--preset', 'team.json', '-o', 'site'], { cwd });
  expect(made.status, made.stderr).toBe(0);
  expect(made.stderr).toContain('Left out linkedin.jpg');
  site = join(cwd, 'site');
  [browser, server] = await Promise.all([launchChromium(), serve(site)]);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  // No server when the page could not be made: nothing to wait for.
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('the covers and cards on the campaign page', () => {
  it('shows a thumbnail of each image written beside the page, none of one left out, each from the page itself', async () => {
    const { page, context, requests, errors } = await openCampaignPage(browser, `${origin}/index.html`, { locale: 'en-GB' });
    const written = (await readdir(site)).filter((f) => f.endsWith('.jpg') && f !== 'preview.jpg');
    expect(written).not.toContain('linkedin.jpg');
    const items = await page.$$eval(`#${PAGE_IDS.kit} a`, (links) =>
      links.map((a) => {
        const img = a.querySelector('img')!;
        return {
          file: a.getAttribute('href'),
          download: a.getAttribute('download'),
          label: a.querySelector('.rf-kit-label')!.textContent,
          thumbnail: img.src,
          natural: [img.naturalWidth, img.naturalHeight],
          size: a.querySelector('.rf-kit-size')!.textContent,
        };
      }),
    );
    expect(items.map((i) => i.file)).toEqual(['facebook.jpg', 'x.jpg', 'youtube.jpg', 'post.jpg', 'portrait.jpg', 'story.jpg']);
    expect(items.map((i) => i.file).sort()).toEqual([...written].sort());
    expect(items.map((i) => i.label)).toEqual(['Facebook cover', 'X header', 'YouTube banner', 'Square post', 'Portrait post', 'Story']);
    for (const item of items) {
      expect(item.download).toBe(item.file);
      expect(item.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
      // Each thumbnail is its file, small: the same shape, the same picture.
      const full = await sharp(join(site, item.file!)).metadata();
      expect(item.size).toBe(`${full.width} × ${full.height}`);
      const [w, h] = item.natural as [number, number];
      expect(w).toBeLessThanOrEqual(360);
      expect(Math.abs(w / h - full.width! / full.height!), item.file!).toBeLessThan(0.02);
      const thumbnail = Buffer.from(item.thumbnail.split(',')[1]!, 'base64');
      const [a, b] = await Promise.all([thumbnail, await readFile(join(site, item.file!))].map((image) => sharp(image).resize(96, 96, { fit: 'fill' }).png().toBuffer()));
      expect(await meanDeltaE(a!, b!, 96), item.file!).toBeLessThan(3);
    }
    // Nothing was fetched for them: the page asked for itself only.
    expect(requests).toEqual([`${origin}/index.html`]);
    expect(errors).toEqual([]);

    await page.selectOption(`#${PAGE_IDS.language}`, 'ar');
    expect(await page.textContent(`#${PAGE_IDS.kit} h2`)).toBe(STRINGS.ar!.kitHeading);
    expect(await page.textContent(`#${PAGE_IDS.kit} a[href="facebook.jpg"] .rf-kit-label`)).toBe(STRINGS.ar!.kitFacebook);
    await context.close();
  });

  it('downloads a cover from the page’s own folder: that image, at its size', async () => {
    const { page, context, requests, errors } = await openCampaignPage(browser, `${origin}/index.html`, { locale: 'ar' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${PAGE_IDS.kit} a[href="facebook.jpg"]`)]);
    expect(download.suggestedFilename()).toBe('facebook.jpg');
    const data = await readFile((await download.path())!);
    expect(data.equals(await readFile(join(site, 'facebook.jpg')))).toBe(true);
    expect(await sharp(data).metadata()).toMatchObject({ format: 'jpeg', width: 1640, height: 624 });
    // The page stays where it was, and the host was asked for the page and the file only.
    expect(page.url()).toBe(`${origin}/index.html`);
    expect(requests).toEqual([`${origin}/index.html`]);
    expect(served.slice(-2)).toEqual(['/index.html', '/facebook.jpg']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('downloads a story with the reader’s avatar in its circle, on the ground and words the command made', async () => {
    const { page, context, errors } = await openCampaignPage(browser, `${origin}/index.html`, { locale: 'en-GB' });
    const config = JSON.parse((await page.textContent(`#${PAGE_IDS.config}`))!) as PageConfig;
    const story = config.story!;
    expect([story.width, story.height]).toEqual([1080, 1920]);
    expect(await page.isHidden(`#${PAGE_IDS.downloadStory}`)).toBe(true);
    await page.setInputFiles(`#${PAGE_IDS.fileInput}`, photo('coffee.jpg'));
    await page.waitForSelector(`#${PAGE_IDS.downloadStory}:not([hidden])`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${PAGE_IDS.downloadStory}`)]);
    expect(download.suggestedFilename()).toBe('coffee.redframe-story.jpg');
    const data = await readFile((await download.path())!);
    expect(await sharp(data).metadata()).toMatchObject({ format: 'jpeg', width: 1080, height: 1920 });
    expect(errors).toEqual([]);
    await context.close();

    // Inside the circle: the avatar the command makes of the same photo, scaled into the slot.
    const { left, top, size } = story.slot;
    const rgb = (image: Buffer | string, width?: number) => sharp(image).resize(width).flatten({ background: '#fff' }).removeAlpha().raw().toBuffer();
    const [made, ground, avatar] = await Promise.all([
      rgb(data),
      rgb(Buffer.from(story.ground.split(',')[1]!, 'base64')),
      cliAvatar(photo('coffee.jpg'), ['--preset', join(cwd, 'team.json')], cwd).then((png) => rgb(png, size)),
    ]);
    const at = (pixels: Buffer, i: number) => ({ r: pixels[i]!, g: pixels[i + 1]!, b: pixels[i + 2]! });
    const centre = { x: left + size / 2, y: top + size / 2 };
    const radius = size / 2;
    let inside = 0, insideSum = 0, outside = 0, outsideSum = 0, groundInSlot = 0;
    const groundColour = at(ground, 3 * (top * 1080 + left)); // the slot's corner: plain ground
    for (let y = 0; y < 1920; y++) {
      for (let x = 0; x < 1080; x++) {
        const r = Math.hypot(x + 0.5 - centre.x, y + 0.5 - centre.y);
        const i = 3 * (y * 1080 + x);
        if (r < radius - 3) {
          inside++;
          insideSum += deltaE(at(made, i), at(avatar, 3 * ((y - top) * size + (x - left))));
          // No word was drawn where the avatar goes.
          groundInSlot = Math.max(groundInSlot, deltaE(at(ground, i), groundColour));
        } else if (r > radius + 3) {
          outside++;
          outsideSum += deltaE(at(made, i), at(ground, i));
        }
      }
    }
    const [inMean, outMean] = [insideSum / inside, outsideSum / outside];
    console.log(`story: mean CIE76 ${inMean.toFixed(2)} to the command's avatar in the slot, ${outMean.toFixed(2)} to the command's ground outside it; ground in the slot at most ${groundInSlot.toFixed(1)} from plain`);
    expect(inMean).toBeLessThan(3);
    expect(outMean).toBeLessThan(1.5);
    expect(groundInSlot).toBeLessThan(6);
  });
});
