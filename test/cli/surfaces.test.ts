/**
 * `redframe cover` and `redframe card` as an organiser runs them, in-process through runCli: the
 * files and their exact sizes, the words inside each safe zone, refusals, and no metadata.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExifReader from 'exifreader';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CARDS, COVERS, type Surface } from '../../src/words/surfaces.js';
import { fixture, photo, pixels, runInProcess, tempDir } from '../helpers.js';

const MESSAGE = { ar: 'أوقفوا قصف حلب', en: 'Stop the bombing of Aleppo' };

/** The box around the pixels of the text's colour (white) on the solid red ground, and their count. */
async function inkOf(file: string) {
  const image = await pixels(file);
  let [left, top, right, bottom, count] = [Infinity, Infinity, -Infinity, -Infinity, 0];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      // Anything clearly lighter than the red ground: text and its anti-aliased edges.
      if (image.data[i + 1]! < 90) continue;
      count++;
      [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x + 1), Math.max(bottom, y + 1)];
    }
  }
  return { left, top, right, bottom, count, width: image.width, height: image.height };
}

function expectInside(ink: Awaited<ReturnType<typeof inkOf>>, surface: Surface) {
  const { safe } = surface;
  expect(ink.count, surface.name).toBeGreaterThan(1000);
  expect(ink.left, `${surface.name} left`).toBeGreaterThanOrEqual(safe.left);
  expect(ink.top, `${surface.name} top`).toBeGreaterThanOrEqual(safe.top);
  expect(ink.right, `${surface.name} right`).toBeLessThanOrEqual(safe.right);
  expect(ink.bottom, `${surface.name} bottom`).toBeLessThanOrEqual(safe.bottom);
}

describe('redframe cover', () => {
  it('writes facebook, x, linkedin and youtube at their exact sizes, then refuses to replace them', async () => {
    const cwd = await tempDir();
    const first = await runInProcess(['cover', '-o', 'kit/'], { cwd });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^Wrote kit\/facebook\.jpg \(1640x624, \d+ KB\), kit\/x\.jpg \(1500x500, \d+ KB\), kit\/linkedin\.jpg \(1584x396, \d+ KB\), kit\/youtube\.jpg \(2560x1440, \d+ KB\)\.\n$/);
    expect((await readdir(join(cwd, 'kit'))).sort()).toEqual(['facebook.jpg', 'linkedin.jpg', 'x.jpg', 'youtube.jpg']);
    for (const surface of COVERS) {
      expect(await sharp(join(cwd, 'kit', `${surface.name}.jpg`)).metadata(), surface.name).toMatchObject({ format: 'jpeg', width: surface.width, height: surface.height });
      // The hashtags alone, on the campaign colour: every text pixel inside the safe zone.
      expectInside(await inkOf(join(cwd, 'kit', `${surface.name}.jpg`)), surface);
    }
    const before = (await stat(join(cwd, 'kit', 'x.jpg'))).mtimeMs;
    const again = await runInProcess(['cover', '-o', 'kit/'], { cwd });
    expect(again).toMatchObject({ status: 1, stderr: 'redframe: kit/facebook.jpg: already exists; use --overwrite to replace it\n' });
    expect((await stat(join(cwd, 'kit', 'x.jpg'))).mtimeMs).toBe(before);
    expect((await runInProcess(['cover', '-o', 'kit/', '--overwrite', '-q'], { cwd })).status).toBe(0);
  });

  it('writes only the platforms of --for, and names the known ones for a wrong one', async () => {
    const cwd = await tempDir();
    const some = await runInProcess(['cover', '--for', 'x,facebook', '-o', 'kit', '-q'], { cwd });
    expect(some).toMatchObject({ status: 0, stderr: '' });
    expect((await readdir(join(cwd, 'kit'))).sort()).toEqual(['facebook.jpg', 'x.jpg']);
    const wrong = await runInProcess(['cover', '--for', 'facebok', '-o', 'other'], { cwd });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe('redframe: Expected facebook, x, linkedin, youtube or all for --for but received "facebok"; did you mean "facebook"?\n');
    await expect(stat(join(cwd, 'other'))).rejects.toThrow();
  });

  it('keeps a two-language message inside each safe zone on solid ground', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'team.json'), JSON.stringify({ message: MESSAGE }));
    const result = await runInProcess(['cover', '--preset', 'team.json', '--for', 'facebook,x,youtube', '-o', 'kit', '-q'], { cwd });
    expect(result.status, result.stderr).toBe(0);
    for (const surface of COVERS.filter((s) => s.name !== 'linkedin')) expectInside(await inkOf(join(cwd, 'kit', `${surface.name}.jpg`)), surface);
  });
});

