/**
 * preview.jpg, the card that link previews show: an avatar made by the normal renderer, centred on
 * a dark shade of the campaign colour. Its photo is the organiser's sample or, by default, a drawn
 * silhouette: a campaign page never shows a real person's face unless the organiser chose one.
 */
import sharp from 'sharp';
import type { Rgba } from '../core/rgba.js';
import type { ResolvedOptions } from '../options/resolve.js';
import { createResolvedRenderer, type AvatarInput } from '../render/render.js';
import { silhouetteSvg } from '../portable/silhouette.js';

/**
 * 1200x630 (1.91:1) is the size Facebook, LinkedIn and X show large cards at; a square image would
 * be cut to that shape by most of them, losing the banner at the bottom of the ring. X shows 2:1,
 * trimming 15 px above and below, so the avatar keeps a margin larger than that.
 */
export const CARD = { width: 1200, height: 630 } as const;
/** The avatar's side on the card: the card's height less a margin for X's 2:1 trim. */
export const CARD_AVATAR = 560;

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
