// Reading untrusted input (issue 11, items 1-4): photos that change while a batch reads them,
// bounded reads of photos, standard input, fonts and presets, long values in messages, signals.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { quote } from '../../src/core/errors.js';
import { createRenderer, renderAvatar } from '../../src/api/index.js';
import { BIN, fixture, photo, ROOT, tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

/** Runs the command in this process, as a user would in a shell, and keeps what it prints. */
async function redframe(cwd: string, args: string[], stdin: NodeJS.ReadableStream = new PassThrough().end()) {
  let stdout = '';
  let stderr = '';
  const sink = (keep: (text: string) => void) => new Writable({ write(chunk, _encoding, done) { keep(chunk.toString()); done(); } });
  const io: CliIo = { stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)), stdin: stdin as CliIo['stdin'], env: { NO_COLOR: '1', CI: '1' }, cwd };
  const status = await runCli(args, io);
  return { status, stdout, stderr };
}

/** The command as a process of its own, for what only a process shows: signals, crashes. */
function start(args: string[], cwd = ROOT) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.on('error', () => undefined); // EPIPE once it stops reading
  const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((done) => {
    child.on('close', (status, signal) => done({ status, signal, stdout, stderr }));
  });
  return { child, exited };
}

/**
 * Resolves once the command has loaded its image engine (libvips is mapped): by then its signal
 * handlers are installed. Node catches SIGTERM from its first instant (to reset the terminal and
 * die), so a signal sent earlier would prove nothing.
 */
async function engineLoaded(pid: number): Promise<void> {
  while (!readFileSync(`/proc/${pid}/maps`, 'utf8').includes('libvips')) await new Promise((later) => setTimeout(later, 20));
}

/**
 * Resolves once the process has used this much CPU time: past its start-up (about half a second),
 * it is decoding. CPU time, not wall time, so a busy machine only makes the wait longer.
 */
async function busyFor(pid: number, seconds: number): Promise<void> {
  const ticks = () => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((sum, t) => sum + Number(t), 0);
  while (ticks() < seconds * 100) await new Promise((later) => setTimeout(later, 50));
}

/**
 * Resolves once no SIGINT is pending for the process any more: the kernel has handed it over. Two
 * signals sent while the first is still pending are merged into one, so the second waits for this.
 */
async function signalDelivered(pid: number): Promise<void> {
  const pending = () => readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')
    .filter((line) => /^(ShdPnd|SigPnd):/.test(line))
    .some((line) => (BigInt(`0x${line.split(/\s+/)[1]}`) & 2n) !== 0n); // SIGINT is signal 2: bit 1
  while (pending()) await new Promise((later) => setTimeout(later, 10));
}

/** Keeps writing to a process's standard input until it stops reading: `cat /dev/urandom | redframe -`. */
function feedForever(stdin: NodeJS.WritableStream, first: Buffer = Buffer.alloc(0)) {
  const chunk = randomBytes(256 * 1024);
  let open = true;
  stdin.on('error', () => (open = false));
  stdin.on('close', () => (open = false));
  const pump = () => {
    while (open && stdin.write(chunk));
    if (open) stdin.once('drain', pump);
  };
  if (first.length) stdin.write(first);
  pump();
}

const files = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

describe('a photo that changes while the batch reads it (item 1)', () => {
  it('fails alone, with its reason; the batch ends normally with a full --json report (it used to die of SIGBUS)', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'in'));
    const big = await sharp(photo('astronaut.jpg')).resize(2400, 2400).jpeg({ quality: 95 }).toBuffer();
    const names = Array.from({ length: 12 }, (_, i) => join(dir, 'in', `p${String(i).padStart(2, '0')}.jpg`));
    for (const name of names) await writeFile(name, big);
    const { exited } = start([join(dir, 'in'), '-o', join(dir, 'out'), '--json', '--concurrency', '3']);
    let running = true;
    void exited.then(() => (running = false));
    // Every photo in turn is cut short and written again while the batch runs (libvips maps
    // files into memory; a mapped file cut short raised SIGBUS and killed the whole process).
    for (let i = 0; running; i++) {
      const name = names[i % names.length]!;
      await truncate(name, 1000);
      await new Promise((later) => setTimeout(later, 2));
      await writeFile(name, big);
    }
    const run = await exited;
    expect(run.signal).toBeNull();
    expect([0, 1]).toContain(run.status);
    const report = JSON.parse(run.stdout) as { totals: { ok: number; failed: number }; files: { status: string; reason?: string }[] };
    expect(report.totals.ok + report.totals.failed).toBe(12);
    for (const file of report.files.filter((f) => f.status === 'failed')) {
      expect(file.reason).toMatch(/changed while it was read|damaged or incomplete|not an image/);
    }
    expect((await files(join(dir, 'out'))).filter((f) => f.startsWith('.') && f !== '.redframe.json')).toEqual([]);
  });
});

