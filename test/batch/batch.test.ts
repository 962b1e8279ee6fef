import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as fsp from 'node:fs/promises';
import { chmod, copyFile, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MANIFEST_NAME } from '../../src/batch/manifest.js';
import { hostPlatform } from '../../src/files/errno.js';
import { TEMP_PREFIX, temporaryName } from '../../src/files/write-atomic.js';
import { BIN, fixture, photo, runCommand, runInProcess, tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

// Spies that keep the real calls, for the tests that stand in for Windows and its file locks.
vi.mock('node:fs/promises', { spy: true });
vi.mock('../../src/files/errno.js', { spy: true });
const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');

/** Every file below a folder but redframe's record of its outputs, as sorted relative paths. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name !== MANIFEST_NAME).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const file of await tree(dir)) files.set(file, await readFile(join(dir, file)));
  return files;
}

/**
 * A campaign organiser's folder: nested and Arabic-named folders, a name collision, a case
 * collision, a broken photo, a text file named .jpg, a document, files with no extension (one a
 * photo, one not), a directory named like a photo, and a symbolic link that loops back to the top.
 */
async function teamFolder(): Promise<string> {
  const root = await tempDir();
  const team = join(root, 'team');
  await mkdir(join(team, 'صور'), { recursive: true });
  await mkdir(join(team, 'nested', 'deeper'), { recursive: true });
  await mkdir(join(team, 'folder.jpg'), { recursive: true });
  await copyFile(photo('astronaut.jpg'), join(team, 'a.jpg'));
  await copyFile(photo('chelsea.jpg'), join(team, 'one.jpg'));
  await sharp(photo('coffee.jpg')).png().toFile(join(team, 'one.png'));
  await copyFile(photo('rocket.jpg'), join(team, 'صور', 'حلب.jpg'));
  await copyFile(photo('coffee.jpg'), join(team, 'nested', 'deeper', 'b.jpeg'));
  await copyFile(photo('chelsea.jpg'), join(team, 'folder.jpg', 'c.jpg'));
  await copyFile(photo('chelsea.jpg'), join(team, 'Ali.jpg'));
  await copyFile(photo('coffee.jpg'), join(team, 'ali.jpeg'));
  await copyFile(fixture('bad', 'truncated.jpg'), join(team, 'broken.jpg'));
  await writeFile(join(team, 'fake.jpg'), 'this is not a photo\n');
  await writeFile(join(team, 'notes.txt'), 'names of the team\n');
  await copyFile(photo('rocket.jpg'), join(team, 'from-chat')); // a photo saved without an extension
  await writeFile(join(team, 'LICENCE'), 'no extension, not a photo\n');
  await symlink('..', join(team, 'nested', 'loop')); // nested/loop -> team: a link loop
  await symlink('nested', join(team, 'again')); // the same folder reached twice
  return root;
}

/** A small tmpfs stands in for a full disk; mounting one needs root on Linux (as in CI here). */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'redframe-mount-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const EXPECTED_OUTPUTS = [
  'Ali.jpg', 'a.jpg', 'ali-2.jpg', 'folder.jpg/c.jpg', 'from-chat.jpg', 'nested/deeper/b.jpg', 'one-2.jpg', 'one.jpg', 'صور/حلب.jpg',
].sort();

