import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createRenderer, renderAvatar, type RenderOptions } from '../../src/api/index.js';
import { deltaE, fixture, meanDeltaE, photo, pixels, runCommand, tempDir } from '../helpers.js';

// The colours scripts/make-fixtures.mjs paints into the quadrants of every patches.* file.
const PATCHES = { topLeft: [200, 30, 30], topRight: [30, 150, 60], bottomLeft: [30, 60, 190], bottomRight: [230, 200, 40] };
const CMYK_PATCHES = { topLeft: [190, 50, 40], topRight: [60, 140, 70], bottomLeft: [50, 80, 150], bottomRight: [230, 200, 60] };
type Quadrants = typeof PATCHES;

const SIZE = 128;
/** The photo as it is: no treatment, no frame, no banner, centre crop. What goes in comes out. */
const PLAIN: RenderOptions = { size: SIZE, strength: 0, frame: 'none', banner: 'none', crop: 'centre', format: 'png' };

const rgb = ([r, g, b]: number[]) => ({ r: r!, g: g!, b: b! });
const formats = (name: string) => fixture('formats', name);

/** Colour differences at the middle of each quadrant of a rendered avatar. */
async function quadrantErrors(image: Buffer, expected: Quadrants): Promise<Record<keyof Quadrants, number>> {
  const { at } = await pixels(image);
  const [near, far] = [SIZE / 4, (SIZE * 3) / 4];
  return {
    topLeft: deltaE(at(near, near), rgb(expected.topLeft)),
    topRight: deltaE(at(far, near), rgb(expected.topRight)),
    bottomLeft: deltaE(at(near, far), rgb(expected.bottomLeft)),
    bottomRight: deltaE(at(far, far), rgb(expected.bottomRight)),
  };
}

const worst = (errors: Record<string, number>) => Math.max(...Object.values(errors));

describe('every accepted format, recognised by content', () => {
  // Lossless formats keep the colours to rounding; lossy ones (JPEG, WebP, AVIF, HEIC) a little less.
  const cases: [string, number][] = [
    ['patches.jpg', 3], ['patches.png', 1], ['patches.webp', 4], ['patches.gif', 2],
    ['patches.avif', 4], ['patches.tiff', 1], ['patches.heic', 4],
  ];
  it.each(cases)('%s gives a 128 px avatar with the right colours', async (name, tolerance) => {
    const bytes = await readFile(formats(name));
    const { data, width, height } = await createRenderer(PLAIN).render(bytes, name);
    expect([width, height]).toEqual([SIZE, SIZE]);
    const image = await sharp(data).metadata();
    expect([image.format, image.width, image.height]).toEqual(['png', SIZE, SIZE]);
    expect(worst(await quadrantErrors(data, PATCHES))).toBeLessThan(tolerance);
  });

  it('ignores the file name: a PNG named .jpg is read as the PNG it is', async () => {
    const dir = await tempDir();
    const { copyFile } = await import('node:fs/promises');
    await copyFile(formats('patches.png'), join(dir, 'really-a-png.jpg'));
    const png = await renderAvatar(join(dir, 'really-a-png.jpg'), PLAIN);
    expect(worst(await quadrantErrors(png, PATCHES))).toBeLessThan(1);
  });
});