describe('bounded reads (item 2)', () => {
  it('refuses endless standard input at its first bytes: cat /dev/urandom | redframe -', async () => {
    const dir = await tempDir();
    const { child, exited } = start(['-', '-o', join(dir, 'a.jpg')]);
    feedForever(child.stdin, Buffer.from([0, 1, 2, 250, 251])); // then random bytes, for ever
    const run = await exited;
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('redframe: standard input: not an image redframe reads (its content is not a known image format); give a JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC photo\n');
  });

  it('refuses endless standard input that starts like a JPEG once it passes --max-bytes', async () => {
    const dir = await tempDir();
    const { child, exited } = start(['-', '-o', join(dir, 'a.jpg'), '--max-bytes', '5000000']);
    feedForever(child.stdin, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const run = await exited;
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('redframe: standard input: is longer than maxBytes (5000000 bytes) allows; raise --max-bytes if you trust the file\n');
    expect(await files(dir)).toEqual([]);
  });

  it('--max-bytes refuses a photo file from its size, before reading it; the default takes camera photos', async () => {
    const dir = await tempDir();
    const size = (await readFile(photo('coffee.jpg'))).length;
    const over = await redframe(dir, [photo('coffee.jpg'), '-o', 'a.jpg', '--max-bytes', String(size - 1)]);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe(`redframe: ${photo('coffee.jpg')}: is ${size} bytes, more than maxBytes (${size - 1} bytes) allows; raise --max-bytes if you trust the file\n`);
    expect((await redframe(dir, [photo('coffee.jpg'), '-o', 'a.jpg', '--max-bytes', String(size), '--size', '64', '--banner', 'none'])).status).toBe(0);
    expect((await redframe(dir, [photo('coffee.jpg'), '-o', 'b.jpg', '--max-bytes', '0'])).status).toBe(2);
  });

  it('refuses a 1 GB file with a HEIC header from its size (it used to take 3.25 GB of memory)', async () => {
    const dir = await tempDir();
    const heic = join(dir, 'big.heic');
    await writeFile(heic, (await readFile(fixture('formats', 'cat.heic'))).subarray(0, 4096));
    await truncate(heic, 2 ** 30); // sparse: no disk is used
    const run = await redframe(dir, ['big.heic', '-o', 'a.jpg']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^redframe: big\.heic: is 1073741824 bytes, more than maxBytes \(268435456 bytes\) allows; raise --max-bytes if you trust the file\n$/);
  });

  it('refuses /dev/zero and a 1 GB file as fonts without reading them', async (ctx) => {
    skipWhere(ctx, CANNOT.devices);
    const dir = await tempDir();
    const zero = await redframe(dir, [photo('coffee.jpg'), '-o', 'a.jpg', '--font', '/dev/zero']);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toBe('redframe: /dev/zero: is a character device, not a font file; give a .ttf, .otf or .ttc file to --font\n');
    const font = join(dir, 'huge.ttf');
    await writeFile(font, Buffer.from([0, 1, 0, 0]));
    await truncate(font, 2 ** 30);
    const huge = await redframe(dir, [photo('coffee.jpg'), '-o', 'b.jpg', '--font', font]);
    expect(huge.status).toBe(2);
    expect(huge.stderr).toMatch(/is 1073741824 bytes, more than the limit for fonts \(67108864 bytes\) allows; give a \.ttf, \.otf or \.ttc file to --font/);
  });

  it('refuses a preset file over 1 MiB without parsing it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'big.json'), `{"description": "${'x'.repeat(2 * 1024 * 1024)}"}`);
    const run = await redframe(dir, [photo('coffee.jpg'), '-o', 'a.jpg', '--preset', 'big.json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/big\.json: is \d{7} bytes, more than the limit for presets \(1048576 bytes\) allows/);
  });
});

describe('long values (item 3)', () => {
  it('quote() shows a short excerpt of any value, control characters escaped', () => {
    expect(quote('soild')).toBe('"soild"');
    expect(quote('a\u001b[31mb')).toBe('"a\\u001b[31mb"');
    expect(quote('#'.repeat(100_000))).toBe(`"${'#'.repeat(40)}…" (100000 characters)`);
    expect(quote([1])).toBe('an array');
    expect(quote(null)).toBe('null');
    expect(quote(42)).toBe('42');
  });

  it('refuses a 100,000-character --text before shaping it, in one short line', async () => {
    const run = await redframe(await tempDir(), [photo('coffee.jpg'), '-o', 'a.jpg', '--text', 'ح'.repeat(100_000)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`redframe: Expected at most 200 characters per text segment for text but received "${'ح'.repeat(40)}…" (100000 characters)\n`);
  });

  it('refuses a 400 KB preset text, and quotes a long preset colour in a short line (one used to run V8 out of memory)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'text.json'), JSON.stringify({ text: 'Aleppo '.repeat(60_000) }));
    await writeFile(join(dir, 'color.json'), JSON.stringify({ color: 'r'.repeat(900_000) }));
    for (const preset of ['text.json', 'color.json']) {
      const run = await redframe(dir, [photo('coffee.jpg'), '-o', 'a.jpg', '--preset', preset]);
      expect(run.status, preset).toBe(2);
      expect(run.stderr.length, preset).toBeLessThan(300);
      expect(run.stderr, preset).toMatch(/characters\)\n$/);
    }
  });

  it('cuts values that the argument parser quotes', async () => {
    const run = await redframe(await tempDir(), [photo('coffee.jpg'), '--mode', 'w'.repeat(5000)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`argument "${'w'.repeat(40)}…" (5000 characters) is invalid`);
    expect(run.stderr.length).toBeLessThan(400);
  });
});

describe('signals and files that never end (item 4)', () => {
  it('the first SIGTERM stops a one-photo run reading standard input (timeout 20 redframe - used not to stop it)', async (ctx) => {
    skipWhere(ctx, CANNOT.signal ?? CANNOT.proc);
    const dir = await tempDir();
    const { child, exited } = start(['-', '-o', join(dir, 'a.jpg')]);
    child.stdin.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0])); // and then nothing, for ever
    await engineLoaded(child.pid!);
    child.kill('SIGTERM');
    const run = await exited;
    expect(run.status, run.stderr).toBe(130);
    expect(run.stderr).toBe('Interrupted: nothing was written\n');
    expect(await files(dir)).toEqual([]);
  }, 30_000);

  it('SIGTERM stops a one-photo run in the middle of a long decode, without waiting for the decoder', async (ctx) => {
    skipWhere(ctx, CANNOT.signal ?? CANNOT.proc);
    const dir = await tempDir();
    const { child, exited } = start([fixture('hostile', 'bomb-60000x60000.png'), '-o', join(dir, 'bomb.png'), '--max-pixels', '4000000000', '--timeout', '3600']);
    await engineLoaded(child.pid!);
    await busyFor(child.pid!, 1.5); // decoding
    child.kill('SIGTERM');
    const run = await exited;
    // 130 when the event loop emptied at once; killed by SIGTERM itself when the decoder held it.
    expect(run.status === 130 || run.signal === 'SIGTERM', JSON.stringify(run)).toBe(true);
    expect(await files(dir)).toEqual([]);
  }, 30_000);

  it('SIGTERM stops a batch within its grace second when images in flight take long, leaving no temporary file', async (ctx) => {
    skipWhere(ctx, CANNOT.signal ?? CANNOT.proc);
    const dir = await tempDir();
    await mkdir(join(dir, 'in'));
    for (const name of ['a.png', 'b.png', 'c.png']) await copyFile(fixture('hostile', 'bomb-60000x60000.png'), join(dir, 'in', name));
    const { child, exited } = start([join(dir, 'in'), '-o', join(dir, 'out'), '--max-pixels', '4000000000', '--timeout', '3600', '--concurrency', '2']);
    await engineLoaded(child.pid!);
    await busyFor(child.pid!, 1.5); // decoding
    child.kill('SIGTERM');
    const run = await exited;
    expect(run.signal ?? run.status, run.stderr).toBe('SIGTERM');
    expect(run.stderr).toContain('redframe: stopped by SIGTERM; work in flight was abandoned and its temporary files removed');
    expect(await files(join(dir, 'out')).catch(() => [])).toEqual([]);
  }, 30_000);

  it('a second Ctrl-C stops a batch at once, whatever it is decoding', async (ctx) => {
    skipWhere(ctx, CANNOT.signal ?? CANNOT.proc);
    const dir = await tempDir();
    await mkdir(join(dir, 'in'));
    for (const name of ['a.png', 'b.png']) await copyFile(fixture('hostile', 'bomb-60000x60000.png'), join(dir, 'in', name));
    const { child, exited } = start([join(dir, 'in'), '-o', join(dir, 'out'), '--max-pixels', '4000000000', '--timeout', '3600']);
    await engineLoaded(child.pid!);
    await busyFor(child.pid!, 1.5); // decoding
    child.kill('SIGINT'); // the first lets the photos in flight finish: minutes, for these
    await signalDelivered(child.pid!); // two signals at once may arrive as one
    child.kill('SIGINT');
    const run = await exited;
    expect(run.signal, run.stderr).toBe('SIGINT');
    expect(run.stderr).toContain('redframe: stopped by SIGINT; work in flight was abandoned and its temporary files removed');
    expect(await files(join(dir, 'out')).catch(() => [])).toEqual([]);
  }, 30_000);

  it('refuses a FIFO as a font or a photo before opening it (it used to block a thread that nothing could stop)', async (ctx) => {
    skipWhere(ctx, CANNOT.fifo);
    const dir = await tempDir();
    execFileSync('mkfifo', [join(dir, 'font.ttf'), join(dir, 'photo.jpg')]);
    const font = await redframe(dir, [photo('coffee.jpg'), '-o', 'a.jpg', '--font', 'font.ttf']);
    expect(font.status).toBe(2);
    expect(font.stderr).toBe(`redframe: ${join(dir, 'font.ttf')}: is a named pipe (FIFO), not a font file; give a .ttf, .otf or .ttc file to --font\n`);
    await expect(renderAvatar(join(dir, 'photo.jpg'))).rejects.toMatchObject({ code: 'IO_ERROR', message: 'is a named pipe (FIFO), not a regular file; give a photo file' });
  });
});

