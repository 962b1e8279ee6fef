import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderAvatar, renderCard, renderCover, RedframeError, type ErrorCode } from '../../src/api/index.js';
import { sniffFormat } from '../../src/portable/format-sniff.js';
import { describeContent } from '../../src/render/input.js';
import { fixture, photo, runCommand, runInProcess, tempDir } from '../helpers.js';

const hostile = (name: string) => fixture('hostile', name);

/** Every bad input, the error code the library gives and words the message must contain. */
const BAD: [file: string, code: ErrorCode, says: RegExp][] = [
  [hostile('zero-bytes.jpg'), 'UNSUPPORTED_INPUT', /file is empty/],
  [hostile('text.jpg'), 'UNSUPPORTED_INPUT', /text file/],
  [hostile('html.jpg'), 'UNSUPPORTED_INPUT', /HTML/],
  [hostile('svg.jpg'), 'UNSUPPORTED_INPUT', /SVG/],
  [hostile('pdf.jpg'), 'UNSUPPORTED_INPUT', /PDF/],
  [hostile('video.heic'), 'UNSUPPORTED_INPUT', /video/],
  [hostile('bmp.jpg'), 'UNSUPPORTED_INPUT', /BMP/],
  [hostile('truncated.tiff'), 'CORRUPT_INPUT', /damaged or incomplete/],
  [hostile('truncated.jpg'), 'CORRUPT_INPUT', /damaged or incomplete/],
  [fixture('bad', 'truncated.jpg'), 'CORRUPT_INPUT', /damaged or incomplete/],
  [hostile('truncated.png'), 'CORRUPT_INPUT', /damaged or incomplete/],
  [hostile('truncated.webp'), 'CORRUPT_INPUT', /damaged or incomplete/],
  [hostile('truncated.gif'), 'CORRUPT_INPUT', /damaged or incomplete/],
  [hostile('truncated.heic'), 'CORRUPT_INPUT', /HEIC image, it is damaged or incomplete/],
  [hostile('png-signature-then-noise.png'), 'CORRUPT_INPUT', /damaged or incomplete/],
  [hostile('jpeg-signature-then-noise.jpg'), 'CORRUPT_INPUT', /damaged or incomplete/],
  [hostile('jpeg-zero-size-header.jpg'), 'CORRUPT_INPUT', /damaged or incomplete/],
  [hostile('bomb-60000x60000.png'), 'INPUT_TOO_LARGE', /more pixels than maxPixels \(268402689\) allows\b/],
  [hostile('thin-1x10000.png'), 'UNUSABLE_SHAPE', /the image is 1x10000 pixels, its short side is under 16 px \(the smallest redframe takes\); crop or enlarge it/],
  [hostile('thin-10000x1.png'), 'UNUSABLE_SHAPE', /the image is 10000x1 pixels, its short side is under 16 px/],
  [hostile('thin-4x2000.png'), 'UNUSABLE_SHAPE', /the image is 4x2000 pixels, its short side is under 16 px/],
];