describe('HEIC from iPhones (HEVC)', () => {
  it('decodes through libheif (WebAssembly) into the same picture as the JPEG it was made from', async () => {
    const fromHeic = await renderAvatar(formats('cat.heic'), PLAIN);
    const fromJpeg = await renderAvatar(photo('chelsea.jpg'), PLAIN);
    expect(await meanDeltaE(fromHeic, fromJpeg)).toBeLessThan(4);
  });

  it('gets the full look: red treatment, ring and banner', async () => {
    const avatar = await renderAvatar(formats('cat.heic'), { size: 256 });
    const { at, width } = await pixels(avatar);
    expect(width).toBe(256);
    const centre = at(128, 100);
    expect(centre.r).toBeGreaterThan(centre.g + 40); // a red photo
    expect(deltaE(at(128, 4), { r: 0xd1, g: 0x0a, b: 0x0a })).toBeLessThan(8); // the ring at the top
  });

  it('stops a decode that is over the time limit (the worker is ended)', async () => {
    await expect(renderAvatar(formats('cat.heic'), PLAIN, { timeoutSeconds: 0.001 })).rejects.toMatchObject({ code: 'TIMEOUT', file: formats('cat.heic') });
    // The next one decodes as usual: nothing was left broken.
    expect(await renderAvatar(formats('cat.heic'), PLAIN)).toBeInstanceOf(Buffer);
  });

  it('refuses a HEIC over the pixel limit before decoding it', async () => {
    await expect(renderAvatar(formats('cat.heic'), PLAIN, { maxPixels: 1000 })).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE', message: expect.stringMatching(/320x213/) });
  });

  it('writes nothing of its own to standard output: the image alone goes there', async () => {
    const run = await runCommand([formats('cat.heic'), '-o', '-', '--size', '64', '--banner', 'none']);
    expect(run.status).toBe(0);
    expect(run.stdout.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect((await sharp(run.stdout).metadata()).width).toBe(64);
  });

  it('renders from the built command too', async () => {
    const dir = await tempDir();
    const run = await runCommand([formats('cat.heic'), '-o', join(dir, 'cat.png'), '--size', '128', '--banner', 'none']);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect((await sharp(join(dir, 'cat.png')).metadata()).width).toBe(128);
  });
});

describe('unusual colour, depth and shape', () => {
  it('CMYK JPEG: colours come through the CMYK conversion as a person sees them (no inverted or raw inks)', async () => {
    expect((await sharp(formats('cmyk.jpg')).metadata()).space).toBe('cmyk');
    const png = await renderAvatar(formats('cmyk.jpg'), PLAIN);
    // The SWOP round trip shifts saturated colours a little; each quadrant must still be
    // nearest to its own colour.
    expect(worst(await quadrantErrors(png, CMYK_PATCHES))).toBeLessThan(15);
    const { at } = await pixels(png);
    const seen = at(SIZE / 4, SIZE / 4);
    const nearest = Object.entries(CMYK_PATCHES).sort((a, b) => deltaE(seen, rgb(a[1])) - deltaE(seen, rgb(b[1])))[0]![0];
    expect(nearest).toBe('topLeft');
  });

  it('16-bit PNG: same colours as the 8-bit file', async () => {
    expect((await sharp(formats('16bit.png')).metadata()).depth).toBe('ushort');
    expect(worst(await quadrantErrors(await renderAvatar(formats('16bit.png'), PLAIN), PATCHES))).toBeLessThan(1.5);
  });

  it('embedded ICC profile (Display P3): the profile is applied', async () => {
    const png = await renderAvatar(formats('display-p3.jpg'), PLAIN);
    expect(worst(await quadrantErrors(png, PATCHES))).toBeLessThan(3);
    // The same pixels read as if they were sRGB are visibly off: the test can tell.
    const ignored = await sharp(formats('display-p3.jpg'), { ignoreIcc: true }).resize(SIZE, SIZE).png().toBuffer();
    expect(worst(await quadrantErrors(ignored, PATCHES))).toBeGreaterThan(5);
  });

  it('greyscale: grey levels kept, in an RGB avatar', async () => {
    const png = await renderAvatar(formats('grey.png'), PLAIN);
    const greys = { topLeft: [40, 40, 40], topRight: [200, 200, 200], bottomLeft: [110, 110, 110], bottomRight: [250, 250, 250] };
    expect(worst(await quadrantErrors(png, greys))).toBeLessThan(1.5);
    // And the default look still paints it red.
    const { at } = await pixels(await renderAvatar(formats('grey.png'), { size: SIZE, banner: 'none' }));
    const mid = at(SIZE * 0.3, SIZE * 0.7);
    expect(mid.r).toBeGreaterThan(mid.g + 30);
  });

  it('palette PNG with transparency: the transparent half is white, the opaque half red', async () => {
    const { at } = await pixels(await renderAvatar(formats('palette-alpha.png'), PLAIN));
    expect(deltaE(at(SIZE / 4, SIZE / 2), { r: 255, g: 255, b: 255 })).toBeLessThan(1);
    expect(deltaE(at((SIZE * 3) / 4, SIZE / 2), { r: 200, g: 30, b: 30 })).toBeLessThan(2);
  });

  it('a 16x16 image, the smallest taken, fills the whole avatar with its colour; a 1x1 is refused', async () => {
    await expect(renderAvatar(formats('1x1.png'), PLAIN)).rejects.toMatchObject({ code: 'UNUSABLE_SHAPE', message: expect.stringMatching(/^the image is 1x1 pixels, its short side is under 16 px/) });
    const small = await sharp(formats('1x1.png')).resize(16, 16, { kernel: 'nearest' }).png().toBuffer();
    const image = await pixels(await renderAvatar(small, PLAIN));
    expect([image.width, image.height]).toEqual([SIZE, SIZE]);
    for (const [x, y] of [[0, 0], [SIZE - 1, SIZE - 1], [SIZE / 2, SIZE / 2]] as const) {
      expect(deltaE(image.at(x, y), { r: 30, g: 150, b: 60 })).toBeLessThan(1);
    }
  });

  it('a 3000x500 panorama is cut, not squashed: the centre crop is the blue middle square', async () => {
    const image = await pixels(await renderAvatar(formats('panorama-3000x500.jpg'), PLAIN));
    expect([image.width, image.height]).toEqual([SIZE, SIZE]);
    // Squashed, the red ends would show at the sides; cut, it is blue from edge to edge.
    for (const x of [2, SIZE / 2, SIZE - 3]) expect(deltaE(image.at(x, SIZE / 2), { r: 30, g: 60, b: 190 })).toBeLessThan(6);
    // The default (attention) crop also gives a square of the right size.
    const attention = await sharp(await renderAvatar(formats('panorama-3000x500.jpg'), { size: 200 })).metadata();
    expect([attention.width, attention.height]).toEqual([200, 200]);
  });

  it('EXIF orientation 6: the avatar is upright (the marked corner is top left)', async () => {
    expect((await sharp(formats('orientation-6.jpg')).metadata()).orientation).toBe(6);
    const { at } = await pixels(await renderAvatar(formats('orientation-6.jpg'), PLAIN));
    const red = { r: 220, g: 20, b: 20 };
    const grey = { r: 150, g: 150, b: 150 };
    expect(deltaE(at(16, 10), red)).toBeLessThan(8);
    expect(deltaE(at(16, SIZE - 10), grey)).toBeLessThan(8);
    expect(deltaE(at(SIZE - 16, 10), grey)).toBeLessThan(8);
  });
});

describe('animated GIF and WebP', () => {
  const FRAME_COLOURS = [[220, 20, 20], [20, 160, 40], [20, 40, 200], [240, 220, 20]];
  const RING = { r: 0xd1, g: 0x0a, b: 0x0a };

  async function frames(webp: Buffer) {
    const header = await sharp(webp, { animated: true }).metadata();
    const list = [];
    for (let page = 0; page < (header.pages ?? 1); page++) list.push(await pixels(await sharp(webp, { page }).png().toBuffer()));
    return { header, list };
  }

  it.each(['animated.gif', 'animated.webp'])('%s to WebP keeps every frame, its timing, and the ring on each frame', async (name) => {
    const { data, frames: count } = await createRenderer({ ...PLAIN, frame: 'ring', format: 'webp' }).render(await readFile(formats(name)), name);
    expect(count).toBe(4);
    const { header, list } = await frames(data);
    expect([header.format, header.width, header.pageHeight, header.pages]).toEqual(['webp', SIZE, SIZE, 4]);
    expect(header.delay).toEqual([100, 200, 300, 400]);
    expect(header.loop).toBe(0);
    list.forEach((frame, i) => {
      expect(deltaE(frame.at(SIZE / 2, SIZE / 2), rgb(FRAME_COLOURS[i]!)), `frame ${i} colour`).toBeLessThan(8);
      expect(deltaE(frame.at(SIZE / 2, 2), RING), `frame ${i} ring`).toBeLessThan(10);
    });
  });

  it('applies the colour treatment to every frame', async () => {
    const { data } = await createRenderer({ size: SIZE, banner: 'none', format: 'webp' }).render(await readFile(formats('animated.gif')));
    const { list } = await frames(data);
    expect(list).toHaveLength(4);
    const lightness = list.map((frame) => {
      const c = frame.at(SIZE / 2, SIZE / 2);
      expect(c.r).toBeGreaterThan(Math.max(c.g, c.b)); // red, whatever the frame's own colour
      return c.r + c.g + c.b;
    });
    // Tint keeps light and shade: the yellow frame is the lightest, the blue one the darkest.
    expect(lightness[3]).toBeGreaterThan(lightness[2]!);
  });

  it('--first-frame and non-animating formats give one still frame', async () => {
    const bytes = await readFile(formats('animated.gif'));
    const still = await createRenderer({ ...PLAIN, format: 'webp' }, { firstFrame: true }).render(bytes);
    expect(still.frames).toBe(1);
    expect((await sharp(still.data).metadata()).pages ?? 1).toBe(1);
    const png = await createRenderer(PLAIN).render(bytes);
    expect(png.frames).toBe(1);
    expect(deltaE((await pixels(png.data)).at(SIZE / 2, SIZE / 2), rgb(FRAME_COLOURS[0]!))).toBeLessThan(3);
  });

  it('animated GIF to GIF keeps every frame and its timing', async () => {
    const { data, frames: count } = await createRenderer({ ...PLAIN, frame: 'ring', format: 'gif' }).render(await readFile(formats('animated.gif')));
    expect(count).toBe(4);
    const { header, list } = await frames(data);
    expect([header.format, header.pages, header.pageHeight]).toEqual(['gif', 4, SIZE]);
    expect(header.delay).toEqual([100, 200, 300, 400]);
    list.forEach((frame, i) => expect(deltaE(frame.at(SIZE / 2, SIZE / 2), rgb(FRAME_COLOURS[i]!)), `frame ${i}`).toBeLessThan(10));
  });

  it('the built command keeps the animation, or flattens it with --first-frame', async () => {
    const dir = await tempDir();
    const animated = await runCommand([formats('animated.gif'), '-o', join(dir, 'a.webp'), '--size', '96', '--banner', 'none']);
    expect(animated.status).toBe(0);
    expect((await sharp(join(dir, 'a.webp')).metadata()).pages).toBe(4);
    const flat = await runCommand([formats('animated.gif'), '-o', join(dir, 'b.webp'), '--size', '96', '--banner', 'none', '--first-frame']);
    expect(flat.status).toBe(0);
    expect((await sharp(join(dir, 'b.webp')).metadata()).pages ?? 1).toBe(1);
  });
});
