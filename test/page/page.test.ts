import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/options.js';
import { renderOverlay } from '../../src/overlay/overlay.js';
import { PAGE_IDS, type PageConfig } from '../../src/page/config.js';
import { cspHash } from '../../src/page/html.js';
import { makeCampaignPage } from '../../src/page/page.js';

const configOf = (html: string): PageConfig => {
  const open = `id="${PAGE_IDS.config}">`;
  const start = html.indexOf(open) + open.length;
  return JSON.parse(html.slice(start, html.indexOf('</script>', start)));
};
const inflate = (packed: string | undefined) => inflateSync(Buffer.from(packed!, 'base64'));

describe('makeCampaignPage', () => {
  it("bakes in the command's own overlay and circle mask, byte for byte", async () => {
    const look = { shape: 'circle', text: ['#حلب_تحترق', '#AleppoIsBurning'], size: 400 } as const;
    const [{ html }, overlay] = await Promise.all([makeCampaignPage(look), renderOverlay(resolveOptions(look))]);
    const config = configOf(html);
    expect(config).toMatchObject({ size: 400, shape: 'circle', download: { format: 'png', quality: 90 }, languages: ['ar', 'en'] });
    expect(inflate(config.overlay).equals(overlay.rgba!)).toBe(true);
    expect(inflate(config.mask).equals(overlay.mask!)).toBe(true);
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
  });
});
