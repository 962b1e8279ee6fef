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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_IDS } from '../../src/portable/page-config.js';
import { STRINGS } from '../../src/portable/strings/index.js';
import { meanDeltaE, runInProcess, tempDir } from '../helpers.js';
import { launchChromium, openCampaignPage } from './chromium.mjs';

let browser: Browser;
let server: Server;
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

beforeAll(async () => {
  const cwd = await tempDir('redframe-kit-page-');
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
  await new Promise((resolve) => server?.close(resolve));
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
});