describe('redframe card', () => {
  it('writes post, portrait and story with the hashtags and the message inside their safe zones', async () => {
    const cwd = await tempDir();
    const result = await runInProcess(['card', '--message', MESSAGE.ar, '--message', MESSAGE.en, '-o', 'kit'], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Wrote kit\/post\.jpg \(1080x1080, \d+ KB\), kit\/portrait\.jpg \(1080x1350, \d+ KB\), kit\/story\.jpg \(1080x1920, \d+ KB\)\.\n$/);
    for (const surface of CARDS) {
      const file = join(cwd, 'kit', `${surface.name}.jpg`);
      expect(await sharp(file).metadata(), surface.name).toMatchObject({ format: 'jpeg', width: surface.width, height: surface.height });
      const ink = await inkOf(file);
      expectInside(ink, surface);
      // More words than the hashtags alone: the message is there.
      const hashtagsOnly = join(cwd, `${surface.name}-hashtags.jpg`);
      expect((await runInProcess(['card', '--for', surface.name, '-o', join(cwd, 'plain'), '-q'], { cwd })).status).toBe(0);
      await writeFile(hashtagsOnly, await readFile(join(cwd, 'plain', `${surface.name}.jpg`)));
      expect(ink.bottom - ink.top).toBeGreaterThan((await inkOf(hashtagsOnly)).bottom - (await inkOf(hashtagsOnly)).top);
    }
  });

  it('refuses a message too long for a story with exit status 2, saying how much to cut, and writes nothing', async () => {
    const cwd = await tempDir();
    const paragraph = 'Civilians in Aleppo have been under siege for months; hospitals, schools and markets are bombed every day, and the roads out are closed. ';
    const long = paragraph.repeat(7).trim();
    const result = await runInProcess(['card', '--for', 'story', '--message', long, '--message', long, '-o', 'kit'], { cwd });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^redframe: the message for story\.jpg \(1080x1920\) is too long to fit at the smallest legible size \(39 px\): cut about \d+ of its \d+ characters \(about \d+%\); shorten it, or leave story out with --for\n$/);
    await expect(stat(join(cwd, 'kit'))).rejects.toThrow();
  });

  it('puts the photo under the words with the look, and leaves none of its metadata (GPS, EXIF, XMP)', async () => {
    const cwd = await tempDir();
    const tagged = join(cwd, 'march.jpg');
    await writeFile(tagged, await sharp(photo('astronaut.jpg'))
      .withExif({ IFD0: { Artist: 'redframe-secret-artist' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 12/1 756/100', GPSLongitudeRef: 'E', GPSLongitude: '37/1 8/1 348/100' } })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>redframe-secret-xmp</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')
      .jpeg().toBuffer());
    const input = ExifReader.load(await readFile(tagged), { expanded: true });
    expect(input.gps?.Latitude).toBeCloseTo(36.2, 1); // the input really has it
    await mkdir(join(cwd, 'kit'));
    for (const command of ['cover', 'card']) {
      const result = await runInProcess([command, 'march.jpg', '--message', MESSAGE.en, '--for', command === 'cover' ? 'facebook,x,youtube' : 'all', '-o', 'kit', '-q'], { cwd });
      expect(result.status, result.stderr).toBe(0);
    }
    for (const name of await readdir(join(cwd, 'kit'))) {
      const bytes = await readFile(join(cwd, 'kit', name));
      const tags = ExifReader.load(bytes, { expanded: true, includeUnknown: true }) as Record<string, unknown>;
      expect(Object.keys(tags).filter((group) => !['file', 'jfif'].includes(group)), name).toEqual([]);
      const text = bytes.toString('latin1');
      for (const marker of ['redframe-secret', 'Exif\0\0', 'x:xmpmeta', 'http://ns.adobe.com/']) expect(text.includes(marker), `${name}: ${marker}`).toBe(false);
      // The photo shows: the ground is not one flat colour.
      const { data, info } = await sharp(bytes).resize(64, 64, { fit: 'fill' }).greyscale().raw().toBuffer({ resolveWithObject: true });
      const mean = data.reduce((a, b) => a + b, 0) / data.length;
      const spread = Math.sqrt(data.reduce((a, b) => a + (b - mean) ** 2, 0) / data.length);
      expect(spread, `${name} ${info.width}`).toBeGreaterThan(15);
    }
  });
});

describe('the limits of cover and card (--timeout, --max-pixels, --max-bytes)', () => {
  it('take the main command\'s limits, with its advice, and write nothing when one is hit', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'march.jpg'), await readFile(photo('astronaut.jpg')));
    const timeout = await runInProcess(['cover', '--timeout', '0.001', '-o', 'kit'], { cwd });
    expect(timeout).toMatchObject({ status: 1, stderr: 'redframe: making the covers took longer than timeoutSeconds (0.001 s) allows; raise --timeout if you trust the file\n' });
    const pixels = await runInProcess(['card', 'march.jpg', '--max-pixels', '1000', '-o', 'kit'], { cwd });
    expect(pixels.status).toBe(1);
    // The avatar's advice names --first-frame and --size, which these commands do not take: the advice without flags.
    expect(pixels.stderr).toBe('redframe: march.jpg: the image has more pixels than maxPixels (1000) allows; give a smaller photo\n');
    const bytes = await runInProcess(['card', 'march.jpg', '--max-bytes', '1000', '-o', 'kit'], { cwd });
    expect(bytes.status).toBe(1);
    expect(bytes.stderr).toMatch(/^redframe: march\.jpg: .*more than maxBytes \(1000 bytes\) allows; raise --max-bytes if you trust the file\n$/);
    await expect(stat(join(cwd, 'kit'))).rejects.toThrow();
    const fits = await runInProcess(['card', 'march.jpg', '--for', 'post', '--timeout', '600', '--max-pixels', '1000000', '--max-bytes', '1000000', '-o', 'kit', '-q'], { cwd });
    expect(fits).toMatchObject({ status: 0, stderr: '' });
  });

  it('checks them as the main command does (exit 2, named by the flag), and takes no --first-frame (a cover is a still)', async () => {
    const cwd = await tempDir();
    const zero = await runInProcess(['card', '--timeout', '0', '-o', 'kit'], { cwd });
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/^redframe: Expected a number from 0\.001 to 3600 for --timeout but received 0/);
    const frame = await runInProcess(['cover', '--first-frame', '-o', 'kit'], { cwd });
    expect(frame.status).toBe(2);
    expect(frame.stderr).toMatch(/unknown option '--first-frame'/);
    const help = await runInProcess(['cover', '--help'], { cwd });
    for (const flag of ['--max-pixels <n>', '--max-bytes <n>', '--timeout <seconds>']) expect(help.stdout.toString()).toContain(flag);
    await expect(stat(join(cwd, 'kit'))).rejects.toThrow();
  });

  it('refuses a strip 1 px wide as a card\'s photo at once, exit 1, from its header', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'strip.png'), await readFile(fixture('hostile', 'thin-1x10000.png')));
    const run = await runInProcess(['card', 'strip.png', '--for', 'post', '--timeout', '5', '-o', 'kit'], { cwd });
    expect(run).toMatchObject({ status: 1, stderr: 'redframe: strip.png: the image is 1x10000 pixels, its short side is under 16 px (the smallest redframe takes); crop or enlarge it to at least 16 px on each side\n' });
    await expect(stat(join(cwd, 'kit'))).rejects.toThrow();
  });
});

