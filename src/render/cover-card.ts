/**
 * Covers (Facebook, X, LinkedIn, YouTube) and cards (post, portrait, story) from the same look as
 * the avatars: the ground is the campaign colour, or a photo with the look's treatment cut to each
 * shape; the words are the hashtags and the message, inside each surface's safe zone.
 */
import sharp from 'sharp';
import { invalid, quote, received, RedframeError } from '../core/errors.js';
import { resolveOptions, type RenderOptions, type ResolvedOptions } from '../options/resolve.js';
import { didYouMean, plainList, plainObject } from '../options/check.js';
import { resolveLimits, type RenderLimits, type ResolvedLimits } from '../options/settings.js';
import { surfaceTextSvg, type AvatarSlot } from '../words/surface-text.js';
import { CARDS, COVERS, type Surface } from '../words/surfaces.js';
import { loadFontStack } from '../text/font.js';
import { treatPixels } from '../portable/composite.js';
import { decodeSquare } from './decode-square.js';
import { photoBytes, type AvatarInput } from './render.js';
import { startDeadline, type Deadline } from './deadline.js';
import { buildTreatment } from '../portable/treatment.js';

export { CARDS, COVERS, type AvatarSlot, type Surface };

/** What a cover or card render takes: the look (as for avatars, `message` included), a photo, and which surfaces. */
export interface SurfaceOptions extends RenderOptions {
  /** The ground: a photo (path or bytes) with the look's treatment. Default: the campaign colour. */
  photo?: AvatarInput;
  /** Which surfaces, by name (`facebook`, `x`, ... or `post`, `portrait`, `story`), or `all`. Default all. */
  for?: string | readonly string[];
  /**
   * Cards only: keep a circle at the top of the safe zone free of words, for an avatar to be put
   * in later (the campaign page puts the supporter's there); its place is `slot` on each result.
   * Default false.
   */
  avatarSlot?: boolean;
}

/** One image written for a surface: `${name}.jpg`, JPEG, no metadata. */
export interface RenderedSurface {
  name: string;
  /** The file name: `${name}.jpg`. */
  file: string;
  width: number;
  height: number;
  data: Buffer;
  /** The circle left free for an avatar (its bounding square), with `avatarSlot`. */
  slot?: AvatarSlot;
}

/**
 * Renders the covers: `facebook.jpg` (1640x624), `x.jpg` (1500x500), `linkedin.jpg` (1584x396)
 * and `youtube.jpg` (2560x1440), or those named in `for`. Text stays in each one's safe zone
 * (`COVERS`); text too long to be legible there is refused with TEXT_TOO_LONG. `limits` are the
 * avatars' (`maxPixels`, `maxBytes` for the photo; `timeoutSeconds` for the whole call, TIMEOUT past it).
 *
 * @example
 * import { writeFile } from 'node:fs/promises';
 * import { renderCover } from 'redframe';
 * for (const { file, data } of await renderCover({ message: { ar: 'أوقفوا قصف حلب', en: 'Stop the bombing of Aleppo' } })) {
 *   await writeFile(`kit/${file}`, data);
 * }
 */
export function renderCover(options: SurfaceOptions = {}, limits?: RenderLimits): Promise<RenderedSurface[]> {
  return renderSurfaces(COVERS, 'cover', options, limits);
}

/**
 * Renders the cards: `post.jpg` (1080x1080), `portrait.jpg` (1080x1350) and `story.jpg`
 * (1080x1920), or those named in `for`, each with the hashtags and the message in its safe zone.
 *
 * @example
 * const [story] = await renderCard({ for: 'story', photo: 'march.jpg', message: ['Saturday 12:00, Trafalgar Square', '#AleppoIsBurning'] });
 */
export function renderCard(options: SurfaceOptions = {}, limits?: RenderLimits): Promise<RenderedSurface[]> {
  return renderSurfaces(CARDS, 'card', options, limits);
}