describe('redframe FOLDER -o OUT', () => {
  beforeEach((ctx) => skipWhere(ctx, CANNOT.symlink));
  it('renders a messy tree: right outputs, right report, exit 1, inputs unchanged', async () => {
    const root = await teamFolder();
    const before = await snapshot(join(root, 'team'));
    const run = await runCommand(['team', '-o', 'avatars', '--size', '96', '--banner', 'none', '--json'], { cwd: root });
    expect(run.status).toBe(1);
    expect(await tree(join(root, 'avatars'))).toEqual(EXPECTED_OUTPUTS);
    for (const file of EXPECTED_OUTPUTS) {
      expect(await sharp(join(root, 'avatars', file)).metadata()).toMatchObject({ format: 'jpeg', width: 96, height: 96 });
    }
    const report = JSON.parse(run.stdout.toString());
    const byInput = Object.fromEntries(report.files.map((f: { input: string }) => [f.input, f]));
    expect(report.totals).toEqual({ ok: 9, skipped: 0, failed: 2, ignored: 2, notStarted: 0, leftOut: 0 });
    expect(byInput['team/broken.jpg']).toMatchObject({ status: 'failed', code: 'CORRUPT_INPUT', reason: expect.stringMatching(/damaged or incomplete/) });
    expect(byInput['team/fake.jpg']).toMatchObject({ status: 'failed', code: 'UNSUPPORTED_INPUT', reason: expect.stringMatching(/not an image redframe reads \(it is a text file\)/) });
    expect(byInput['team/notes.txt']).toMatchObject({ status: 'ignored', code: 'UNSUPPORTED_INPUT', output: null });
    // Recognised by content, not by name: a photo without an extension is rendered, a text is not.
    expect(byInput['team/from-chat']).toMatchObject({ status: 'ok', output: 'avatars/from-chat.jpg' });
    expect(byInput['team/LICENCE']).toMatchObject({ status: 'ignored', output: null, reason: expect.stringMatching(/it is a text file/) });
    expect(byInput['team/one.png']).toMatchObject({ status: 'ok', output: 'avatars/one-2.jpg', reason: expect.stringMatching(/one\.jpg is also the output name/) });
    expect(byInput['team/صور/حلب.jpg']).toMatchObject({ status: 'ok', code: null, output: 'avatars/صور/حلب.jpg' });
    for (const file of report.files) expect(typeof file.milliseconds).toBe('number');
    expect(report.files.some((f: { input: string }) => f.input.includes('loop') || f.input.includes('again'))).toBe(false);
    expect(await snapshot(join(root, 'team'))).toEqual(before);
  });

  it('resumes: a rerun skips what exists, --overwrite replaces it', async () => {
    const root = await teamFolder();
    await rm(join(root, 'team', 'broken.jpg'));
    await rm(join(root, 'team', 'fake.jpg'));
    expect((await runInProcess(['team', '-o', 'avatars', '--size', '64', '--banner', 'none'], { cwd: root })).status).toBe(0);
    await rm(join(root, 'avatars', 'a.jpg'));
    const rerun = await runInProcess(['team', '-o', 'avatars', '--size', '80', '--banner', 'none', '--json'], { cwd: root });
    expect(rerun.status).toBe(0);
    expect(JSON.parse(rerun.stdout.toString()).totals).toMatchObject({ ok: 1, skipped: 8 });
    expect((await sharp(join(root, 'avatars', 'a.jpg')).metadata()).width).toBe(80);
    expect((await sharp(join(root, 'avatars', 'one.jpg')).metadata()).width).toBe(64);
    const forced = await runInProcess(['team', '-o', 'avatars', '--size', '80', '--banner', 'none', '--overwrite', '--json'], { cwd: root });
    expect(JSON.parse(forced.stdout.toString()).totals).toMatchObject({ ok: 9, skipped: 0 });
    expect((await sharp(join(root, 'avatars', 'one.jpg')).metadata()).width).toBe(80);
  });

  it('prints the plan with --dry-run and writes nothing', async () => {
    const root = await teamFolder();
    const run = await runInProcess(['team', '-o', 'avatars', '--dry-run'], { cwd: root });
    expect(run.status).toBe(0);
    const plan = run.stdout.toString();
    expect(plan).toContain('render  team/one.png -> avatars/one-2.jpg  (renamed: one.jpg is also the output name of another photo, so this one is one-2.jpg)');
    expect(plan).toContain('ignore  team/notes.txt');
    expect(plan).toMatch(/nothing written \(dry run\)/);
    expect(await readdir(root)).toEqual(['team']);
  });

  it('expands quoted globs itself and mirrors below the fixed part', async () => {
    const root = await teamFolder();
    const run = await runInProcess(['team/**/*.jpeg', '-o', 'out', '--size', '64', '--banner', 'none'], { cwd: root });
    expect(run.status).toBe(0);
    expect(await tree(join(root, 'out'))).toEqual(['ali.jpg', 'nested/deeper/b.jpg']);
  });

  it('limits the walk with --max-depth and never walks the output folder inside the input', async () => {
    const root = await teamFolder();
    await rm(join(root, 'team', 'broken.jpg'));
    await rm(join(root, 'team', 'fake.jpg'));
    const first = await runInProcess(['team', '-o', 'team/avatars', '--size', '64', '--banner', 'none', '--max-depth', '0', '--json'], { cwd: root });
    expect(first.status).toBe(0);
    expect(await tree(join(root, 'team', 'avatars'))).toEqual(['Ali.jpg', 'a.jpg', 'ali-2.jpg', 'from-chat.jpg', 'one-2.jpg', 'one.jpg']);
    const second = await runInProcess(['team', '-o', 'team/avatars', '--size', '64', '--banner', 'none', '--max-depth', '0', '--json'], { cwd: root });
    expect(JSON.parse(second.stdout.toString()).totals).toMatchObject({ ok: 0, skipped: 6 });
  });

  it('stops at once with one message when the output folder cannot be written', async (ctx) => {
    skipWhere(ctx, CANNOT.chmod);
    const root = await teamFolder();
    await writeFile(join(root, 'blocker'), 'a file where the output folder should be');
    const run = await runInProcess(['team', '-o', 'blocker/avatars', '--size', '64', '--banner', 'none'], { cwd: root });
    expect(run.status).toBe(1);
    const stopped = run.stderr.split('\n').filter((line) => line.startsWith('Stopped:'));
    expect(stopped).toEqual(['Stopped: blocker/avatars: cannot use the output folder: a file is in the way, so it cannot be a folder; choose another output folder']);
    expect(run.stderr).toMatch(/0 rendered, 0 skipped, .* not started/);
    if (process.getuid?.() !== 0) {
      // Permission bits do not stop root, so this half runs only for ordinary users.
      await mkdir(join(root, 'locked'));
      await chmod(join(root, 'locked'), 0o555);
      const locked = await runInProcess(['team', '-o', 'locked', '--size', '64', '--banner', 'none'], { cwd: root });
      expect(locked.status).toBe(1);
      expect(locked.stderr).toMatch(/permission denied/);
    }
  });

  it.runIf(canMountTmpfs())('stops at once when the disk is full, leaving no partial file', async () => {
    const root = await teamFolder();
    const disk = join(root, 'small-disk');
    await mkdir(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', disk]);
    try {
      const run = await runInProcess(['team', '-o', join(disk, 'avatars'), '--size', '800', '--format', 'png'], { cwd: root });
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('Stopped:'))).toEqual([expect.stringMatching(/no space left on the device; free some space$/)]);
      expect(run.stderr).not.toMatch(/^\s+team\/a\.jpg: cannot write/m); // told once, not per file
      expect(run.stderr).toMatch(/0 rendered, .* [1-9]\d* not started/); // nothing new after the error
      for (const file of await tree(disk)) {
        expect(file).not.toMatch(/\.redframe-tmp-/);
        expect((await sharp(join(disk, file)).metadata()).width).toBe(800); // whatever fitted is whole
      }
    } finally {
      execFileSync('umount', [disk]);
    }
  });

  it('exits 2 and writes nothing when the banner text cannot be drawn', async () => {
    const root = await teamFolder();
    const run = await runInProcess(['team', '-o', 'avatars', '--size', '64', '--text', 'Hi 東京'], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/has no glyph for U\+6771 "東", U\+4EAC "京"/)]);
    expect(await readdir(root)).toEqual(['team']);
  });

  it('removes temporary files left by a killed run', async () => {
    const root = await teamFolder();
    await mkdir(join(root, 'avatars', 'nested'), { recursive: true });
    // Named as this machine's runs name them, with pid 2^22+1, above Linux's pid_max: that
    // process cannot be running.
    const leftover = temporaryName().replace(/-[0-9a-f]{8}-([0-9a-f]{8})$/, '-00400001-$1');
    await writeFile(join(root, 'avatars', 'nested', leftover), 'half a photo');
    await runInProcess(['team', '-o', 'avatars', '--size', '64', '--banner', 'none'], { cwd: root });
    expect((await tree(join(root, 'avatars'))).filter((f) => f.includes('.redframe-tmp-'))).toEqual([]);
  });

  it('writes a contact sheet of all outputs', async () => {
    const root = await teamFolder();
    const run = await runInProcess(['team', '-o', 'avatars', '--size', '64', '--banner', 'none', '--contact-sheet', 'sheet.png'], { cwd: root });
    expect(run.status).toBe(1); // the broken files still fail
    const sheet = await sharp(join(root, 'sheet.png')).metadata();
    expect(sheet.format).toBe('png');
    expect(sheet.width).toBeGreaterThanOrEqual(3 * 200);
  });
});