describe('the message in presets', () => {
  it('is written by --init-preset as given, read back by cover and card, and a map stays a map', async () => {
    const cwd = await tempDir();
    const init = await runInProcess(['--init-preset', 'team.json', '--message', MESSAGE.ar, '--message', MESSAGE.en], { cwd });
    expect(init.status, init.stderr).toBe(0);
    const written = JSON.parse(await readFile(join(cwd, 'team.json'), 'utf8'));
    expect(written.message).toEqual([MESSAGE.ar, MESSAGE.en]);
    await writeFile(join(cwd, 'map.json'), JSON.stringify({ ...written, message: MESSAGE }));
    expect((await runInProcess(['card', '--preset', 'map.json', '--for', 'post', '-o', 'kit', '-q'], { cwd })).status).toBe(0);
    // The flag replaces the preset's message, as every flag overrides its key.
    const withFlag = await runInProcess(['card', '--preset', 'map.json', '--for', 'post', '--message', 'word '.repeat(199).trim(), '-o', 'kit2'], { cwd });
    expect(withFlag.status).toBe(2);
    expect(withFlag.stderr).toMatch(/^redframe: the message for post\.jpg \(1080x1080\) is too long/);
  });
});

describe('cover and card on the command line', () => {
  it('takes --for given twice as both lists, in the table order', async () => {
    const cwd = await tempDir();
    const result = await runInProcess(['card', '--for', 'story', '--for', 'post', '-o', 'kit'], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Wrote kit\/post\.jpg \(1080x1080, \d+ KB\), kit\/story\.jpg \(1080x1920, \d+ KB\)\.\n$/);
    expect((await readdir(join(cwd, 'kit'))).sort()).toEqual(['post.jpg', 'story.jpg']);
  });

  it('reads the photo from standard input with -, as it reads the file', async () => {
    const cwd = await tempDir();
    const bytes = await readFile(photo('astronaut.jpg'));
    const piped = await runInProcess(['card', '-', '--for', 'post', '-o', 'piped', '-q'], { cwd, input: bytes });
    expect(piped).toMatchObject({ status: 0, stderr: '' });
    expect((await runInProcess(['card', photo('astronaut.jpg'), '--for', 'post', '-o', 'file', '-q'], { cwd })).status).toBe(0);
    expect(await readFile(join(cwd, 'piped', 'post.jpg'))).toEqual(await readFile(join(cwd, 'file', 'post.jpg')));
    const empty = await runInProcess(['cover', '-', '-o', 'none'], { cwd, input: Buffer.alloc(0) });
    expect(empty).toMatchObject({ status: 1, stderr: 'redframe: standard input: not an image redframe reads (the file is empty); give a JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC photo\n' });
    await expect(stat(join(cwd, 'none'))).rejects.toThrow();
  });

  it('refuses -o "" (an unset shell variable) as page does, writing nothing in the working folder', async () => {
    const cwd = await tempDir();
    for (const command of ['cover', 'card']) {
      expect(await runInProcess([command, '-o', ''], { cwd })).toMatchObject({ status: 2, stderr: 'redframe: Expected a folder path for --output but received ""\n' });
    }
    expect(await readdir(cwd)).toEqual([]);
  });

  it('says to choose another folder when an image would replace the photo', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'kit'));
    await writeFile(join(cwd, 'kit', 'x.jpg'), await readFile(photo('astronaut.jpg')));
    const result = await runInProcess(['cover', 'kit/x.jpg', '-o', 'kit', '--overwrite'], { cwd });
    expect(result).toMatchObject({ status: 1, stderr: 'redframe: kit/x.jpg: the output would replace the input photo; choose another folder with -o\n' });
    expect(await readdir(join(cwd, 'kit'))).toEqual(['x.jpg']);
  });

  it.each([
    ['cover', ['--size', '400'], "--size is not an option of redframe cover: each cover has its platform's size"],
    ['card', ['--shape', 'circle'], "--shape is not an option of redframe card: each card is a rectangle of its platform's size"],
    ['cover', ['--format', 'png'], '--format is not an option of redframe cover: each cover is a JPEG, which every platform takes'],
    ['card', ['--frame', 'bogus'], "--frame is not an option of redframe card: a card has no ring (the avatar's profile picture has it)"],
    ['cover', ['--frame-width', '0.1'], "--frame-width is not an option of redframe cover: a cover has no ring (the avatar's profile picture has it)"],
  ])('refuses an avatar flag redframe %s has no use for, %j, with the reason', async (command, args, message) => {
    const cwd = await tempDir();
    expect(await runInProcess([command, ...args, '-o', 'kit'], { cwd })).toMatchObject({ status: 2, stderr: `redframe: ${message}\n` });
    expect(await readdir(cwd)).toEqual([]);
  });
});
