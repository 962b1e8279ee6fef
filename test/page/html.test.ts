import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PAGE_IDS, type PageConfig } from '../../src/portable/page-config.js';
import { contentSecurityPolicy, pageHtml, type PageDocument } from '../../src/page/html.js';

const config: PageConfig = {
  size: 800,
  shape: 'square',
  download: { format: 'jpeg', quality: 90 },
  treatment: { mode: 'tint', color: { r: 209, g: 10, b: 10, alpha: 1 }, strength: 1 },
  organiser: { title: { en: 'Stop </script><script>alert(1)</script>' } },
  languages: ['ar', 'en'],
  hashtags: ['#حلب_تحترق', '#AleppoIsBurning'],
  interface: {},
};

const doc = (changes: Partial<PageDocument> = {}): PageDocument => ({
  lang: 'ar',
  dir: 'rtl',
  title: '#حلب_تحترق "& <b>',
  description: 'صورتك لا تغادر جهازك.',
  imageUrl: 'preview.jpg',
  imageAlt: 'an example',
  imageSize: { width: 1200, height: 630 },
  pageUrl: undefined,
  themeColor: '#d10a0a',
  noscript: [{ lang: 'en', dir: 'ltr', text: 'This page needs JavaScript.' }],
  config,
  script: 'document.title = "ok";',
  style: 'body { margin: 0 }',
  ...changes,
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

describe('the campaign page document', () => {
  it('allows exactly its own inline script and style, and no connection of any kind', () => {
    const csp = contentSecurityPolicy('run();', 'p{}');
    expect(csp).toBe(
      `default-src 'none'; script-src 'sha256-${sha256('run();')}'; style-src 'sha256-${sha256('p{}')}'; img-src data: blob:; base-uri 'none'; form-action 'none'`,
    );
  });

  it('puts the policy first in the head, before anything it governs', () => {
    const html = pageHtml(doc());
    const policy = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(policy).toBeGreaterThan(0);
    expect(policy).toBeLessThan(html.indexOf('<style>'));
    expect(policy).toBeLessThan(html.indexOf('<script'));
    expect(html).toContain(`<script>document.title = "ok";</script>`);
  });

  it('sets the language and direction, and escapes the organiser text', () => {
    const html = pageHtml(doc());
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<title>#حلب_تحترق &quot;&amp; &lt;b&gt;</title>');
  });

  it('keeps the config one JSON element that no string can close', () => {
    const html = pageHtml(doc());
    const start = html.indexOf(`<script type="application/json" id="${PAGE_IDS.config}">`);
    const body = html.slice(html.indexOf('>', start) + 1, html.indexOf('</script>', start));
    expect(JSON.parse(body)).toEqual(config);
    expect(body).not.toContain('<');
  });

  it('refuses a bundle that would end its own element', () => {
    expect(() => pageHtml(doc({ script: 'x = "</script>"' }))).toThrow('contains "</script"');
    expect(() => pageHtml(doc({ style: 'a{} </STYLE>' }))).toThrow('contains "</style"');
  });

  it('points link previews at the card, relative unless the organiser gave an address', () => {
    expect(pageHtml(doc())).toContain('<meta property="og:image" content="preview.jpg">');
    const published = pageHtml(doc({ imageUrl: 'https://example.org/a/preview.jpg', pageUrl: 'https://example.org/a/' }));
    expect(published).toContain('<meta name="twitter:image" content="https://example.org/a/preview.jpg">');
    expect(published).toContain('<meta property="og:url" content="https://example.org/a/">');
    expect(published).toContain('<meta name="twitter:card" content="summary_large_image">');
  });

  it('makes the page’s address a link in the text shown without scripts', () => {
    const url = 'https://example.org/a/?x=1&y=2';
    const html = pageHtml(doc({ pageUrl: url, noscript: [{ lang: 'en', dir: 'ltr', text: `Open it from its web address instead, ${url}. Thanks.` }] }));
    expect(html).toContain('<p lang="en" dir="ltr">Open it from its web address instead, <a href="https://example.org/a/?x=1&amp;y=2">https://example.org/a/?x=1&amp;y=2</a>. Thanks.</p>');
  });
});
