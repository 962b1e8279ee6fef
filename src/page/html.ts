/**
 * The campaign page as one HTML document: the browser bundle, its style and the page's config
 * inline, a Content-Security-Policy that forbids every connection, and the link-preview tags.
 * A pure function of its inputs (no file system), so tests can read the page it writes.
 */
import { createHash } from 'node:crypto';
import { PAGE_IDS, PAGE_ROOT_ID, type PageConfig } from '../portable/page-config.js';

export interface PageDocument {
  /** The page's language (BCP 47) and direction before the script picks the reader's own. */
  lang: string;
  dir: 'rtl' | 'ltr';
  title: string;
  description: string;
  /** Where link previews find the card: `preview.jpg` or an absolute address. */
  imageUrl: string;
  imageAlt: string;
  imageSize: { width: number; height: number };
  /** The page's own absolute address, when the organiser gave one. */
  pageUrl: string | undefined;
  /** The browser's address-bar colour on phones: the campaign colour. */
  themeColor: string;
  /** Shown when scripts are off, in every language of the page. */
  noscript: { lang: string; dir: 'rtl' | 'ltr'; text: string }[];
  config: PageConfig;
  script: string;
  style: string;
}

/** The CSP source for an inline element: its exact text, hashed, so nothing else can run. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

/**
 * Nothing may be fetched, framed, posted or loaded from anywhere: only the page's own inline
 * script and style (by hash) run, and images come from the page itself (data:, blob:). The photo
 * therefore cannot leave the device even if the script wanted it to. `frame-ancestors` cannot be
 * set from a meta tag; a host that wants it sets the header.
 */
export function contentSecurityPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${cspHash(script)}`,
    `style-src ${cspHash(style)}`,
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** JSON safe inside a script element: `<` escaped, so no string can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function assertInlineable(content: string, element: 'script' | 'style'): void {
  if (new RegExp(`</${element}`, 'i').test(content)) {
    throw new Error(`the browser ${element} contains "</${element}", which would end the inline element early`);
  }
}

/**
 * Writes the page. The CSP meta comes first in the head, before any script or style it governs.
 *
 * @example const html = pageHtml({ lang: 'ar', dir: 'rtl', title: '#حلب_تحترق', ..., script, style });
 */
export function pageHtml(doc: PageDocument): string {
  assertInlineable(doc.script, 'script');
  assertInlineable(doc.style, 'style');
  const meta = (attribute: 'name' | 'property', key: string, value: string) => `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`;
  const preview = [
    meta('property', 'og:type', 'website'),
    meta('property', 'og:title', doc.title),
    meta('property', 'og:description', doc.description),
    meta('property', 'og:image', doc.imageUrl),
    meta('property', 'og:image:type', 'image/jpeg'),
    meta('property', 'og:image:width', String(doc.imageSize.width)),
    meta('property', 'og:image:height', String(doc.imageSize.height)),
    meta('property', 'og:image:alt', doc.imageAlt),
    ...(doc.pageUrl ? [meta('property', 'og:url', doc.pageUrl)] : []),
    meta('name', 'twitter:card', 'summary_large_image'),
    meta('name', 'twitter:title', doc.title),
    meta('name', 'twitter:description', doc.description),
    meta('name', 'twitter:image', doc.imageUrl),
    meta('name', 'twitter:image:alt', doc.imageAlt),
  ];
  // The page's address, where a text names it, is a link: the one thing to do when scripts are off.
  const linked = (text: string) =>
    doc.pageUrl ? text.split(doc.pageUrl).map(escapeHtml).join(`<a href="${escapeHtml(doc.pageUrl)}">${escapeHtml(doc.pageUrl)}</a>`) : escapeHtml(text);
  const noscript = doc.noscript.map((n) => `<p lang="${escapeHtml(n.lang)}" dir="${n.dir}">${linked(n.text)}</p>`).join('');
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(doc.lang)}" dir="${doc.dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(doc.script, doc.style)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="theme-color" content="${escapeHtml(doc.themeColor)}">`,
    // Without an icon of its own, a browser asks the host for /favicon.ico: one request too many.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(doc.title)}</title>`,
    meta('name', 'description', doc.description),
    ...preview,
    `<style>${doc.style}</style>`,
    '</head>',
    '<body>',
    `<noscript>${noscript}</noscript>`,
    `<div id="${PAGE_ROOT_ID}"></div>`,
    `<script type="application/json" id="${PAGE_IDS.config}">${scriptJson(doc.config)}</script>`,
    `<script>${doc.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
