import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture, photo, runCommand, runInProcess, tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

/** A folder holding a copy of one sample photo, as a user's folder would. */
async function userFolder(name = 'astronaut.jpg') {
  const dir = await tempDir();
  await copyFile(photo(name), join(dir, name));
  return dir;
}

/** One line on stderr, no stack trace. */
function expectOneLineError(stderr: string, pattern: RegExp) {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('redframe PHOTO', () => {
  it('writes NAME.redframe.jpg beside the photo with the default look, 800x800', async () => {
    const dir = await userFolder();
    const before = await readFile(join(dir, 'astronaut.jpg'));
    const run = await runCommand(['astronaut.jpg'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/astronaut\.jpg -> astronaut\.redframe\.jpg \(800x800 jpeg/);
    expect(await sharp(join(dir, 'astronaut.redframe.jpg')).metadata()).toMatchObject({ format: 'jpeg', width: 800, height: 800 });
    expect(await readFile(join(dir, 'astronaut.jpg'))).toEqual(before);
  });

  it('refuses to replace an existing output unless --overwrite', async () => {
    const dir = await userFolder();
    expect((await runInProcess(['astronaut.jpg', '--size', '64', '--banner', 'none'], { cwd: dir })).status).toBe(0);
    const again = await runInProcess(['astronaut.jpg'], { cwd: dir });
    expect(again.status).toBe(1);
    expectOneLineError(again.stderr, /astronaut\.redframe\.jpg: already exists; use --overwrite to replace it/);
    expect((await sharp(join(dir, 'astronaut.redframe.jpg')).metadata()).width).toBe(64);
    expect((await runInProcess(['astronaut.jpg', '--overwrite'], { cwd: dir })).status).toBe(0);
    expect((await sharp(join(dir, 'astronaut.redframe.jpg')).metadata()).width).toBe(800);
  });

  it('never writes over the input, even when asked to with --overwrite', async () => {
    const dir = await userFolder();
    const before = await readFile(join(dir, 'astronaut.jpg'));
    const run = await runInProcess(['astronaut.jpg', '-o', './astronaut.jpg', '--overwrite'], { cwd: dir });
    expect(run.status).toBe(1);
    expectOneLineError(run.stderr, /the output would replace the input photo; choose another name with -o/);
    expect(await readFile(join(dir, 'astronaut.jpg'))).toEqual(before);
  });

  it('takes the format from -o, and reads standard input and writes standard output with -', async () => {
    const dir = await userFolder();
    expect((await runCommand(['astronaut.jpg', '-o', 'me.webp', '--shape', 'circle', '--size', '200'], { cwd: dir })).status).toBe(0);
    expect(await sharp(join(dir, 'me.webp')).metadata()).toMatchObject({ format: 'webp', width: 200, hasAlpha: true });
    const piped = await runCommand(['-', '-o', '-', '--format', 'png', '--size', '128', '--banner', 'none'], { input: await readFile(photo('chelsea.jpg')) });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
    expect(await sharp(piped.stdout).metadata()).toMatchObject({ format: 'png', width: 128 });
  });

  it('writes nothing and exits 1 with one line for a damaged photo', async () => {
    const dir = await tempDir();
    await copyFile(fixture('bad', 'truncated.jpg'), join(dir, 'truncated.jpg'));
    const run = await runInProcess(['truncated.jpg'], { cwd: dir });
    expect(run.status).toBe(1);
    expectOneLineError(run.stderr, /^redframe: truncated\.jpg: cannot decode the image, it is damaged or incomplete .*; re-export or re-download it$/m);
    expect(await readdir(dir)).toEqual(['truncated.jpg']);
  });

  it('says when a photo does not exist, and creates no folder', async () => {
    const dir = await tempDir();
    const run = await runInProcess(['nosuch.jpg'], { cwd: dir });
    expect(run.status).toBe(1);
    expectOneLineError(run.stderr, /nosuch\.jpg: no such file or folder; check the path/);
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    [['--size', '20'], /Expected an integer from 64 to 4096 for size but received 20/],
    [['--strength', 'lots'], /Expected a number from 0 to 1 for strength but received "lots"/],
    [['--color', 'reddish'], /for color but received "reddish"/],
    [['--mode', 'sepia'], /argument 'sepia' is invalid. Allowed choices are tint, wash, multiply, duotone, solid/],
    [['-o', 'x.jpg', '--shape', 'circle'], /JPEG has no transparency, so shape circle needs format png, webp, avif or gif/],
    [['-o', 'x.bmp'], /cannot tell the output format from x\.bmp; end the name in \.jpg, \.jpeg, \.png, \.webp, \.avif, \.gif/],
    [['-o', 'x.png', '--format', 'jpeg'], /the output name x\.png says png but --format says jpeg; make them agree/],
    [['--text', 'Hi 東京'], /has no glyph for U\+6771 "東", U\+4EAC "京" in "Hi 東京"; give a font that covers them with --font/],
    [['--text', `#${'TooLongForTheArc'.repeat(8)}`], /too long to fit on the arc at a legible size/],
    [['--font', 'nosuch.ttf'], /nosuch\.ttf: cannot read the font \(no such file\); give a \.ttf, \.otf or \.ttc file to --font/],
    [['--preset', 'sunset'], /Unknown preset "sunset"; expected one of aleppo, solid, plain or a path to a \.json file/],
    [['--preset', 'soild'], /Unknown preset "soild" \(did you mean "solid"\?\); expected one of aleppo, solid, plain/],
    [['--bogus'], /unknown option '--bogus'/],
    // Settings are named by their flag, not their API key (timeoutSeconds).
    [['--timeout', '0'], /Expected a number from 0.001 to 3600 for --timeout but received 0/],
    [['--concurrency', '0'], /Expected an integer from 1 to 64 for --concurrency but received 0/],
  ])('exits 2 for wrong usage %j, writing nothing', async (args, message) => {
    const dir = await userFolder();
    const run = await runInProcess(['astronaut.jpg', ...args], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(dir)).toEqual(['astronaut.jpg']);
  });

  it('shows a stack trace only with --debug', async () => {
    const dir = await userFolder();
    const run = await runInProcess(['astronaut.jpg', '--font', 'nosuch.ttf', '--debug'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('applies a preset file, with flags overriding it', async () => {
    const dir = await userFolder();
    await writeFile(join(dir, 'team.json'), JSON.stringify({ mode: 'solid', color: '#0000ff', size: 100, banner: 'none', frame: 'none' }));
    expect((await runInProcess(['astronaut.jpg', '--preset', 'team.json', '--size', '120', '-o', 'a.png'], { cwd: dir })).status).toBe(0);
    const { data, info } = await sharp(join(dir, 'a.png')).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(120);
    expect([data[0], data[1], data[2]]).toEqual([0, 0, 255]);
  });
});

describe('rough edges a new user hits', () => {
  it('refuses several photos with an output named like a file, instead of making a folder of that name', async () => {
    const dir = await userFolder();
    await copyFile(photo('chelsea.jpg'), join(dir, 'chelsea.jpg'));
    const run = await runInProcess(['astronaut.jpg', 'chelsea.jpg', '-o', 'two.jpg'], { cwd: dir });
    expect(run.status).toBe(2);
    expectOneLineError(run.stderr, /several photos go into a folder, but -o two\.jpg names an image file; give a folder, such as -o two\//);
    expect((await readdir(dir)).sort()).toEqual(['astronaut.jpg', 'chelsea.jpg']);
  });

  it('tells in a dry run which outputs exist and will be skipped', async () => {
    const dir = await userFolder();
    await copyFile(photo('chelsea.jpg'), join(dir, 'chelsea.jpg'));
    expect((await runInProcess(['astronaut.jpg', '-o', 'out/astronaut.jpg', '--size', '64', '--banner', 'none'], { cwd: dir })).status).toBe(0);
    const dry = await runInProcess(['astronaut.jpg', 'chelsea.jpg', '-o', 'out', '--dry-run'], { cwd: dir });
    expect(dry.stdout.toString()).toMatch(/^skip +astronaut\.jpg -> out\/astronaut\.jpg \(exists\)$/m);
    expect(dry.stdout.toString()).toMatch(/^render +chelsea\.jpg -> out\/chelsea\.jpg$/m);
    expect(dry.stdout.toString()).toMatch(/^1 to render into out, 1 existing \(skipped\), 0 ignored, 0 failing; nothing written \(dry run\)$/m);
    const replace = await runInProcess(['astronaut.jpg', 'chelsea.jpg', '-o', 'out', '--dry-run', '--overwrite'], { cwd: dir });
    expect(replace.stdout.toString()).toMatch(/^2 to render into out, 1 existing \(replaced\)/m);
  });

  it('prints the JSON report of one photo that fails, with its code, so scripts can always parse it', async () => {
    const dir = await tempDir();
    await copyFile(fixture('bad', 'truncated.jpg'), join(dir, 'truncated.jpg'));
    const run = await runInProcess(['truncated.jpg', '--json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout.toString())).toMatchObject({ input: 'truncated.jpg', output: 'truncated.redframe.jpg', status: 'failed', code: 'CORRUPT_INPUT', reason: expect.stringMatching(/damaged/) });
    const ok = await runInProcess([photo('astronaut.jpg'), '-o', join(dir, 'ok.png'), '--size', '64', '--banner', 'none', '--json'], { cwd: dir });
    expect(JSON.parse(ok.stdout.toString())).toMatchObject({ status: 'ok', code: null, format: 'png', size: 64 });
  });

  it('writes a contact sheet for one photo too', async () => {
    const dir = await userFolder();
    const run = await runInProcess(['astronaut.jpg', '--size', '64', '--banner', 'none', '--contact-sheet', 'sheet.png'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Contact sheet: sheet.png');
    expect(await sharp(join(dir, 'sheet.png')).metadata()).toMatchObject({ format: 'png' });
  });

  it('says when a small photo is enlarged and will look soft', async () => {
    const dir = await tempDir();
    await sharp(photo('astronaut.jpg')).resize(300, 400).toFile(join(dir, 'small.jpg'));
    const run = await runInProcess(['small.jpg'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^Note: small\.jpg \(300 px\) is smaller than 800 px and will look soft; give a larger photo, or --size 300/m);
    const fine = await runInProcess(['small.jpg', '--size', '300', '-o', 'fine.jpg'], { cwd: dir });
    expect(fine.stderr).not.toContain('soft');
  });

  it('matches quoted globs whatever the case of the extension', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'team', 'a'), { recursive: true });
    await copyFile(photo('astronaut.jpg'), join(dir, 'team', 'a', 'Photo.JPG'));
    await copyFile(photo('chelsea.jpg'), join(dir, 'team', 'b.jpg'));
    const run = await runInProcess(['team/**/*.jpg', '-o', 'out', '--size', '64', '--banner', 'none', '--json'], { cwd: dir });
    expect(JSON.parse(run.stdout.toString()).totals).toMatchObject({ ok: 2, failed: 0 });
  });
});

describe('redframe --help, --version, --list-presets', () => {
  it('prints the version from package.json', async () => {
    const run = await runCommand(['--version']);
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(run.status).toBe(0);
    expect(run.stdout.toString().trim()).toBe(version);
  });

  it('prints grouped options and examples', async () => {
    const run = await runInProcess(['--help']);
    const help = run.stdout.toString();
    expect(run.status).toBe(0);
    for (const heading of ['Input and output:', 'Look:', 'Text:', 'Batch:', 'Examples:', 'Exit status:']) expect(help).toContain(heading);
  });

  it('lists the built-in presets with a description each', async () => {
    const run = await runInProcess(['--list-presets']);
    expect(run.status).toBe(0);
    expect(run.stdout.toString()).toMatch(/^aleppo +red tint, red ring/m);
    expect(run.stdout.toString()).toMatch(/^solid +the 2016 flat red square/m);
    expect(run.stdout.toString()).toMatch(/^plain +red tint only/m);
  });

  it('exits 2 and says what to do when no photo is given', async () => {
    const run = await runInProcess([]);
    expect(run.status).toBe(2);
    expectOneLineError(run.stderr, /no photo given; try redframe photo\.jpg \(or --help\)/);
  });
});

describe('npm start', () => {
  it('renders the sample photos into out/ from a fresh clone, sharp: none is enlarged', async () => {
    const { scripts } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    expect(scripts.start).toBe('npm run build && node bin/redframe.js fixtures/samples -o out --overwrite');
    const dir = await tempDir();
    const run = await runCommand([fixture('samples'), '-o', join(dir, 'out'), '--overwrite']);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/soft/);
    expect(run.stderr).toMatch(/^3 rendered, 0 skipped, 0 failed/m);
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['.redframe.json', 'cups.jpg', 'forest.jpg', 'pier.jpg']);
  });

  it('ships sample photos of at least 1200 px, each with its source and licence', async () => {
    const sources = await readFile(fixture('samples', 'SOURCES.md'), 'utf8');
    const photos = (await readdir(fixture('samples'))).filter((name) => name.endsWith('.jpg'));
    expect(photos.sort()).toEqual(['cups.jpg', 'forest.jpg', 'pier.jpg']);
    for (const name of photos) {
      const { width, height } = await sharp(fixture('samples', name)).metadata();
      expect(Math.min(width!, height!), name).toBeGreaterThanOrEqual(1200);
      expect(sources, name).toMatch(new RegExp(`^\\| ${name} \\| .+ \\| .+ \\| .+ \\| LGPL-3\\.0 \\|$`, 'm'));
    }
    for (const licence of ['LGPL-3.txt', 'GPL-3.txt']) expect((await stat(fixture('samples', licence))).size).toBeGreaterThan(5000);
  });
});

describe('what a newcomer is told (issue 18)', () => {
  it('says a missing photo is missing, whatever -o names, and a pipe is not a photo', async (ctx) => {
    skipWhere(ctx, CANNOT.fifo);
    const dir = await tempDir();
    const run = await runInProcess(['me.jpg', '-o', 'me-x.jpg', '--size', '400'], { cwd: dir });
    expect(run.status).toBe(1);
    expectOneLineError(run.stderr, /^redframe: me\.jpg: no such file or folder; check the path$/m);
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const fifo = await runInProcess(['fifo', '-o', 'x.jpg'], { cwd: dir });
    expect(fifo.status).toBe(1);
    expectOneLineError(fifo.stderr, /^redframe: fifo: not a regular file \(a pipe, device or socket\); give a photo or a folder$/m);
    expect((await readdir(dir)).sort()).toEqual(['fifo']);
  });

  it('prints one JSON report with --json whatever stops the run', async (ctx) => {
    skipWhere(ctx, CANNOT.pathMax ?? CANNOT.shell);
    const dir = await tempDir();
    // A folder below a path longer than the system allows: the only input cannot be read (before,
    // standard output stayed empty).
    const part = 'd'.repeat(250);
    execFileSync('bash', ['-c', `for i in $(seq 17); do mkdir ${part} && cd ${part}; done`], { cwd: dir });
    const deep = Array.from({ length: 17 }, () => part).join('/');
    try {
      const run = await runInProcess([deep, '-o', 'out', '--json'], { cwd: dir });
      expect(run.status).toBe(1);
      expect(JSON.parse(run.stdout.toString())).toMatchObject({ errorCode: 'IO_ERROR', error: expect.stringMatching(/the name or path is longer than the file system allows$/), files: [] });
    } finally {
      execFileSync('rm', ['-rf', join(dir, part)]);
    }
    // Wrong usage, and a photo whose image would go where the report goes.
    const usage = await runInProcess(['a.jpg', 'b.jpg', '--size', '20', '--json'], { cwd: dir });
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stdout.toString())).toMatchObject({ errorCode: 'INVALID_OPTION', error: expect.stringMatching(/but received 20/) });
    const toStdout = await runInProcess([photo('astronaut.jpg'), '-o', '-', '--json'], { cwd: dir });
    expect(toStdout.status).toBe(2);
    expect(JSON.parse(toStdout.stdout.toString())).toMatchObject({ errorCode: 'INVALID_OPTION', error: expect.stringMatching(/^--json writes its report to standard output/) });
    // A one-photo run's own report, for a usage error found once the photo is known.
    const one = await runInProcess([photo('astronaut.jpg'), '-o', join(dir, 'x.bmp'), '--json'], { cwd: dir });
    expect(one.status).toBe(2);
    expect(JSON.parse(one.stdout.toString())).toMatchObject({ errorCode: 'INVALID_OPTION' });
  });

  it('says when a folder holds no photos, exits 1 and writes nothing', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'notes'));
    await writeFile(join(dir, 'notes', 'list.txt'), 'names\n');
    const run = await runInProcess(['notes'], { cwd: dir });
    expect(run.status).toBe(1);
    expectOneLineError(run.stderr, /^redframe: no photos found in notes \(1 file ignored: notes\/list\.txt, not an image \(\.txt\)\); give photos, or folders of photos \(JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC\)$/m);
    const json = await runInProcess(['notes', '--json'], { cwd: dir });
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout.toString())).toMatchObject({ totals: { ok: 0, ignored: 1 }, errorCode: 'UNSUPPORTED_INPUT', error: expect.stringMatching(/^no photos found in notes/) });
    const dry = await runInProcess(['notes', '--dry-run'], { cwd: dir });
    expect(dry.status).toBe(0);
    expect(dry.stdout.toString()).toMatch(/^0 to render into redframe-out, 0 existing \(skipped\), 1 ignored, 0 failing; nothing written \(dry run\)\nno photos found in notes/m);
    await mkdir(join(dir, 'nothing'));
    expectOneLineError((await runInProcess(['nothing'], { cwd: dir })).stderr, /^redframe: no photos found in nothing \(no files\); give photos/m);
    expect((await readdir(dir)).sort()).toEqual(['notes', 'nothing']);
  });

  it('calls what it leaves out "ignored" in the summary, as the README and --json do', async () => {
    const dir = await userFolder();
    await writeFile(join(dir, 'notes.txt'), 'names\n');
    const run = await runInProcess(['.', '-o', 'out', '--size', '64', '--banner', 'none'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^1 rendered, 0 skipped, 0 failed, 1 ignored in /m);
  });

  it('refuses empty paths and --init-preset -, and says why /proc takes no preset', async (ctx) => {
    skipWhere(ctx, CANNOT.proc);
    const dir = await userFolder();
    for (const args of [['astronaut.jpg', '-o', ''], ['.', '-o', ''], ['.', '--contact-sheet', '']]) {
      const run = await runInProcess(args, { cwd: dir });
      expect(run.status).toBe(2);
      expectOneLineError(run.stderr, /^redframe: Expected a file path for --(output|contact-sheet) but received ""$/m);
    }
    const dash = await runInProcess(['--init-preset', '-'], { cwd: dir });
    expect(dash.status).toBe(2);
    expectOneLineError(dash.stderr, /^redframe: --init-preset writes a preset file; give it a name, such as --init-preset team\.json$/m);
    const proc = await runInProcess(['--init-preset', '/proc/self/x.json'], { cwd: dir });
    expect(proc.status).toBe(1);
    expectOneLineError(proc.stderr, /^redframe: \/proc\/self\/x\.json: cannot write: this folder takes no new files \(a system folder such as \/proc\?\); choose another folder$/m);
    expect(await readdir(dir)).toEqual(['astronaut.jpg']);
  });

  it('does not advise a --size below the smallest for a tiny photo', async () => {
    const dir = await tempDir();
    // The smallest photo taken (portable/photo-shape.ts: MIN_PHOTO_SIDE).
    await sharp({ create: { width: 16, height: 16, channels: 3, background: 'red' } }).png().toFile(join(dir, 'dot.png'));
    const run = await runInProcess(['dot.png', '--size', '64', '--banner', 'none'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^Note: dot\.png \(16 px\) is smaller than 64 px and will look soft; give a larger photo$/m);
  });
});

describe('what a mistyped command line gets', () => {
  it('refuses --text whose bytes are not UTF-8, naming the flag, instead of drawing "�"', async (ctx) => {
    skipWhere(ctx, CANNOT.shell);
    const dir = await userFolder();
    // Node gives the program U+FFFD for a byte that is not UTF-8 (here Latin-1's é, 0xE9): a
    // shell passes the bytes as they are.
    const run = execFileSync('sh', ['-c', `"${process.execPath}" "${ROOT}bin/redframe.js" astronaut.jpg -o out.jpg --text "$(printf '#Libert\\351')" 2>&1; echo "status $?"`], { cwd: dir, encoding: 'utf8' });
    expect(run).toBe('redframe: --text "#Libert�" is not UTF-8 text (� stands for bytes that are not); give the words in UTF-8 (check the terminal\'s or the script\'s encoding)\nstatus 2\n');
    expect(await readdir(dir)).toEqual(['astronaut.jpg']);
  });

  it('refuses the same for --message of redframe card and --text of redframe page, writing nothing', async () => {
    const dir = await tempDir();
    const card = await runInProcess(['card', '--message', 'caf\uFFFD', '-o', 'kit'], { cwd: dir });
    expect(card).toMatchObject({ status: 2, stderr: 'redframe: --message "caf\uFFFD" is not UTF-8 text (� stands for bytes that are not); give the words in UTF-8 (check the terminal\'s or the script\'s encoding)\n' });
    const page = await runInProcess(['page', '--text', '#\uFFFD'], { cwd: dir });
    expect(page.status).toBe(2);
    expect(page.stderr).toMatch(/^redframe: --text "#\uFFFD" is not UTF-8 text/);
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    [['covers', '-o', 'kit/'], 'covers', 'cover'],
    [['cards'], 'cards', 'card'],
    [['pgae'], 'pgae', 'page'],
  ])('takes %j as a misspelt command, not a missing photo: status 2 with the guess', async (args, word, command) => {
    const dir = await tempDir();
    const run = await runInProcess(args, { cwd: dir });
    expect(run).toMatchObject({ status: 2, stderr: `redframe: no such photo or command "${word}"; did you mean redframe ${command}?\n` });
    expect(await readdir(dir)).toEqual([]);
  });

  it('still renders a photo whose file is named like a misspelt command', async () => {
    const dir = await tempDir();
    await copyFile(photo('astronaut.jpg'), join(dir, 'covers'));
    const run = await runInProcess(['covers', '-o', 'me.png', '--size', '64', '--banner', 'none'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(await sharp(join(dir, 'me.png')).metadata()).toMatchObject({ format: 'png', width: 64 });
  });

  it('hints at the trailing / when -o has no extension and is not a folder', async () => {
    const dir = await userFolder();
    const run = await runInProcess(['astronaut.jpg', '-o', 'nosuch3'], { cwd: dir });
    expect(run.status).toBe(2);
    expectOneLineError(run.stderr, /^redframe: cannot tell the output format from nosuch3; end the name in \.jpg, .* or add --format png\|jpeg\|webp\|avif\|gif; for a folder, end it with \/: -o nosuch3\/$/m);
    expect(await readdir(dir)).toEqual(['astronaut.jpg']);
  });

  it('starts every error line with redframe:, commander\'s usage errors too', async () => {
    const dir = await tempDir();
    for (const args of [['--bogus'], ['page', '--bogus'], ['cover', '--mode', 'sepia'], ['card', '--for']]) {
      const run = await runInProcess(args, { cwd: dir });
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^redframe: /);
      expect(run.stderr, args.join(' ')).not.toMatch(/^error:/m);
    }
    const built = await runCommand(['--bogus'], { cwd: dir });
    expect(built).toMatchObject({ status: 2, stderr: "redframe: unknown option '--bogus'\n(run redframe --help for the options)\n" });
  });
});

describe("the newcomer's first hour (issue 29): a folder, its earlier outputs, other looks, photos that share a name", () => {
  const small = ['--size', '64', '--banner', 'none'];

  it("leaves redframe's own outputs out of a folder run in the Quick start folder, and says how many", async () => {
    const dir = await tempDir();
    await copyFile(photo('chelsea.jpg'), join(dir, 'photo.jpg'));
    const run = (...args: string[]) => runInProcess([...args, ...small], { cwd: dir });
    // The Quick start, in order (small and without banner, to be quick).
    for (const args of [
      ['photo.jpg'],
      ['photo.jpg', '-o', 'me.png', '--shape', 'circle'],
      ['photo.jpg', '-o', 'solid.jpg', '--preset', 'solid'],
      ['photo.jpg', '-o', 'green.jpg', '--mode', 'duotone', '--color', '#0a7d32'],
    ]) expect((await run(...args)).status).toBe(0);
    await mkdir(join(dir, 'team'));
    await copyFile(join(dir, 'photo.jpg'), join(dir, 'team', 'photo.jpg'));
    expect((await run('team/', '-o', 'avatars/')).status).toBe(0);
    const piped = await runInProcess(['-', '-o', '-', ...small], { cwd: dir, input: await readFile(join(dir, 'photo.jpg')) });
    await writeFile(join(dir, 'avatar.jpg'), piped.stdout);

    const first = await run('.', '-o', 'batch/');
    expect(first.status, first.stderr).toBe(0);
    // Left out: photo.redframe.jpg (its name says redframe made it) and avatars/photo.jpg (the
    // record of avatars/). Outputs named with -o or written to standard output say nothing of
    // where they came from, and are taken as photos.
    expect(first.stderr).toMatch(/^2 left out: redframe's own outputs \(avatars\/photo\.jpg, photo\.redframe\.jpg\); name a file on the command line to render it anyway$/m);
    expect(first.stderr).toMatch(/^6 rendered, 0 skipped, 0 failed, 0 ignored, 2 left out in /m);
    expect((await readdir(join(dir, 'batch'), { recursive: true })).filter((f) => /\.(jpg|png)$/.test(f)).sort())
      .toEqual(['avatar.jpg', 'green.jpg', 'me.jpg', 'photo.jpg', 'solid.jpg', 'team/photo.jpg']);

    // Run again: the output folder inside the input is left out too, and said.
    const again = await run('.', '-o', 'batch/', '--json');
    const report = JSON.parse(again.stdout.toString());
    expect(report.totals).toMatchObject({ ok: 0, skipped: 6, leftOut: 3 });
    expect(report.leftOut.map((m: { path: string }) => m.path)).toEqual(['avatars/photo.jpg', 'batch/', 'photo.redframe.jpg']);

    // A file named on the command line is never left out.
    const named = await run('avatars/photo.jpg', 'photo.redframe.jpg', '-o', 'named/');
    expect(named.stderr).toMatch(/^2 rendered, /m);
  });

  it('says that outputs made with another look are skipped, and renders them again with --overwrite', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'team'));
    await copyFile(photo('chelsea.jpg'), join(dir, 'team', 'ali.jpg'));
    await copyFile(photo('coffee.jpg'), join(dir, 'team', 'sara.jpg'));
    await writeFile(join(dir, 'freedom.json'), JSON.stringify({ mode: 'duotone', color: '#0a7d32', text: ['#FreeThemAll'] }));
    const run = (...args: string[]) => runInProcess(['team/', '-o', 'avatars/', ...args, ...small], { cwd: dir });

    expect((await run()).stderr).toMatch(/^2 rendered, /m);
    const red = await readFile(join(dir, 'avatars', 'ali.jpg'));
    const same = await run();
    expect(same.stderr).toMatch(/^0 rendered, 2 skipped, /m);
    expect(same.stderr).not.toMatch(/another look/);

    const green = await run('--preset', 'freedom.json');
    expect(green.status).toBe(0);
    expect(green.stderr).toMatch(/^2 skipped: made with another look \(avatars\/ali\.jpg, avatars\/sara\.jpg\); add --overwrite to render them again$/m);
    expect(await readFile(join(dir, 'avatars', 'ali.jpg'))).toEqual(red); // the folder is the user's: kept
    const dry = await run('--preset', 'freedom.json', '--dry-run');
    expect(dry.stdout.toString()).toMatch(/^skip {4}team\/ali\.jpg -> avatars\/ali\.jpg \(exists, made with another look; add --overwrite to render it again\)$/m);
    const json = JSON.parse((await run('--preset', 'freedom.json', '--json')).stdout.toString());
    expect(json.files.map((f: { reason: string }) => f.reason)).toEqual(['made with another look', 'made with another look']);

    expect((await run('--preset', 'freedom.json', '--overwrite')).stderr).toMatch(/^2 rendered, /m);
    expect(await readFile(join(dir, 'avatars', 'ali.jpg'))).not.toEqual(red);
    const after = await run('--preset', 'freedom.json');
    expect(after.stderr).toMatch(/^0 rendered, 2 skipped, /m);
    expect(after.stderr).not.toMatch(/another look/);
    // The record names nobody: no file name, no photo name.
    expect(await readFile(join(dir, 'avatars', '.redframe.json'), 'utf8')).not.toMatch(/ali|sara|team|jpg/);
  });

  it('gives photo.png and photo.jpg beside each other an avatar each, whatever order they run in', async () => {
    const dir = await userFolder('chelsea.jpg');
    await copyFile(join(dir, 'chelsea.jpg'), join(dir, 'photo.jpg'));
    await sharp(photo('coffee.jpg')).png().toFile(join(dir, 'photo.png'));
    const run = (...args: string[]) => runInProcess([...args, ...small], { cwd: dir });
    const png = await run('photo.png');
    expect(png.stderr).toMatch(/^photo\.png -> photo\.png\.redframe\.jpg /m);
    const jpg = await run('photo.jpg');
    expect(jpg.status, jpg.stderr).toBe(0);
    expect(jpg.stderr).toMatch(/^photo\.jpg -> photo\.jpg\.redframe\.jpg /m);
    // Names are stable: a rerun finds each photo's own avatar.
    expect((await run('photo.png')).stderr).toMatch(/photo\.png\.redframe\.jpg: already exists/);
    // A photo alone keeps the short name.
    expect((await run('chelsea.jpg')).stderr).toMatch(/^chelsea\.jpg -> chelsea\.redframe\.jpg /m);

    // Both in one run: two outputs.
    const both = await run('photo.png', 'photo.jpg', '-o', 'both/');
    expect(both.status).toBe(0);
    expect((await readdir(join(dir, 'both'))).filter((f) => f.endsWith('.jpg')).sort()).toEqual(['photo-2.jpg', 'photo.jpg']);
  });
});
