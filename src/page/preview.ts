/**
 * preview.jpg, the card that link previews show: an avatar made by the normal renderer, centred on
 * a dark shade of the campaign colour. Its photo is the organiser's sample or, by default, a drawn
 * silhouette: a campaign page never shows a real person's face unless the organiser chose one.
 */
import sharp from 'sharp';
import type { Rgba } from '../colour.js';
import type { ResolvedOptions } from '../options.js';
import { createResolvedRenderer, type AvatarInput } from '../render/render.js';

/**
 * 1200x630 (1.91:1) is the size Facebook, LinkedIn and X show large cards at; a square image would
 * be cut to that shape by most of them, losing the banner at the bottom of the ring. X shows 2:1,
 * trimming 15 px above and below, so the avatar keeps a margin larger than that.
 */
export const CARD = { width: 1200, height: 630 } as const;
/** The avatar's side on the card: the card's height less a margin for X's 2:1 trim. */
export const CARD_AVATAR = 560;

/**
 * A neutral head and shoulders, drawn: light background, mid-grey figure, so every treatment shows
 * its light and its shade on it.
 *
 * @example await sharp(Buffer.from(silhouetteSvg(800))).png().toBuffer()
 */
export function silhouetteSvg(size: number): string {
  const s = (fraction: number) => Math.round(fraction * size * 10) / 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    '<defs><radialGradient id="light" cx="50%" cy="35%" r="75%"><stop offset="0" stop-color="#f2f2f2"/><stop offset="1" stop-color="#a6a6a6"/></radialGradient>',
    '<linearGradient id="figure" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5c5c5c"/><stop offset="1" stop-color="#2e2e2e"/></linearGradient></defs>',
    `<rect width="${size}" height="${size}" fill="url(#light)"/>`,
    // Shoulders: a rounded trapezoid from under the chin to below the bottom edge.
    `<path fill="url(#figure)" d="M${s(0.1)} ${s(1.02)}C${s(0.1)} ${s(0.78)} ${s(0.25)} ${s(0.66)} ${s(0.42)} ${s(0.63)}L${s(0.58)} ${s(0.63)}C${s(0.75)} ${s(0.66)} ${s(0.9)} ${s(0.78)} ${s(0.9)} ${s(1.02)}Z"/>`,
    // Neck and head.
    `<rect x="${s(0.44)}" y="${s(0.5)}" width="${s(0.12)}" height="${s(0.16)}" rx="${s(0.03)}" fill="#4a4a4a"/>`,
    `<ellipse cx="${s(0.5)}" cy="${s(0.38)}" rx="${s(0.15)}" ry="${s(0.185)}" fill="url(#figure)"/>`,
    '</svg>',
  ].join('');
}

/** The silhouette as a PNG photo for the renderer. */
export function silhouettePhoto(size = 800): Promise<Buffer> {
  return sharp(Buffer.from(silhouetteSvg(size))).png().toBuffer();
}

/** The card's background: the campaign colour darkened, so the avatar's edge and ring stand out. */
export function cardBackground({ r, g, b }: Rgba): { r: number; g: number; b: number } {
  const shade = 0.35;
  return { r: Math.round(r * shade), g: Math.round(g * shade), b: Math.round(b * shade) };
}

/**
 * Renders the card: the look at the card's avatar size (its own overlay, so text stays crisp),
 * composited on the background, JPEG without metadata.
 *
 * @example const jpeg = await makePreview(resolveOptions({}), undefined);
 */
export async function makePreview(look: ResolvedOptions, sample: AvatarInput | undefined): Promise<Buffer> {
  const photo = sample ?? (await silhouettePhoto());
  // The silhouette is centred by construction; a sample is cut as the look says.
  const crop = sample ? look.crop : 'centre';
  const renderer = createResolvedRenderer({ ...look, size: CARD_AVATAR, crop, format: 'png', quality: undefined });
  const { data: avatar } = await renderer.render(photo, typeof sample === 'string' ? sample : sample ? 'the sample photo' : 'the silhouette');
  return sharp({ create: { width: CARD.width, height: CARD.height, channels: 3, background: cardBackground(look.color) } })
    .composite([{ input: avatar, left: (CARD.width - CARD_AVATAR) / 2, top: (CARD.height - CARD_AVATAR) / 2 }])
    .jpeg({ quality: 86, mozjpeg: false })
    .toBuffer();
}
