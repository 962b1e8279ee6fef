/**
 * The Node side of the campaign page: resolves the look, bakes the CLI's own overlay and the
 * organiser's strings into the page's config, inlines the browser bundle built into dist/web, and
 * renders the link-preview card. The browser side lives in src/web; the two meet in config.ts.
 */
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { toHex } from '../core/rgba.js';
import { RedframeError } from '../core/errors.js';
import { plainObject } from '../options/check.js';
import { resolveOptions, type RenderOptions, type ResolvedOptions } from '../options/resolve.js';
import { renderOverlay, type Overlay } from '../overlay/overlay.js';
import type { AvatarInput } from '../render/render.js';
import { PAGE_BUNDLE, type PageConfig } from '../portable/page-config.js';
import { directionOf, localised, type LocalisedText } from '../portable/language.js';
import { fillSlots, tableFor } from '../portable/strings/index.js';
import { pageHtml } from './html.js';
import { renderKit, type LeftOut, type RenderedSurface } from '../render/cover-card.js';
import { CARD, makePreview } from './preview-card.js';
import { kitEntries, storyGround } from './kit.js';
import { pageNotes, resolvePageSection, type PageSection, type ResolvedPageSection } from '../preset/page-section.js';
import { accentCss, pageAccent } from '../portable/accent.js';

export interface CampaignPageOptions extends RenderOptions {
  /** What the organiser says on the page (the preset's `page` section). */
  page?: PageSection;
  /** The photo on the link-preview card. Default: a drawn silhouette, never a real face. */
  sample?: AvatarInput;
}

export interface CampaignPage {
  /** index.html: one self-contained file that makes no request of any kind. */
  html: string;
  /** preview.jpg: the 1200x630 card that the page's link-preview tags point to. */
  preview: Buffer;
  /**
   * The covers and cards of the look (facebook.jpg ... story.jpg), to put beside the page, and
   * those left out because their words cannot be legible there.
   */
  kit: RenderedSurface[];
  leftOut: LeftOut[];
  /**
   * What the organiser should know about a page that was made all the same, one line each: a
   * `page.until` already past (the page then offers no reminder). Empty when all is well.
   */
  notes: string[];
}

/** The package root, where PAGE_BUNDLE's paths start (src/page and dist/page are both two levels down). */
const PACKAGE_ROOT = new URL('../../', import.meta.url);

/**
 * Makes the campaign page for a look: everything the person making their avatar needs is inside
 * `html` (the bundle, the overlay, the strings), and `preview` is the card for link previews.
 * Options are the render options (validated like the flags) plus `page` and `sample`.
 *
 * @example
 * import { mkdir, writeFile } from 'node:fs/promises';
 * import { loadPresetContent, makeCampaignPage } from 'redframe';
 *
 * // A preset file's look and its page section:
 * const { options, sections } = await loadPresetContent('campaign/team.json');
 * const { html, preview } = await makeCampaignPage({ ...options, page: sections.page });
 *
 * // Or written out:
 * await makeCampaignPage({ mode: 'duotone', page: { title: { ar: 'حلب تحترق', en: 'Aleppo is burning' }, url: 'https://example.org/aleppo/' } });
 * await mkdir('campaign', { recursive: true });
 * await writeFile('campaign/index.html', html);
 * await writeFile('campaign/preview.jpg', preview);
 */
export async function makeCampaignPage(options: CampaignPageOptions = {}): Promise<CampaignPage> {
  const { page, sample, ...look } = plainObject(options, 'option') as CampaignPageOptions;
  const resolved = resolveOptions(look);
  const section = resolvePageSection(page);
  const [overlay, bundle, preview, kit, story] = await Promise.all([
    renderOverlay(resolved), readBundle(), makePreview(resolved, sample), renderKit(look), storyGround(look, resolved.quality ?? 90),
  ]);
  const config = { ...pageConfig(resolved, overlay, section), kit: await kitEntries(kit.images), ...(story ? { story } : {}) };
  const lang = section.languages[0]!;
  // The same choice the page's script makes for the first language, so the head (and link
  // previews) say what the page shows.
  const inLanguage = (text: LocalisedText | undefined) => localised(text, lang, section.languages)?.text;
  const table = (language: string) => tableFor(language, section.interface);
  const html = pageHtml({
    lang,
    dir: directionOf(lang),
    title: inLanguage(section.texts.title) ?? defaultTitle(resolved),
    description: inLanguage(section.texts.description) ?? table(lang).pageDescription,
    imageUrl: section.folder ? new URL('preview.jpg', section.folder).href : 'preview.jpg',
    imageAlt: table(lang).previewAlt,
    imageSize: CARD,
    pageUrl: section.url?.href,
    themeColor: toHex(resolved.color),
    // In every language offered: on an iPhone opened from a file, this is all the page can say.
    noscript: section.languages.map((l) => ({
      lang: l,
      dir: directionOf(l),
      text: section.url ? fillSlots(table(l).noscriptAt, { url: section.url.href }) : table(l).noscript,
    })),
    config,
    script: bundle.script,
    // The campaign's colour as the interface's accent, after the stylesheet's defaults (and under
    // the same policy hash).
    style: `${bundle.style}\n${accentCss(pageAccent(resolved.frameColor))}`,
  });
  return { html, preview, kit: kit.images, leftOut: kit.leftOut, notes: pageNotes(section) };
}

/** The campaign's hashtags are its name, in every language at once. */
function defaultTitle(look: ResolvedOptions): string {
  return look.banner === 'none' ? 'redframe' : look.text.join(' ');
}

/** Raw bytes, deflated (zlib), base64: the page inflates them with DecompressionStream('deflate'). */
const pack = (bytes: Uint8Array) => deflateSync(bytes, { level: 9 }).toString('base64');

/**
 * The config the browser reads: the look as numbers, the overlay and mask as the CLI made them,
 * and the organiser's strings.
 *
 * @example pageConfig(resolveOptions({ shape: 'circle' }), await renderOverlay(...), resolvePageSection()).download // { format: 'png', quality: 90 }
 */
function pageConfig(look: ResolvedOptions, overlay: Overlay, section: ResolvedPageSection): PageConfig {
  return {
    size: look.size,
    shape: look.shape,
    // The browser encodes JPEG and PNG everywhere; a circle needs PNG's transparency.
    download: { format: look.shape === 'circle' || look.format === 'png' ? 'png' : 'jpeg', quality: look.quality ?? 90 },
    treatment: { mode: look.mode, color: look.color, strength: look.strength },
    ...(overlay.rgba ? { overlay: pack(overlay.rgba) } : {}),
    ...(overlay.mask ? { mask: pack(overlay.mask) } : {}),
    hashtags: look.banner === 'none' ? [] : [...look.text],
    organiser: section.texts,
    languages: section.languages,
    interface: section.interface,
    ...(section.until ? { until: section.until } : {}),
  };
}

/** The browser bundle as built by `npm run build`; it ships in the package, so nothing is built here. */
async function readBundle(): Promise<{ script: string; style: string }> {
  const read = async (path: string) => {
    try {
      return await readFile(new URL(path, PACKAGE_ROOT), 'utf8');
    } catch (error) {
      throw new RedframeError('IO_ERROR', `the campaign page's browser bundle is missing (${(error as Error).message}); reinstall redframe, or run npm run build in a clone`, path);
    }
  };
  const [script, style] = await Promise.all([read(PAGE_BUNDLE.script), read(PAGE_BUNDLE.style)]);
  return { script, style };
}
