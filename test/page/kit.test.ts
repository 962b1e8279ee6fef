/**
 * The page's covers, cards and story ground as the Node side makes them (src/page/kit.ts): the
 * story's circle for the avatar lies in the story's safe zone with no word in it, and a message
 * that leaves no room for the circle gives the page no story rather than an unreadable one.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CARDS } from '../../src/words/surfaces.js';
import { kitEntries, storyGround } from '../../src/page/kit.js';
import { renderCard, renderCover } from '../../src/render/cover-card.js';

const STORY = CARDS.find((c) => c.name === 'story')!;

/** The box around the text pixels on the default red ground (white words: green above 90), and their count. */
async function ink(jpeg: Buffer) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity, count: 0 };
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[(y * info.width + x) * info.channels + 1]! <= 90) continue;
      box.count++;
      [box.left, box.top, box.right, box.bottom] = [Math.min(box.left, x), Math.min(box.top, y), Math.max(box.right, x + 1), Math.max(box.bottom, y + 1)];
    }
  }
  return box;
}

describe('the story ground for the page', () => {
  it('keeps a circle in the safe zone free of words, and puts every word under it, inside the zone', async () => {
    const story = (await storyGround({ message: { ar: 'أوقفوا قصف حلب', en: 'Stop the bombing of Aleppo' } }, 90))!;
    expect([story.width, story.height, story.quality]).toEqual([1080, 1920, 90]);
    expect(story.ground).toMatch(/^data:image\/png;base64,/);
    const { left, top, size } = story.slot;
    const { safe } = STORY;
    expect(left).toBeGreaterThanOrEqual(safe.left);
    expect(top).toBeGreaterThanOrEqual(safe.top);
    expect(left + size).toBeLessThanOrEqual(safe.right);
    expect(top + size).toBeLessThanOrEqual(safe.bottom);
    expect(size).toBeGreaterThan(0.5 * (safe.right - safe.left));
    const words = await ink(Buffer.from(story.ground.split(',')[1]!, 'base64'));
    expect(words.count).toBeGreaterThan(1000);
    // Every word below the circle (and so none in it), all inside the safe zone.
    expect(words.top).toBeGreaterThan(top + size);
    expect(words.bottom).toBeLessThanOrEqual(safe.bottom);
    expect(words.left).toBeGreaterThanOrEqual(safe.left);
    expect(words.right).toBeLessThanOrEqual(safe.right);
  });

  it('keeps the plain story.jpg as it is: no slot unless asked for', async () => {
    const [plain] = await renderCard({ for: 'story' });
    expect(plain!.slot).toBeUndefined();
    // The hashtags alone sit in the middle of the zone, where the slot would be.
    expect((await ink(plain!.data)).top).toBeLessThan((STORY.safe.top + STORY.safe.bottom) / 2);
  });

  it('gives the page no story when the words leave no room for the circle, and refuses a slot on a cover', async () => {
    const long = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1}: the march leaves the town hall at noon on Saturday and ends at the square.`);
    expect(await storyGround({ message: long }, 90)).toBeUndefined();
    await expect(renderCover({ for: 'x', avatarSlot: true } as never)).rejects.toThrow(/avatarSlot/);
    await expect(renderCard({ for: 'story', avatarSlot: 'yes' } as never)).rejects.toThrow('Expected true or false for avatarSlot but received "yes"');
  });
});

describe('the thumbnails', () => {
  it('are small inline JPEGs of the same shape', async () => {
    const images = await renderCard({ for: ['post', 'story'] });
    const entries = await kitEntries(images);
    expect(entries.map((e) => [e.file, e.width, e.height])).toEqual([['post.jpg', 1080, 1080], ['story.jpg', 1080, 1920]]);
    for (const entry of entries) {
      const bytes = Buffer.from(entry.thumbnail.replace(/^data:image\/jpeg;base64,/, ''), 'base64');
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, Math.round((meta.width! * entry.height) / entry.width)]).toEqual(['jpeg', 240, meta.height]);
      expect(bytes.length).toBeLessThan(20_000);
    }
  });
});
