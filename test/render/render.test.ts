import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import * as shape from '../../src/words/shaping.js';
import { clearOverlayCache, createRenderer, renderAvatar } from '../../src/render/render.js';
import { luminance } from '../../src/portable/treatment.js';
import { deltaE, meanDeltaE, photo, pixels } from '../helpers.js';
// @ts-expect-error plain JavaScript list shared with scripts/update-goldens.mjs
import { GOLDENS } from '../golden/cases.mjs';

vi.mock('../../src/words/shaping.js', { spy: true });

const RED = { r: 0xd1, g: 0x0a, b: 0x0a };

describe('renderAvatar', () => {
  it.each(GOLDENS as { name: string; photo: string; options: object }[])(
    'matches the golden image $name within a colour tolerance',
    async ({ name, photo: file, options }) => {
      const png = await renderAvatar(photo(file), { ...options, format: 'png' });
      // Mean CIE76 difference under 1: invisible, yet any change of look, layout or text fails it.
      expect(await meanDeltaE(png, new URL(`../golden/${name}.png`, import.meta.url).pathname)).toBeLessThan(1);
    },
  );

  it('renders the same input identically twice, the overlay built anew each time', async () => {
    // The second render would reuse the first's overlay from the cache: empty it, so that the
    // shaping, the bent outlines and their raster are proven deterministic too.
    clearOverlayCache();
    const a = await renderAvatar(photo('chelsea.jpg'), { size: 200 });
    clearOverlayCache();
    const b = await renderAvatar(photo('chelsea.jpg'), { size: 200 });
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('makes an 800x800 JPEG by default and a PNG for circles', async () => {
    const square = await sharp(await renderAvatar(photo('coffee.jpg'))).metadata();
    expect(square).toMatchObject({ format: 'jpeg', width: 800, height: 800 });
    const circle = await sharp(await renderAvatar(photo('coffee.jpg'), { shape: 'circle', size: 300 })).metadata();
    expect(circle).toMatchObject({ format: 'png', width: 300, height: 300, hasAlpha: true });
  });

  it('makes the corners of a circle transparent and keeps the centre opaque', async () => {
    const image = await pixels(await renderAvatar(photo('astronaut.jpg'), { shape: 'circle', size: 200, format: 'webp' }));
    for (const [x, y] of [[0, 0], [199, 0], [0, 199], [199, 199], [20, 20]]) expect(image.at(x!, y!).a).toBe(0);
    expect(image.at(100, 100).a).toBe(255);
    expect(image.at(100, 3).a).toBeGreaterThan(200); // the ring reaches the edge of the circle
  });

  it('keeps light and shade in tint, and the photo gone in solid', async () => {
    const tint = await pixels(await renderAvatar(photo('astronaut.jpg'), { size: 256, frame: 'none', banner: 'none', format: 'png' }));
    const original = await pixels(await sharp(photo('astronaut.jpg')).resize(256, 256).png().toBuffer());
    // Hair (dark) stays darker than the white background: luminance order is kept.
    const lum = (p: { r: number; g: number; b: number }) => luminance(p.r, p.g, p.b);
    const pairs = [[128, 60], [30, 30], [128, 200], [220, 120]] as const;
    for (const [x, y] of pairs) expect(Math.abs(lum(tint.at(x, y)) - lum(original.at(x, y)))).toBeLessThan(6);
    // ...and every pixel is red: red dominates green and blue.
    for (const [x, y] of pairs) {
      const p = tint.at(x, y);
      expect(p.r).toBeGreaterThanOrEqual(p.g);
      expect(p.g).toBeLessThanOrEqual(p.b + 12);
    }
    const solid = await pixels(await renderAvatar(photo('astronaut.jpg'), { size: 128, mode: 'solid', banner: 'none', frame: 'none', format: 'png' }));
    expect(deltaE(solid.at(64, 64), RED)).toBeLessThan(1);
    expect(deltaE(solid.at(5, 120), RED)).toBeLessThan(1);
  });

  it('mixes the treatment with the original by strength', async () => {
    const opts = { size: 128, banner: 'none', frame: 'none', format: 'png', crop: 'centre' } as const;
    const none = await renderAvatar(photo('coffee.jpg'), { ...opts, strength: 0 });
    const original = await sharp(photo('coffee.jpg')).resize(128, 128).png().toBuffer();
    expect(await meanDeltaE(none, original)).toBeLessThan(1.5);
    const half = await renderAvatar(photo('coffee.jpg'), { ...opts, strength: 0.5 });
    const full = await renderAvatar(photo('coffee.jpg'), { ...opts, strength: 1 });
    const toOriginal = await meanDeltaE(half, original);
    expect(toOriginal).toBeGreaterThan(3);
    expect(toOriginal).toBeLessThan(await meanDeltaE(full, original));
  });

  it('draws the wash, multiply and duotone modes differently from each other', async () => {
    const render = (mode: 'wash' | 'multiply' | 'duotone' | 'tint') =>
      renderAvatar(photo('chelsea.jpg'), { size: 128, mode, banner: 'none', frame: 'none', format: 'png' });
    const [wash, multiply, duotone, tint] = await Promise.all([render('wash'), render('multiply'), render('duotone'), render('tint')]);
    for (const [a, b] of [[wash, multiply], [wash, duotone], [multiply, duotone], [tint, wash]] as const) {
      expect(await meanDeltaE(a, b)).toBeGreaterThan(3);
    }
  });

  it('draws the ring in the frame colour and white text on the banner at the bottom', async () => {
    const image = await pixels(await renderAvatar(photo('coffee.jpg'), { size: 400, format: 'png', frameColor: '#0000ff' }));
    expect(deltaE(image.at(200, 6), { r: 0, g: 0, b: 255 })).toBeLessThan(3); // top of the ring
    // The band under the text at the bottom is the frame colour, with white letters in it.
    let white = 0;
    let blue = 0;
    for (let x = 60; x < 340; x++) {
      for (let y = 350; y < 396; y++) {
        const p = image.at(x, y);
        if (p.r > 230 && p.g > 230 && p.b > 230) white++;
        if (p.b > 200 && p.r < 40) blue++;
      }
    }
    expect(white).toBeGreaterThan(300);
    expect(blue).toBeGreaterThan(white);
  });

  it('builds the overlay once per renderer: text is never shaped per image', async () => {
    vi.mocked(shape.shapeLine).mockClear();
    const renderer = createRenderer({ size: 160, text: ['#Once', '#مرة'] });
    for (const file of ['astronaut.jpg', 'chelsea.jpg', 'coffee.jpg', 'rocket.jpg']) await renderer.render(photo(file));
    expect(vi.mocked(shape.shapeLine)).toHaveBeenCalledTimes(2); // two segments, shaped once each
    await renderAvatar(photo('coffee.jpg'), { size: 160, text: ['#Once', '#مرة'] });
    expect(vi.mocked(shape.shapeLine)).toHaveBeenCalledTimes(2); // same look: the cached overlay
  });
});