/**
 * The story card with its circle for an avatar, losslessly as PNG, for the campaign page to
 * inline: on the page's solid ground PNG is smaller than JPEG (about 30 KB against 53 KB for the
 * default look) and the words are not encoded twice when the page saves the story as JPEG.
 *
 * @example const story = await renderStoryGround({ message: 'Saturday 12:00, the town hall' }); // story.slot, story.data (PNG)
 */
export async function renderStoryGround(options: RenderOptions = {}): Promise<RenderedSurface> {
  const [story] = await renderSurfaces(CARDS, 'card', { ...options, for: 'story', avatarSlot: true }, undefined, 'png');
  return story!;
}

/** A surface left out of a kit: its file and why (its words cannot be legible there). */
export interface LeftOut {
  file: string;
  reason: string;
}

/**
 * Every cover and card of a look, one by one: a surface whose words cannot be legible
 * (TEXT_TOO_LONG, a long message on LinkedIn's short zone) is left out and said why, and the
 * others are made. What the campaign page puts beside itself.
 *
 * @example const { images, leftOut } = await renderKit({ message: 'Stop the bombing of Aleppo' }); // 7 images, none left out
 */
export async function renderKit(options: RenderOptions = {}): Promise<{ images: RenderedSurface[]; leftOut: LeftOut[] }> {
  const images: RenderedSurface[] = [];
  const leftOut: LeftOut[] = [];
  for (const [table, render] of [[COVERS, renderCover], [CARDS, renderCard]] as const) {
    for (const surface of table) {
      try {
        images.push(...await render({ ...options, for: surface.name }));
      } catch (error) {
        if (!(error instanceof RedframeError && error.code === 'TEXT_TOO_LONG')) throw error;
        leftOut.push({ file: `${surface.name}.jpg`, reason: error.message });
      }
    }
  }
  return { images, leftOut };
}

/** More names than there are surfaces of a kind, each named twice. */
const MAX_SURFACE_NAMES = 16;

/** The surfaces named by `for` (a name, a list, a comma list, or `all`), in the table's order. */
export function chooseSurfaces(all: readonly Surface[], wanted: string | readonly string[] | undefined, what: string): Surface[] {
  const names = all.map((s) => s.name);
  // A list is read once, its length first: a sparse list of length 1e9 is refused at once.
  const given = wanted === undefined ? ['all'] : typeof wanted === 'string' ? [wanted] : plainList(wanted, what, MAX_SURFACE_NAMES, 'names');
  if (!given || given.some((w) => typeof w !== 'string')) throw invalid(what, `a name or a list of names: ${names.join(', ')} or all`, wanted);
  const list = (given as string[]).flatMap((w) => w.split(','));
  const asked = list.map((n) => n.trim().toLowerCase()).filter((n) => n !== '');
  const expected = `${names.join(', ')} or all`;
  if (asked.length === 0) throw invalid(what, expected, received('nothing'));
  if (asked.includes('all')) return [...all];
  for (const name of asked) {
    if (names.includes(name)) continue;
    const guess = didYouMean(name, names);
    throw invalid(what, expected, name, guess ? { hint: `did you mean ${quote(guess)}?` } : {});
  }
  return all.filter((s) => asked.includes(s.name));
}