describe('smaller ones', () => {
  it('a font cut short after its character map is refused, not drawn blank', async () => {
    const dir = await tempDir();
    const font = await readFile(join(ROOT, 'assets', 'fonts', 'Vazirmatn-Bold.ttf'));
    await writeFile(join(dir, 'cut.ttf'), font.subarray(0, Math.floor(font.length * 0.6)));
    const run = await redframe(dir, [photo('coffee.jpg'), '-o', 'a.jpg', '--font', 'cut.ttf']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cut\.ttf: the font file is cut short \(its "\w+" table ends past the end of the file\), download or copy it again; give a \.ttf, \.otf or \.ttc file to --font\n$/);
  });

  it('an input that is neither a path nor bytes is a RedframeError, not a TypeError', async () => {
    const renderer = createRenderer({ size: 64 });
    for (const input of [null, 42, {}, undefined]) {
      await expect(renderer.render(input as never), String(input)).rejects.toMatchObject({
        name: 'RedframeError', code: 'INVALID_OPTION', message: `Expected a file path, a Buffer or a Uint8Array for input but received ${quote(input)}`,
      });
    }
  });

  it('a preset saved with a UTF-8 byte-order mark (Windows Notepad) is read', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'team.json'), `\ufeff${JSON.stringify({ mode: 'wash', size: 64, banner: 'none' })}`);
    const run = await redframe(dir, [photo('coffee.jpg'), '-o', 'a.png', '--preset', 'team.json']);
    expect(run.stderr).not.toMatch(/redframe:/);
    expect(run.status).toBe(0);
  });
});
