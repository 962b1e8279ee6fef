/**
 * `redframe page` as an organiser runs it, in-process through runCli: what it writes, what it
 * refuses, and what it says.
 */
import { copyFile, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { PAGE_IDS, type PageConfig } from '../../src/portable/page-config.js';
import { fixture, photo, tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

async function redframe(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => new Writable({ write: (chunk, _encoding, done) => (append(String(chunk)), done()) });
  const status = await runCli(args, {
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
    stdin: new PassThrough(),
    env: { NO_COLOR: '1', CI: '1' },
    cwd,
  });
  return { status, stdout, stderr };
}

const configOf = (html: string): PageConfig => {
  const start = html.indexOf(`id="${PAGE_IDS.config}">`) + `id="${PAGE_IDS.config}">`.length;
  return JSON.parse(html.slice(start, html.indexOf('</script>', start)));
};

describe('redframe page', () => {
  it('writes campaign/index.html and campaign/preview.jpg, then refuses to replace them without --overwrite', async () => {
    const cwd = await tempDir();
    const first = await redframe(['page'], cwd);
    expect(first).toMatchObject({ status: 0, stdout: '' });
    expect(first.stderr).toMatch(/^Wrote campaign\/index.html \(\d+ KB\) and campaign\/preview.jpg \(\d+ KB\)\./);
    const html = await readFile(join(cwd, 'campaign', 'index.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    expect(configOf(html)).toMatchObject({ size: 800, shape: 'square', download: { format: 'jpeg', quality: 90 } });
    expect(await sharp(join(cwd, 'campaign', 'preview.jpg')).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 630 });

    const before = (await stat(join(cwd, 'campaign', 'index.html'))).mtimeMs;
    const again = await redframe(['page', '--shape', 'circle'], cwd);
    expect(again).toMatchObject({ status: 1, stderr: 'redframe: campaign/index.html: already exists; use --overwrite to replace it\n' });
    expect((await stat(join(cwd, 'campaign', 'index.html'))).mtimeMs).toBe(before);

    expect((await redframe(['page', '--shape', 'circle', '--overwrite', '-q'], cwd)).status).toBe(0);
    expect(configOf(await readFile(join(cwd, 'campaign', 'index.html'), 'utf8')).download.format).toBe('png');
  });

  it('takes the look and the page texts from a preset file; flags and --url override it', async () => {
    const cwd = await tempDir();
    const preset = {
      mode: 'duotone',
      color: '#0a7d32',
      text: ['#FreeThemAll'],
      page: { title: { en: 'Free them all', ar: 'الحرية لهم' }, credits: 'The committee', url: 'https://example.org/free/' },
    };
    await writeFile(join(cwd, 'team.json'), JSON.stringify(preset));
    const result = await redframe(['page', '--preset', 'team.json', '--color', '#123456', '--url', 'https://example.com/x/', '-o', 'site'], cwd);
    expect(result.status, result.stderr).toBe(0);
    const html = await readFile(join(cwd, 'site', 'index.html'), 'utf8');
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('<title>Free them all</title>');
    expect(html).toContain('<meta property="og:image" content="https://example.com/x/preview.jpg">');
    const config = configOf(html);
    expect(config.treatment).toEqual({ mode: 'duotone', color: { r: 18, g: 52, b: 86, alpha: 1 }, strength: 1 });
    expect(config.organiser.credits).toEqual({ en: 'The committee', ar: 'The committee' });
    expect(config.languages).toEqual(['en', 'ar']);
  });

  it.each<[string, string[], object | undefined, RegExp]>([
    ['an unknown page key', ['page', '--preset', 'team.json'], { page: { titel: 'x' } }, /^redframe: .*team.json: Unknown page key "titel" \(did you mean "title"\?\); expected one of title, /],
    ['a relative --url', ['page', '--url', 'aleppo/'], undefined, /^redframe: Expected an absolute http or https address .* for page.url but received "aleppo\/"/],
    ['a look flag out of range', ['page', '--size', '9'], undefined, /^redframe: Expected an integer from 64 to 4096 for size but received 9/],
    ['an option before the word page', ['--overwrite', 'page'], undefined, /^redframe: options of redframe page go after the word page/],
    ['--crop, which each person does on the page', ['page', '--crop', 'attention'], undefined, /^redframe: --crop is not a page option: on the page each person places their own photo/],
    ['a JPEG circle', ['page', '--shape', 'circle', '--format', 'jpg'], undefined, /^redframe: JPEG has no transparency, so shape circle needs format png/],
  ])('stops with a one-line message and status 2 on %s, writing nothing', async (_, args, preset, message) => {
    const cwd = await tempDir();
    if (preset) await writeFile(join(cwd, 'team.json'), JSON.stringify(preset));
    const result = await redframe(args, cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await stat(join(cwd, 'campaign')).catch(() => 'absent')).toBe('absent');
  });

  it('refuses a download format that browsers do not all write (webp, avif, gif), naming the ones they do', async () => {
    const cwd = await tempDir();
    const result = await redframe(['page', '--format', 'webp'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^redframe: option '--format <format>' argument 'webp' is invalid\. Allowed choices are jpeg, jpg, png\.\n/);
    expect(await stat(join(cwd, 'campaign')).catch(() => 'absent')).toBe('absent');
  });

  it('puts the sample photo on the card, and says so when it cannot be read', async () => {
    const cwd = await tempDir();
    expect((await redframe(['page', '--sample', photo('coffee.jpg')], cwd)).status).toBe(0);
    const missing = await redframe(['page', '-o', 'other', '--sample', 'me.jpg'], cwd);
    expect(missing).toMatchObject({ status: 1, stderr: 'redframe: me.jpg: no such file; check the path\n' });
    expect(await stat(join(cwd, 'other')).catch(() => 'absent')).toBe('absent');
  });

  it('refuses an address that would publish a password, and bidi controls in the title, writing nothing', async () => {
    const cwd = await tempDir();
    const secret = await redframe(['page', '--url', 'https://editor:hunter2@example.org/aleppo/'], cwd);
    expect(secret.status).toBe(2);
    expect(secret.stderr).toMatch(/^redframe: Expected an address without a user name or password .* for page.url but received "https:\/\/editor:hunter2@/);
    await writeFile(join(cwd, 'bidi.json'), JSON.stringify({ page: { title: { en: '#Free\u202eThemAll' } } }));
    const bidi = await redframe(['page', '--preset', 'bidi.json'], cwd);
    expect(bidi.status).toBe(2);
    expect(bidi.stderr).toContain('bidi controls for page.title.en');
    await expect(stat(join(cwd, 'campaign'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a file where the folder should be', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'campaign'), 'not a folder');
    expect(await redframe(['page'], cwd)).toMatchObject({ status: 1, stderr: 'redframe: campaign: is a file; give a folder for the page\n' });
  });

  it('has its own help, and leaves a photo named "page" to the main command as ./page', async () => {
    const cwd = await tempDir();
    const help = await redframe(['page', '--help'], cwd);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: redframe page \[options\]/);
    expect(help.stdout).toContain('--sample <photo>');
    expect(help.stdout).toContain('--mode <mode>');
    // In the page's own words: what people download; no --crop (each person places the photo).
    expect(help.stdout).toMatch(/Download:\n {2}--format <format> +the format of the avatar people download: jpeg or\n/);
    expect(help.stdout).toMatch(/--quality <n> +the JPEG quality of the avatar people download,\n/);
    expect(help.stdout).not.toContain('--crop');
    expect(help.stdout).toContain('iPhones and iPads need the page on a web address');
    expect((await redframe(['--help'], cwd)).stdout).toMatch(/Commands:\n {2}page \[options\] /);

    await copyFile(photo('coffee.jpg'), join(cwd, 'page'));
    const result = await redframe(['./page', '-o', 'avatar.jpg', '--size', '64', '--banner', 'none'], cwd);
    expect(result.status, result.stderr).toBe(0);
    expect(await sharp(join(cwd, 'avatar.jpg')).metadata()).toMatchObject({ width: 64, height: 64 });
  });
});

describe('redframe page: advice and paths', () => {
  it('advises only flags that redframe page takes', async () => {
    const cwd = await tempDir();
    const bomb = await redframe(['page', '--sample', fixture('hostile', 'bomb-60000x60000.png')], cwd);
    expect(bomb.status).toBe(1);
    expect(bomb.stderr).toMatch(/more pixels than maxPixels \(268402689\) allows; give a smaller photo\n$/);
    const big = join(cwd, 'big.jpg');
    await writeFile(big, '');
    await truncate(big, 300 * 1024 * 1024); // sparse: no disk space used
    const large = await redframe(['page', '-o', 'other', '--sample', 'big.jpg'], cwd);
    expect(large).toMatchObject({ status: 1, stderr: 'redframe: big.jpg: is 314572800 bytes, more than maxBytes (268435456 bytes) allows; give a smaller file\n' });
  });

  it('refuses an empty -o, and says why a system folder takes no page', async (ctx) => {
    skipWhere(ctx, CANNOT.proc);
    const cwd = await tempDir();
    expect(await redframe(['page', '-o', ''], cwd)).toMatchObject({ status: 2, stderr: 'redframe: Expected a folder path for --output but received ""\n' });
    expect(await readdir(cwd)).toEqual([]);
    const proc = await redframe(['page', '-o', '/proc/self'], cwd);
    expect(proc).toMatchObject({ status: 1, stderr: 'redframe: /proc/self/preview.jpg: cannot write: this folder takes no new files (a system folder such as /proc?); choose another folder\n' });
  });
});

describe('redframe page: the covers and cards beside it', () => {
  it('writes the seven covers and cards at their sizes, and leaves out one whose message cannot be legible, saying why', async () => {
    const { COVERS, CARDS } = await import('../../src/words/surfaces.js');
    const cwd = await tempDir();
    const first = await redframe(['page', '-q'], cwd);
    expect(first).toMatchObject({ status: 0, stderr: '' });
    for (const surface of [...COVERS, ...CARDS]) {
      expect(await sharp(join(cwd, 'campaign', `${surface.name}.jpg`)).metadata(), surface.name).toMatchObject({ format: 'jpeg', width: surface.width, height: surface.height });
    }
    // A message too long for LinkedIn's short zone: the page and the other six are made.
    await writeFile(join(cwd, 'team.json'), JSON.stringify({ message: { ar: 'أوقفوا قصف حلب', en: 'Stop the bombing of Aleppo' } }));
    const second = await redframe(['page', '--preset', 'team.json', '-o', 'site'], cwd);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/\nBeside it, the covers and cards: facebook\.jpg, x\.jpg, youtube\.jpg, post\.jpg, portrait\.jpg, story\.jpg \(\d+ KB\)\.\n/);
    expect(second.stderr).toMatch(/\nLeft out linkedin\.jpg: the message for linkedin\.jpg \(1584x396\) is too long to fit at the smallest legible size \(57 px\): cut about \d+ of its 40 characters \(about \d+%\); shorten the message to include it\.\n$/);
    await expect(stat(join(cwd, 'site', 'linkedin.jpg'))).rejects.toThrow();
    expect((await stat(join(cwd, 'site', 'story.jpg'))).size).toBeGreaterThan(10_000);
    // And they are outputs like the others: not replaced without --overwrite.
    const again = await redframe(['page', '-o', 'site'], cwd);
    expect(again.status).toBe(1);
  });
});