async function renderSurfaces(
  table: readonly Surface[], kind: 'cover' | 'card', options: SurfaceOptions, limits: RenderLimits | undefined, format: 'jpeg' | 'png' = 'jpeg',
): Promise<RenderedSurface[]> {
  const { photo, for: wanted, avatarSlot, ...look } = plainObject(options, 'option') as SurfaceOptions;
  if (avatarSlot !== undefined && typeof avatarSlot !== 'boolean') throw invalid('avatarSlot', 'true or false', avatarSlot);
  if (avatarSlot && kind !== 'card') throw invalid('avatarSlot', 'false for covers (a profile picture already sits on every cover)', avatarSlot);
  const resolved = resolveOptions(look);
  const checkedLimits = resolveLimits(limits);
  const surfaces = chooseSurfaces(table, wanted, `the ${kind}s to make`);
  // The options are checked before the clock starts; from here, the time limit holds for the whole
  // call: the words, the photo's read and decodes, every surface's encode.
  const file = typeof photo === 'string' ? photo : undefined;
  const deadline = startDeadline(checkedLimits.timeoutSeconds, file);
  return deadline.race(
    makeSurfaces(surfaces, resolved, photo, file, avatarSlot === true, checkedLimits, deadline, format),
    `making the ${kind}s took longer than timeoutSeconds (${checkedLimits.timeoutSeconds} s) allows${photo === undefined ? '' : '; the photo may be hostile or damaged'}`,
  );
}

async function makeSurfaces(
  surfaces: Surface[], resolved: ResolvedOptions, photo: AvatarInput | undefined, file: string | undefined, avatarSlot: boolean,
  checkedLimits: ResolvedLimits, deadline: Deadline, format: 'jpeg' | 'png',
): Promise<RenderedSurface[]> {
  const fonts = await loadFontStack(resolved.font);
  // Every surface's words first: a message too long for one of them fails before any photo is decoded.
  const withPhoto = photo !== undefined && resolved.mode !== 'solid';
  const texts = surfaces.map((surface) => surfaceTextSvg(surface, resolved, fonts, { band: withPhoto || !sameColour(resolved), photo: withPhoto, slot: avatarSlot }));
  const bytes = photo === undefined ? undefined : await photoBytes(photo, file, checkedLimits.maxBytes);
  const treatment = buildTreatment(resolved.mode, resolved.color, resolved.strength);
  const decode = (size: number, height: number, crop: ResolvedOptions['crop']) => decodeSquare(bytes!, file, {
    size, height, crop, maxPixels: checkedLimits.maxPixels, timeoutSeconds: checkedLimits.timeoutSeconds, deadline, animated: false,
  });
  // A solid look draws no photo, but a damaged one fails as it does for an avatar: decoded once, small.
  if (bytes && !withPhoto) await decode(64, 64, 'centre');
  return Promise.all(surfaces.map(async (surface, i) => {
    const { width, height } = surface;
    let ground: Buffer;
    if (bytes && withPhoto) {
      const decoded = await decode(width, height, resolved.crop);
      ground = treatPixels(decoded.rgb, treatment, decoded.rgb);
    } else {
      ground = solidGround(width * height, resolved);
    }
    // Raw pixels in and the words composited as SVG outlines: the JPEG carries no metadata at all.
    const composed = sharp(ground, { raw: { width, height, channels: 3 } }).composite([{ input: Buffer.from(texts[i]!.svg), density: 72 }]);
    const data = await (format === 'png' ? composed.png({ compressionLevel: 9 }) : composed.jpeg({ quality: resolved.quality ?? 90 }))
      .timeout({ seconds: deadline.sharpSeconds() })
      .toBuffer();
    const slot = texts[i]!.slot;
    return { name: surface.name, file: `${surface.name}.${format === 'png' ? 'png' : 'jpg'}`, width, height, data, ...(slot ? { slot } : {}) };
  }));
}

/** The campaign colour as the frame colour too: then the band behind the words would not show. */
function sameColour(options: ResolvedOptions): boolean {
  const { color, frameColor } = options;
  return color.r === frameColor.r && color.g === frameColor.g && color.b === frameColor.b && frameColor.alpha === 1;
}

/** The campaign colour, RGB, pixel after pixel (Buffer's fill repeats the 3-byte pattern natively). */
function solidGround(pixels: number, options: ResolvedOptions): Buffer {
  const { r, g, b } = options.color;
  return Buffer.alloc(pixels * 3, Buffer.from([r, g, b]));
}