describe('recognising formats by their first bytes', () => {
  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
  const ftyp = (major: string, ...compatible: string[]) => {
    const size = 16 + 4 * compatible.length;
    return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], 'meta');
  };

  it('knows every accepted format from its signature', () => {
    expect(sniffFormat(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe('jpeg');
    expect(sniffFormat(bytes('\x89PNG\r\n\x1a\n', [0, 0, 0, 13]))).toBe('png');
    expect(sniffFormat(bytes('GIF87a'))).toBe('gif');
    expect(sniffFormat(bytes('GIF89a'))).toBe('gif');
    expect(sniffFormat(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8X'))).toBe('webp');
    expect(sniffFormat(bytes('II*\0'))).toBe('tiff');
    expect(sniffFormat(bytes('MM\0*'))).toBe('tiff');
    expect(sniffFormat(bytes('II+\0'))).toBe('tiff'); // BigTIFF
    expect(sniffFormat(ftyp('heic', 'mif1', 'heic'))).toBe('heif'); // iPhone
    expect(sniffFormat(ftyp('mif1', 'mif1', 'heic'))).toBe('heif');
    expect(sniffFormat(ftyp('avif', 'avif', 'mif1', 'miaf'))).toBe('avif');
    expect(sniffFormat(ftyp('mif1', 'mif1', 'avif'))).toBe('avif');
  });

  it('refuses look-alikes: other RIFF files, MP4 and QuickTime, broken ftyp boxes', () => {
    expect(sniffFormat(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '))).toBeUndefined();
    expect(sniffFormat(bytes('RIFF', [1, 2, 3, 4], 'WEBPJUNK'))).toBeUndefined();
    expect(sniffFormat(ftyp('isom', 'isom', 'iso2', 'mp41'))).toBeUndefined();
    expect(sniffFormat(ftyp('qt  ', 'qt  '))).toBeUndefined();
    expect(sniffFormat(bytes([0, 0, 0, 5], 'ftypheic'))).toBeUndefined(); // box smaller than its own header
    expect(sniffFormat(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffFormat(bytes([0xff, 0xd8]))).toBeUndefined();
    expect(sniffFormat(Buffer.alloc(0))).toBeUndefined();
  });

  it('says what a refused file is', () => {
    expect(describeContent(bytes('\xef\xbb\xbf<svg>'))).toMatch(/SVG/);
    expect(describeContent(bytes('%PDF-1.7'))).toMatch(/PDF/);
    expect(describeContent(bytes('BM', [0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0]))).toMatch(/BMP/);
    expect(describeContent(bytes('BMW owners club\n'))).toMatch(/text file/);
    expect(describeContent(ftyp('isom', 'isom'))).toMatch(/video/);
    expect(describeContent(bytes([0, 1, 2, 250, 251]))).toMatch(/not a known image format/);
  });
});

/** Files in a folder and below, temporary files included. */
const everything = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

describe('bad input, from the library', () => {
  it.each(BAD)('%s: %s', async (file, code, says) => {
    const error = await renderAvatar(file, { size: 128, banner: 'none' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RedframeError);
    expect((error as RedframeError).code).toBe(code);
    expect((error as RedframeError).file).toBe(file);
    expect((error as RedframeError).message).toMatch(says);
    expect((error as RedframeError).message).not.toContain('\n');
  });
});

describe('bad input, from the command line', () => {
  it.each(BAD)('%s: one line naming the file, exit 1, nothing written', async (file, _code, says) => {
    const dir = await tempDir();
    const output = join(dir, 'out', 'avatar.png');
    // The first file through a real process (signals, exit status); the others in this one.
    const run = await (file === BAD[0]![0] ? runCommand : runInProcess)([file, '-o', output, '--size', '128', '--banner', 'none']);
    expect(run.status).toBe(1);
    expect(run.signal).toBeNull();
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(says);
    expect(run.stderr).not.toMatch(/^\s+at |Error:|node:internal/m); // no stack trace
    expect(run.stdout.length).toBe(0);
    expect(await everything(dir)).not.toContain(join('out', 'avatar.png'));
    // Nothing at all is left in the output folder, temporary files included.
    expect((await everything(dir)).filter((f) => f.startsWith('out/'))).toEqual([]);
  });

  it('a GIF whose screen claims 65535x65535 around a 1x1 frame is judged by its frame: too small, not too large', async () => {
    const dir = await tempDir();
    const run = await runInProcess([hostile('gif-huge-screen.gif'), '-o', join(dir, 'a.png'), '--size', '128', '--banner', 'none']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/gif-huge-screen\.gif: the image is 1x1 pixels, its short side is under 16 px/);
    expect(await everything(dir)).toEqual([]);
  });
});

describe('limits', () => {
  it('refuses the 60000x60000 PNG bomb from its header: no decoding, no memory for its pixels', async () => {
    // CPU time and the peak of resident memory, not wall time or a passing RSS: a busy machine
    // changes neither. Decoding would need 450 MB at 1 bit per pixel, 10 GB as RGB, and seconds of CPU.
    const cpuBefore = process.cpuUsage();
    const peakBefore = process.resourceUsage().maxRSS;
    await expect(renderAvatar(hostile('bomb-60000x60000.png'))).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
    const cpu = process.cpuUsage(cpuBefore);
    expect((cpu.user + cpu.system) / 1e6).toBeLessThan(1);
    expect((process.resourceUsage().maxRSS - peakBefore) * 1024).toBeLessThan(100 * 1024 * 1024);
  });

  it('--max-pixels refuses an image over it and takes one under it', async () => {
    const dir = await tempDir();
    const png = fixture('formats', 'patches.png'); // 256x256 = 65536 pixels
    const over = await runInProcess([png, '-o', join(dir, 'over.png'), '--max-pixels', '65535']);
    expect(over.status).toBe(1);
    expect(over.stderr).toMatch(/more pixels than maxPixels \(65535\) allows; raise --max-pixels if you trust the file/);
    const under = await runInProcess([png, '-o', join(dir, 'under.png'), '--max-pixels', '65536', '--size', '64', '--banner', 'none']);
    expect(under.status).toBe(0);
    expect(await everything(dir)).toEqual(['under.png']);
  });

  it('--max-pixels counts every frame of an animation that would stay animated', async () => {
    const gif = await readFile(fixture('formats', 'animated.gif')); // 4 frames of 240x160
    const limits = { maxPixels: 240 * 160 * 2 };
    await expect(renderAvatar(gif, { size: 64, banner: 'none', format: 'webp' }, limits)).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE', message: expect.stringMatching(/4 frames.*maxPixels \(76800\) allows; firstFrame takes the first frame alone$/) });
    await expect(renderAvatar(gif, { size: 64, banner: 'none', format: 'webp' }, { ...limits, firstFrame: true })).resolves.toBeInstanceOf(Buffer);
  });

  it('--timeout stops a decode that takes too long: the bomb, let past the pixel limit', async () => {
    const dir = await tempDir();
    const run = await runCommand([hostile('bomb-60000x60000.png'), '-o', join(dir, 'bomb.png'), '--max-pixels', '4000000000', '--timeout', '1']);
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/bomb-60000x60000\.png: decoding took longer than timeoutSeconds \(1 s\) allows; .*; raise --timeout if you trust the file$/m);
    expect(await everything(dir)).toEqual([]);
  });

  it('rejects a --timeout that is not a number of seconds from 0.001 to 3600', async () => {
    for (const value of ['0', '-1', 'soon', '4000']) {
      const run = await runInProcess([photo('astronaut.jpg'), '--timeout', value, '-o', '-']);
      expect(run.status, value).toBe(2);
      expect(run.stderr).toMatch(/--timeout/);
    }
  });
});

describe('photos too thin to make a square', () => {
  // Before, each of these never settled: libvips' attention crop worked on the strip scaled to
  // cover the square (800 x 8,000,000 pixels) with no end, growing about 110 MB a second. The
  // refusal comes from the header, so it is the same for every command and every mode.
  it('refuses a 1x10000 strip as an avatar, a card and a cover, from its header', async () => {
    const strip = hostile('thin-1x10000.png');
    const refusal = { code: 'UNUSABLE_SHAPE', file: strip, message: expect.stringMatching(/^the image is 1x10000 pixels, its short side is under 16 px \(the smallest redframe takes\); crop or enlarge it to at least 16 px on each side$/) };
    await expect(renderAvatar(strip, {}, { timeoutSeconds: 5 })).rejects.toMatchObject(refusal);
    await expect(renderAvatar(strip, { mode: 'solid' })).rejects.toMatchObject(refusal);
    await expect(renderCard({ photo: strip, for: 'post' }, { timeoutSeconds: 5 })).rejects.toMatchObject(refusal);
    await expect(renderCover({ photo: strip, for: 'youtube' })).rejects.toMatchObject(refusal);
  });

  it('refuses a photo more than 20 times as long as it is wide, and takes one of exactly 20', async () => {
    const grey = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#808080' } }).png().toBuffer();
    await expect(renderAvatar(await grey(16, 321), { size: 64, banner: 'none' })).rejects.toMatchObject({
      code: 'UNUSABLE_SHAPE', message: 'the image is 16x321 pixels, more than 20 times as high as it is wide (the longest shape redframe takes); crop it to the part to show',
    });
    await expect(renderAvatar(await grey(16, 320), { size: 64, banner: 'none' })).resolves.toBeInstanceOf(Buffer);
    await expect(renderCover({ photo: await grey(320, 16), for: 'linkedin' })).resolves.toHaveLength(1);
  });

  it('fails the strip alone in a batch, exit 1, with its code in the --json report', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'photos'));
    await copyFile(photo('coffee.jpg'), join(dir, 'photos', 'coffee.jpg'));
    await copyFile(hostile('thin-1x10000.png'), join(dir, 'photos', 'strip.png'));
    const run = await runInProcess(['photos', '-o', 'out', '--size', '96', '--banner', 'none', '--timeout', '5', '--json'], { cwd: dir });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout.toString()) as { totals: object; files: { input: string; status: string; code: string | null; reason: string }[] };
    expect(report.totals).toMatchObject({ ok: 1, failed: 1 });
    expect(report.files.find((f) => f.input.endsWith('strip.png'))).toMatchObject({ status: 'failed', code: 'UNUSABLE_SHAPE', reason: expect.stringMatching(/^the image is 1x10000 pixels/) });
    // The avatar and the batch's record of it: nothing of the strip, no temporary file.
    expect(await everything(join(dir, 'out'))).toEqual(['.redframe.json', 'coffee.jpg']);
  });
});

describe('a batch with bad files among good ones', () => {
  it('fails each bad file alone and renders the rest', async () => {
    const dir = await tempDir();
    const input = join(dir, 'photos');
    await mkdir(input);
    for (const name of ['astronaut.jpg', 'coffee.jpg']) await copyFile(photo(name), join(input, name));
    await copyFile(fixture('formats', 'cat.heic'), join(input, 'cat.heic'));
    const bad = BAD.map(([file]) => file).filter((file) => !file.includes('/bad/'));
    for (const file of bad) await copyFile(file, join(input, basename(file)));
    const output = join(dir, 'avatars');
    const run = await runInProcess([input, '-o', output, '--size', '96', '--banner', 'none', '--concurrency', '2']);
    expect(run.status).toBe(1);
    expect((await everything(output)).sort()).toEqual(['.redframe.json', 'astronaut.jpg', 'cat.jpg', 'coffee.jpg']);
    for (const file of bad) expect(run.stderr, basename(file)).toContain(basename(file));
    expect(run.stderr).toMatch(new RegExp(`3 rendered.*${bad.length} failed`));
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