describe('interrupting a batch', () => {
  it('on SIGINT starts nothing new, leaves only whole outputs and no temporary files, exits 130; a rerun completes it', async (ctx) => {
    skipWhere(ctx, CANNOT.signal);
    const root = await tempDir();
    const input = join(root, 'many');
    await mkdir(input);
    const names = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, '0')}.jpg`);
    await Promise.all(names.map((name, i) => copyFile(photo(['astronaut.jpg', 'chelsea.jpg', 'coffee.jpg', 'rocket.jpg'][i % 4]!), join(input, name))));
    const out = join(root, 'out');
    const child = spawn(process.execPath, [BIN, 'many', '-o', 'out', '--size', '1600', '--concurrency', '1', '--format', 'png'], {
      cwd: root, env: { ...process.env, NO_COLOR: '1', CI: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Wait for the first finished output (however long a busy machine takes), then press Ctrl-C.
    let running = true;
    void exited.then(() => (running = false));
    while (running && !(await readdir(out).catch(() => [] as string[])).some((f) => f.endsWith('.png'))) {
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/Interrupted: images in flight were finished/);
    expect(stderr).toMatch(/not started/);
    const left = (await readdir(out)).filter((f) => f !== MANIFEST_NAME);
    expect(left.filter((f) => f.startsWith('.redframe-tmp-'))).toEqual([]);
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(names.length);
    for (const file of left) expect(await sharp(join(out, file)).metadata()).toMatchObject({ width: 1600, height: 1600 });

    const rerun = await runCommand(['many', '-o', 'out', '--size', '1600', '--format', 'png', '--json'], { cwd: root });
    expect(rerun.status).toBe(0);
    expect(JSON.parse(rerun.stdout.toString()).totals).toMatchObject({ ok: names.length - left.length, skipped: left.length, failed: 0 });
    expect((await readdir(out)).sort()).toEqual([MANIFEST_NAME, ...names.map((n) => n.replace('.jpg', '.png'))]);
  });
});

describe('--timeout counts a photo\'s own work, not its wait for a thread', () => {
  it('renders every photo when far more are in flight than there are threads', async () => {
    // One thread for sharp and 64 photos in flight: 48 photos wait for it one after another,
    // together far longer than the 1-second limit (before, all 48 failed "encoding took longer");
    // each photo's own work takes a small part of it.
    const root = await tempDir();
    await mkdir(join(root, 'many'));
    await Promise.all(Array.from({ length: 48 }, (_, i) => copyFile(photo('astronaut.jpg'), join(root, 'many', `p${i}.jpg`))));
    const run = await runCommand(['many', '-o', 'out', '--concurrency', '64', '--timeout', '1', '--json'], { cwd: root, env: { UV_THREADPOOL_SIZE: '1' } });
    const report = JSON.parse(run.stdout.toString());
    expect(report.files.filter((f: { status: string }) => f.status !== 'ok')).toEqual([]);
    expect(report.totals).toMatchObject({ ok: 48, failed: 0 });
    expect(run.status).toBe(0);
  });
});

describe('an output open in another program, on Windows', () => {
  afterEach(() => {
    for (const call of [fsp.rename, fsp.open, hostPlatform]) vi.mocked(call).mockReset();
  });

  /** Four photos, rendered once into out/ (the avatars a viewer could then hold open). */
  async function renderedOnce(): Promise<string> {
    const root = await tempDir();
    await mkdir(join(root, 'many'));
    await Promise.all(['a00', 'a01', 'a02', 'a03'].map((name, i) => copyFile(photo(['astronaut.jpg', 'chelsea.jpg', 'coffee.jpg', 'rocket.jpg'][i]!), join(root, 'many', `${name}.jpg`))));
    expect((await runInProcess(['many', '-o', 'out', '--size', '64', '--banner', 'none', '-q'], { cwd: root })).status).toBe(0);
    return root;
  }

  /** The error Windows gives for a rename over a file open without delete sharing. */
  const held = () => Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM', errno: -4048, syscall: 'rename' });

  it('--overwrite fails that photo alone, tried again for a moment, and writes the others (it used to stop the batch)', async () => {
    const root = await renderedOnce();
    const before = await snapshot(join(root, 'out'));
    vi.mocked(hostPlatform).mockReturnValue('win32');
    let tries = 0;
    vi.mocked(fsp.rename).mockImplementation(async (from, to) => {
      if (basename(String(to)) === 'a00.jpg') {
        tries++;
        throw held();
      }
      return actual.rename(from, to);
    });
    const run = await runInProcess(['many', '-o', 'out', '--size', '64', '--banner', 'none', '--color', '#0000ff', '--overwrite', '--concurrency', '1', '--json'], { cwd: root });
    const report = JSON.parse(run.stdout.toString());
    expect(run.status).toBe(1);
    expect(report.totals).toMatchObject({ ok: 3, failed: 1, notStarted: 0 });
    expect(report.error).toBeNull();
    expect(report.files.find((f: { input: string }) => f.input === 'many/a00.jpg')).toMatchObject({
      status: 'failed', code: 'IO_ERROR', reason: 'cannot replace: it is open in another program, or read-only; close it and run again',
    });
    expect(tries).toBe(6); // the first try and five more, then it gives up
    const after = await snapshot(join(root, 'out'));
    expect(after.get('a00.jpg')).toEqual(before.get('a00.jpg'));
    for (const name of ['a01.jpg', 'a02.jpg', 'a03.jpg']) expect(after.get(name)).not.toEqual(before.get(name));
    expect((await readdir(join(root, 'out'))).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([]);
  });

  it('writes a photo whose new file an antivirus held for a moment', async () => {
    const root = await renderedOnce();
    vi.mocked(hostPlatform).mockReturnValue('win32');
    let refused = 0;
    vi.mocked(fsp.rename).mockImplementation(async (from, to) => {
      if (basename(String(to)) === 'a01.jpg' && refused < 2) {
        refused++;
        throw Object.assign(new Error('EBUSY: resource busy or locked, rename'), { code: 'EBUSY', syscall: 'rename' });
      }
      return actual.rename(from, to);
    });
    const run = await runInProcess(['many', '-o', 'out', '--size', '64', '--banner', 'none', '--overwrite', '--json'], { cwd: root });
    expect(JSON.parse(run.stdout.toString()).totals).toMatchObject({ ok: 4, failed: 0 });
    expect(run.status).toBe(0);
    expect(refused).toBe(2);
  });

  it('says what is true on Linux and macOS, where such a refusal is not tried again', async () => {
    const root = await renderedOnce();
    vi.mocked(hostPlatform).mockReturnValue('linux');
    vi.mocked(fsp.rename).mockImplementation(async (from, to) => {
      if (basename(String(to)) === 'a02.jpg') throw held();
      return actual.rename(from, to);
    });
    const run = await runInProcess(['many', '-o', 'out', '--size', '64', '--banner', 'none', '--overwrite', '--json'], { cwd: root });
    const report = JSON.parse(run.stdout.toString());
    expect(report.totals).toMatchObject({ ok: 3, failed: 1, notStarted: 0 });
    expect(report.files.find((f: { input: string }) => f.input === 'many/a02.jpg').reason)
      .toBe('cannot replace: the file is locked, immutable, or another user\'s in a shared folder; unlock or remove it and run again');
    expect(vi.mocked(fsp.rename).mock.calls.filter(([, to]) => basename(String(to)) === 'a02.jpg')).toHaveLength(1);
  });

  it('still stops the batch at once when the folder takes no file at all', async () => {
    const root = await renderedOnce();
    vi.mocked(hostPlatform).mockReturnValue('win32');
    vi.mocked(fsp.open).mockImplementation(async (...args) => {
      if (basename(String(args[0])).startsWith(TEMP_PREFIX)) throw Object.assign(new Error('EPERM: operation not permitted, open'), { code: 'EPERM', syscall: 'open' });
      return actual.open(...args);
    });
    const run = await runInProcess(['many', '-o', 'out', '--size', '64', '--banner', 'none', '--overwrite', '--concurrency', '1', '--json'], { cwd: root });
    const report = JSON.parse(run.stdout.toString());
    expect(run.status).toBe(1);
    expect(report).toMatchObject({ errorCode: 'OUTPUT_UNWRITABLE', error: 'out/a00.jpg: cannot write: permission denied; choose a folder you can write to' });
    expect(report.totals).toMatchObject({ ok: 0, failed: 1, notStarted: 3 });
  });
});
