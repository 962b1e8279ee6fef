import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { compositePixels } from '../../src/portable/composite.js';
import { buildTreatment } from '../../src/portable/treatment.js';
import { decodeSquare } from '../../src/render/decode-square.js';
import { renderAvatar } from '../../src/render/render.js';
import { photo } from '../helpers.js';
import { PAGE_IDS, type PageConfig } from '../../src/portable/page-config.js';
import { cspHash } from '../../src/page/html.js';
import { makeCampaignPage } from '../../src/page/page.js';

const configOf = (html: string): PageConfig => {
  const open = `id="${PAGE_IDS.config}">`;
  const start = html.indexOf(open) + open.length;
  return JSON.parse(html.slice(start, html.indexOf('</script>', start)));
};
const inflate = (packed: string | undefined) => inflateSync(Buffer.from(packed!, 'base64'));

describe('makeCampaignPage', () => {
  it("carries what the page needs to draw the command's own avatar: its pixel pass over the baked layers makes the CLI's render", async () => {
    const look = { shape: 'circle', mode: 'duotone', color: '#0a7d32', text: ['#حلب_تحترق', '#AleppoIsBurning'], size: 400, crop: 'centre' } as const;
    const config = configOf((await makeCampaignPage(look)).html);
    expect(config).toMatchObject({ size: 400, shape: 'circle', download: { format: 'png', quality: 90 }, languages: ['ar', 'en'] });
    // What the page does with a photo, minus the browser: the same square, then the shared pass.
    const { size } = config;
    const square = await decodeSquare(await readFile(photo('astronaut.jpg')), undefined, { size, crop: 'centre', maxPixels: 1e8, timeoutSeconds: 60, animated: false });
    const treatment = buildTreatment(config.treatment.mode, config.treatment.color, config.treatment.strength);
    const drawn = compositePixels(square.rgb, treatment, { size, rgba: inflate(config.overlay), mask: inflate(config.mask) });
    const cli = await sharp(await renderAvatar(photo('astronaut.jpg'), look)).raw().toBuffer();
    expect(drawn.length).toBe(cli.length);
    let differences = 0;
    for (let i = 0; i < cli.length; i++) if (Math.abs(cli[i]! - drawn[i]!) > 1) differences++;
    expect(differences).toBe(0);
  });

  it('carries no overlay when the look draws nothing, and no mask for a square', async () => {
    const config = configOf((await makeCampaignPage({ frame: 'none', banner: 'none', size: 64 })).html);
    expect(config.overlay).toBeUndefined();
    expect(config.mask).toBeUndefined();
    expect(config.treatment).toEqual({ mode: 'tint', color: { r: 209, g: 10, b: 10, alpha: 1 }, strength: 1 });
  });

  it('is one file: nothing it points to lies outside it but the preview card', async () => {
    const { html } = await makeCampaignPage({ size: 64, banner: 'none' });
    const links = [...html.matchAll(/\b(?:src|href|action|srcset|poster)="([^"]*)"/g)].map((m) => m[1]);
    expect(links).toEqual(['data:,']); // the empty icon that stops a request for /favicon.ico
    const images = [...html.matchAll(/<meta (?:property|name)="(?:og|twitter):image" content="([^"]*)"/g)].map((m) => m[1]);
    expect(images).toEqual(['preview.jpg', 'preview.jpg']);
    expect(html).not.toMatch(/<link rel="(stylesheet|preload|prefetch|dns-prefetch|preconnect)"|@import|url\(http/i);
  });

  it('lets only its own inline script run', async () => {
    const { html } = await makeCampaignPage({ size: 64, banner: 'none' });
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(html).toContain(`script-src ${cspHash(scripts[0]!)};`);
  });

  it('writes the organiser texts in every language, and a title from the banner when there is none', async () => {
    const plain = await makeCampaignPage({ size: 160, text: ['#FreeThemAll'] });
    expect(plain.html).toContain('<title>#FreeThemAll</title>');
    const { html } = await makeCampaignPage({
      size: 64,
      banner: 'none',
      page: { title: { en: 'Free them all', ar: 'الحرية لهم' }, callToAction: 'Today', url: 'https://example.org/free' },
    });
    expect(html).toMatch(/<html lang="en" dir="ltr">[\s\S]*<title>Free them all<\/title>/);
    expect(html).toContain('<meta property="og:image" content="https://example.org/free/preview.jpg">');
    expect(configOf(html).organiser).toEqual({ title: { en: 'Free them all', ar: 'الحرية لهم' }, callToAction: { en: 'Today', ar: 'Today' } });
  });

  it('publishes the address as written, query included, and the card beside the page', async () => {
    const { html } = await makeCampaignPage({ size: 64, banner: 'none', page: { url: 'https://example.org/c?q=1' } });
    expect(html).toContain('<meta property="og:url" content="https://example.org/c?q=1">');
    expect(html).toContain('<meta property="og:image" content="https://example.org/c/preview.jpg">');
  });

  it('tells readers without JavaScript what to do in every offered language, region tags included', async () => {
    const noscript = async (languages: string[]) => /<noscript>([\s\S]*?)<\/noscript>/.exec((await makeCampaignPage({ size: 64, banner: 'none', page: { languages } })).html)![1]!;
    expect(await noscript(['en-GB', 'ar-SY'])).toMatch(/^<p lang="en-GB" dir="ltr">This page needs JavaScript[^<]*<\/p><p lang="ar-SY" dir="rtl">[^<]*JavaScript[^<]*<\/p>$/);
    expect(await noscript(['fr'])).toMatch(/^<p lang="fr" dir="ltr">Cette page a besoin de JavaScript/);
  });

  it('heads the page with the title the script shows first: the first language, else the next offered', async () => {
    const { html } = await makeCampaignPage({
      size: 64,
      banner: 'none',
      page: { title: { en: 'Free them all', fr: 'Libérez-les' }, languages: ['ar', 'fr', 'en'] },
    });
    expect(html).toMatch(/<html lang="ar" dir="rtl">[\s\S]*<title>Libérez-les<\/title>/);
  });

  it('checks the look and the page section like a preset', async () => {
    await expect(makeCampaignPage({ shape: 'circle', format: 'jpeg' })).rejects.toThrow('JPEG has no transparency');
    await expect(makeCampaignPage({ page: { title: '' } })).rejects.toThrow('Expected a non-empty string for page.title but received ""');
    await expect(makeCampaignPage({ page: { title: '\u200b' } })).rejects.toThrow('Expected text that shows something for page.title');
  });

  it('makes the page for an end date already past, and says in its notes that the page will offer no reminder', async () => {
    const past = await makeCampaignPage({ frame: 'none', banner: 'none', size: 64, page: { until: '2016-12-31' } });
    expect(configOf(past.html).until).toBe('2016-12-31');
    expect(past.notes).toEqual([expect.stringMatching(/^page\.until 2016-12-31 has passed: the page will offer no calendar reminder/)]);
    expect((await makeCampaignPage({ frame: 'none', banner: 'none', size: 64, page: { until: '9999-12-30' } })).notes).toEqual([]);
  });
});
