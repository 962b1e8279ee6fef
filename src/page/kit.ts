/**
 * The covers and cards as the campaign page shows them: each a small inline JPEG (the page's
 * policy allows images from data: only, so a thumbnail cannot be a request) linking to the file
 * the command writes beside index.html.
 */
import sharp from 'sharp';
import type { KitEntry } from '../portable/page-config.js';
import type { RenderedSurface } from '../render/cover-card.js';

/**
 * Thumbnail widths in pixels: twice the CSS width the page gives them at most (covers two to a
 * row on a phone, cards three), so they are sharp on a phone's screen and small in the page.
 */
export const THUMBNAIL_WIDTH = { cover: 360, card: 240 } as const;
const THUMBNAIL_QUALITY = 72;

/**
 * The page's entries for the images beside it, in the order given.
 *
 * @example (await kitEntries(kit.images))[0] // { name: 'facebook', file: 'facebook.jpg', width: 1640, height: 624, thumbnail: 'data:image/jpeg;base64,...' }
 */
export async function kitEntries(images: readonly RenderedSurface[]): Promise<KitEntry[]> {
  return Promise.all(images.map(async ({ name, file, width, height, data }) => {
    const kind = width > height ? 'cover' : 'card';
    const thumbnail = await sharp(data).resize({ width: THUMBNAIL_WIDTH[kind] }).jpeg({ quality: THUMBNAIL_QUALITY, mozjpeg: true }).toBuffer();
    return { name, file, width, height, thumbnail: `data:image/jpeg;base64,${thumbnail.toString('base64')}` };
  }));
}
