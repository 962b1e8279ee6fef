/**
 * The covers and cards as the campaign page shows them: each a small inline JPEG (the page's
 * policy allows images from data: only, so a thumbnail cannot be a request) linking to the file
 * the command writes beside index.html; and the story's ground with a slot for the reader's avatar.
 */
import sharp from 'sharp';
import { RedframeError } from '../core/errors.js';
import type { RenderOptions } from '../options/resolve.js';
import type { KitEntry, StoryGround } from '../portable/page-config.js';
import { renderStoryGround, type RenderedSurface } from '../render/cover-card.js';

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

/**
 * The story card with a circle left free at the top of its safe zone, for the page to put the
 * reader's avatar in; none when the look's words leave no room for the circle.
 *
 * @example (await storyGround({ message: 'Saturday 12:00, the town hall' }))?.slot // { left: 254, top: 307, size: 571 }
 */
export async function storyGround(look: RenderOptions, quality: number): Promise<StoryGround | undefined> {
  try {
    const { data, width, height, slot } = await renderStoryGround(look);
    return { ground: `data:image/png;base64,${data.toString('base64')}`, width, height, slot: slot!, quality };
  } catch (error) {
    if (error instanceof RedframeError && error.code === 'TEXT_TOO_LONG') return undefined;
    throw error;
  }
}
