import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/options/resolve.js';
import { CARD, CARD_AVATAR, cardBackground, makePreview, silhouettePhoto } from '../../src/page/preview-card.js';
import { deltaE, photo, pixels } from '../helpers.js';

describe('the link-preview card', () => {
  it('is a 1200x630 JPEG with no metadata: the avatar centred on a shade of the campaign colour', async () => {
    const look = resolveOptions({ color: '#0a7d32' });
    const card = await makePreview(look, undefined);
    const meta = await sharp(card).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', CARD.width, CARD.height]);
    expect([meta.exif, meta.icc, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined, undefined]);
    const image = await pixels(card);
    expect(deltaE(image.at(20, 20), cardBackground(look.color))).toBeLessThan(3);
    // The ring, in the campaign colour, crosses the card's middle row just inside the avatar.
    const ringX = (CARD.width - CARD_AVATAR) / 2 + CARD_AVATAR * 0.02;
    expect(deltaE(image.at(ringX, CARD.height / 2), { r: 10, g: 125, b: 50 })).toBeLessThan(5);
  });

  it('draws a silhouette, not a photo: a dark figure on a light ground', async () => {
    const silhouette = await pixels(await silhouettePhoto(200));
    const head = silhouette.at(100, 76);
    const ground = silhouette.at(20, 30);
    expect(head.r).toBeLessThan(110);
    expect(ground.r).toBeGreaterThan(150);
  });

  it('uses the organiser sample when one is given', async () => {
    const look = resolveOptions({ frame: 'none', banner: 'none', strength: 0, crop: 'centre' });
    const [sample, drawn] = await Promise.all([makePreview(look, photo('coffee.jpg')), makePreview(look, undefined)]);
    const middle = async (card: Buffer) => (await pixels(card)).at(CARD.width / 2, CARD.height / 2);
    expect(deltaE(await middle(sample), await middle(drawn))).toBeGreaterThan(10);
  });
});
