import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { MANIFEST_NAME } from '../../src/batch/manifest.js';
import { temporaryName } from '../../src/files/write-atomic.js';
import { BIN, photo, runCommand, tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

/** Runs the command in this process, as a user would in a shell, and keeps what it prints. */
async function redframe(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (keep: (text: string) => void) => new Writable({ write(chunk, _encoding, done) { keep(chunk.toString()); done(); } });
  const io: CliIo = {
    stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)), stdin: new PassThrough(), env: { NO_COLOR: '1', CI: '1' }, cwd,
  };
  const status = await runCli(args, io);
  return { status, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** A folder `team/` with two photos, and whatever more the test adds. */
async function team(files: Record<string, string> = {}) {
  const root = await tempDir();
  await mkdir(join(root, 'team'));
  await copyFile(photo('chelsea.jpg'), join(root, 'team', 'a.jpg'));
  await copyFile(photo('coffee.jpg'), join(root, 'team', 'b.jpg'));
  for (const [name, sample] of Object.entries(files)) {
    await mkdir(join(root, 'team', name, '..'), { recursive: true });
    await copyFile(photo(sample), join(root, 'team', name));
  }
  return root;
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory() && e.name !== MANIFEST_NAME).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

const isRoot = process.platform === 'linux' && process.getuid?.() === 0;

describe('--contact-sheet is an output like the others', () => {
  it('never replaces an input photo, even with --overwrite', async () => {
    const root = await team();
    const before = await readFile(join(root, 'team', 'a.jpg'));
    for (const flags of [[], ['--overwrite']]) {
      const run = await redframe(root, 'team', '-o', 'out', '--size', '64', '--banner', 'none', '--contact-sheet', 'team/a.jpg', ...flags);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('redframe: team/a.jpg: the contact sheet would replace an input photo; give --contact-sheet another name\n');
    }
    expect(await readFile(join(root, 'team', 'a.jpg'))).toEqual(before);
    expect(existsSync(join(root, 'out'))).toBe(false); // refused before any photo was rendered
  });

  it('keeps an existing sheet unless --overwrite', async () => {
    const root = await team();
    await writeFile(join(root, 'sheet.png'), 'my own file');
    const run = await redframe(root, 'team', '-o', 'out', '--size', '64', '--banner', 'none', '--contact-sheet', 'sheet.png');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('redframe: sheet.png: already exists; use --overwrite to replace it\n');
    expect(await readFile(join(root, 'sheet.png'), 'utf8')).toBe('my own file');
    const again = await redframe(root, 'team', '-o', 'out', '--size', '64', '--banner', 'none', '--contact-sheet', 'sheet.png', '--overwrite');
    expect(again.status).toBe(0);
    expect(await sharp(join(root, 'sheet.png')).metadata()).toMatchObject({ format: 'png' });
    expect((await readdir(root)).filter((f) => f.startsWith('.redframe-tmp-'))).toEqual([]);
  });

  it('comes in pages of 64, each page drawn alone', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'many'));
    const tiny = await sharp(photo('chelsea.jpg')).resize(64, 64).jpeg().toBuffer();
    await Promise.all(Array.from({ length: 70 }, (_, i) => writeFile(join(root, 'many', `p${String(i).padStart(2, '0')}.jpg`), tiny)));
    const run = await redframe(root, 'many', '-o', 'out', '--size', '64', '--banner', 'none', '--contact-sheet', 'sheet.jpg');
    expect(run.stderr).toMatch(/^Contact sheet: sheet\.jpg and 1 more page to sheet-2\.jpg$/m);
    expect(run.status).toBe(0);
    expect(await sharp(join(root, 'sheet.jpg')).metadata()).toMatchObject({ width: 8 * 208 + 8, height: 8 * 236 + 8 });
    expect(await sharp(join(root, 'sheet-2.jpg')).metadata()).toMatchObject({ width: 3 * 208 + 8, height: 2 * 236 + 8 }); // 6 more
  });
});

describe('the walk reports what it cannot read', () => {
  it('reports photos below a path longer than PATH_MAX as failed, with the reason', async (ctx) => {
    skipWhere(ctx, CANNOT.pathMax ?? CANNOT.shell);
    const root = await team();
    // 17 folders of 250 bytes: the path passes 4,096 bytes. Made step by step from inside, as
    // only relative paths can reach there.
    const part = 'd'.repeat(250);
    execFileSync('bash', ['-c', `cd team && for i in $(seq 17); do mkdir ${part} && cd ${part}; done && cp "${photo('rocket.jpg')}" deep.jpg`], { cwd: root });
    try {
      const run = await redframe(root, 'team', '-o', 'out', '--size', '64', '--banner', 'none', '--json');
      expect(run.status).toBe(1);
      const failed = run.json().files.filter((f: { status: string }) => f.status === 'failed');
      expect(failed).toEqual([expect.objectContaining({ reason: 'cannot read the folder: the name or path is longer than the file system allows' })]);
      expect(run.json().totals).toMatchObject({ ok: 2, failed: 1 });
    } finally {
      execFileSync('rm', ['-rf', join(root, 'team', part)]);
    }
  });

  it('does not follow a link to /, and never walks /proc, /sys or /dev', async (ctx) => {
    skipWhere(ctx, CANNOT.proc ?? CANNOT.symlink);
    const root = await team();
    await symlink('/', join(root, 'team', 'everything'));
    await symlink('/proc', join(root, 'team', 'proc'));
    const run = await redframe(root, 'team', '-o', 'out', '--size', '64', '--banner', 'none', '--json');
    expect(run.status).toBe(0);
    const report = run.json();
    expect(report.totals).toMatchObject({ ok: 2, failed: 0, ignored: 2 });
    expect(report.files.filter((f: { status: string }) => f.status === 'ignored').map((f: { reason: string }) => f.reason)).toEqual([
      'a link to /, which holds the input folder; not followed',
      'a link to /proc, a folder of the system; not followed',
    ]);
  });

  it('fails only the photos of an output subfolder that cannot be made', async () => {
    const root = await team({ 'nested/c.jpg': 'rocket.jpg', 'z.jpg': 'astronaut.jpg' });
    await mkdir(join(root, 'out'));
    await writeFile(join(root, 'out', 'nested'), 'a file where a folder should be');
    const run = await redframe(root, 'team', '-o', 'out', '--size', '64', '--banner', 'none', '--json');
    expect(run.status).toBe(1);
    const report = run.json();
    expect(report.error).toBe(null); // the batch went on
    expect(report.totals).toMatchObject({ ok: 3, failed: 1, notStarted: 0 });
    expect(report.files.find((f: { input: string }) => f.input === join('team', 'nested', 'c.jpg')).reason)
      .toBe('cannot make the output folder: a file is in the way, so it cannot be a folder');
  });
});

describe('one output namespace for files and folders', () => {
  it('renames a photo whose output name is a folder of the output, and --dry-run says so', async () => {
    const root = await team({ 'x.png': 'rocket.jpg', 'x.jpg/inside.jpg': 'astronaut.jpg' });
    const dry = await redframe(root, 'team', '-o', 'out', '--dry-run');
    expect(dry.stdout).toContain('team/x.png -> out/x-2.jpg  (renamed: x.jpg is also the name of a folder in the output, so this one is x-2.jpg)');
    const run = await redframe(root, 'team', '-o', 'out', '--size', '64', '--banner', 'none', '--json');
    expect(run.status).toBe(0);
    expect(run.json().totals).toMatchObject({ ok: 4, skipped: 0 });
    expect(await files(join(root, 'out'))).toEqual(['a.jpg', 'b.jpg', 'x-2.jpg', 'x.jpg/inside.jpg']);
  });
});

describe('names', () => {
  it('renders a legal 244-byte Arabic name, and shortens an output name pushed past 255 bytes, saying so', async () => {
    const arabic = `${'ح'.repeat(120)}.jpg`; // 244 bytes
    const long = `${'ب'.repeat(125)}.jpg`; // 254 bytes: .webp makes it 255, -2 makes it 257
    const root = await team({ [arabic]: 'rocket.jpg', [long]: 'astronaut.jpg', [`${'ب'.repeat(125)}.png`]: 'coffee.jpg' });
    const run = await redframe(root, 'team', '-o', 'out', '--size', '64', '--banner', 'none', '--format', 'webp', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const outputs = await files(join(root, 'out'));
    expect(outputs).toContain(`${'ح'.repeat(120)}.webp`);
    expect(outputs).toContain(`${'ب'.repeat(125)}.webp`);
    const shortened = `${'ب'.repeat(124)}-2.webp`; // 255 bytes: whole letters only
    expect(outputs).toContain(shortened);
    expect(run.json().files.find((f: { output: string }) => f.output === join('out', shortened)).reason)
      .toBe(`${'ب'.repeat(125)}.webp is also the output name of another photo, so this one is ${shortened} (shortened to 255 bytes, whole characters kept)`);
    expect(outputs.filter((f) => f.includes('.redframe-tmp-'))).toEqual([]);
  });

  it('renders names that are not UTF-8 by their bytes, keeps two such names apart, and prints them escaped', async (ctx) => {
    skipWhere(ctx, CANNOT.nonUtf8Names);
    const root = await team();
    const sample = await readFile(photo('rocket.jpg'));
    // Written from bash: Node names files in UTF-8 only.
    execFileSync('bash', ['-c', "cat > $'team/bad\\xff.jpg' && cp $'team/bad\\xff.jpg' $'team/bad\\xfe.jpg'"], { cwd: root, input: sample });
    const run = await redframe(root, 'team', '-o', 'out', '--size', '64', '--banner', 'none', '--json');
    expect(run.status).toBe(0);
    expect(run.json().totals).toMatchObject({ ok: 4, failed: 0 });
    expect(run.json().files.map((f: { input: string }) => f.input)).toEqual(expect.arrayContaining(['team/bad\\xfe.jpg', 'team/bad\\xff.jpg']));
    expect(await files(join(root, 'out'))).toEqual(['a.jpg', 'b.jpg', 'bad\\xfe.jpg', 'bad\\xff.jpg']);
  });

  it('prints control characters and escape sequences in names escaped, in --dry-run and in the failure list', async (ctx) => {
    skipWhere(ctx, CANNOT.controlCharacterNames);
    const root = await team();
    const evil = 'evil\x1b[2J\x1b]0;owned\x07\n.jpg';
    await writeFile(join(root, 'team', evil), 'not a photo');
    const dry = await redframe(root, 'team', '-o', 'out', '--dry-run');
    expect(dry.stdout).toContain('render  team/evil\\x1b[2J\\x1b]0;owned\\x07\\n.jpg -> out/evil\\x1b[2J\\x1b]0;owned\\x07\\n.jpg');
    const run = await redframe(root, 'team', '-o', 'out', '--size', '64', '--banner', 'none');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^ {4}team\/evil\\x1b\[2J\\x1b\]0;owned\\x07\\n\.jpg: /m);
    expect(dry.stdout + run.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f]/); // no raw control character at all
  });
});

describe('temporary files', () => {
  it('one-photo runs remove leftovers of killed runs beside the output', async () => {
    const root = await team();
    const dead = temporaryName().replace(/-[0-9a-f]{8}-([0-9a-f]{8})$/, '-00400001-$1'); // pid above pid_max
    await writeFile(join(root, dead), 'half a photo');
    const old = join(root, '.redframe-tmp-1234-abcd1234-from-an-older-version.jpg');
    await writeFile(old, 'half a photo');
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000);
    await utimes(old, yesterday, yesterday);
    const run = await redframe(root, 'team/a.jpg', '-o', 'me.jpg', '--size', '64', '--banner', 'none');
    expect(run.status).toBe(0);
    expect((await readdir(root)).sort()).toEqual(['me.jpg', 'team']);
  });

  it.runIf(isRoot)('leave a live run\'s temporary file alone when the cleaner runs in another PID namespace', async (ctx) => {
    if (spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status !== 0) ctx.skip('unshare --pid --mount-proc is not allowed here');
    const root = await team();
    await mkdir(join(root, 'out'));
    // A run in this namespace is writing: its temporary files, named by the old rule (PID alone)
    // and by the new one. This process is alive, so both are live.
    const live = [temporaryName(), `.redframe-tmp-${process.pid}-abcd1234-a.jpg`];
    for (const name of live) await writeFile(join(root, 'out', name), 'being written');
    const run = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, BIN, 'team', '-o', 'out', '--size', '64', '--banner', 'none'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' },
    });
    expect(run.stderr).toMatch(/2 rendered/);
    expect(run.status).toBe(0);
    for (const name of live) expect(existsSync(join(root, 'out', name))).toBe(true);
  });
});

/**
 * A real FAT file system: the kernel's vfat on a loop device where it has one, else the FUSE
 * driver (fusefat), both on an image made by mkfs.vfat. Needs root; undefined elsewhere.
 */
function mountFat(): { path: string; unmount: () => void } | string {
  if (!isRoot) return 'needs root to mount a FAT image';
  if (spawnSync('mkfs.vfat', ['--help']).error) return 'mkfs.vfat (dosfstools) is not installed';
  const dir = mkdtempSync(join(tmpdir(), 'redframe-fat-'));
  const image = join(dir, 'fat.img');
  const path = join(dir, 'mnt');
  execFileSync('truncate', ['-s', '32M', image]);
  execFileSync('mkfs.vfat', [image], { stdio: 'ignore' });
  execFileSync('mkdir', [path]);
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  if (spawnSync('mount', ['-o', 'loop', '-t', 'vfat', image, path]).status === 0) {
    return { path, unmount: () => { execFileSync('umount', [path]); cleanup(); } };
  }
  if (spawnSync('fusefat', ['-o', 'rw+', image, path]).status === 0) {
    return { path, unmount: () => { execFileSync('fusermount', ['-u', path]); cleanup(); } };
  }
  cleanup();
  return 'neither the vfat kernel module nor fusefat can mount a FAT image here';
}

describe('file systems without hard links', () => {
  it('writes a batch, the page and the cards to a FAT file system, and a rerun still keeps existing outputs', async (ctx) => {
    const fat = mountFat();
    if (typeof fat === 'string') return ctx.skip(fat);
    try {
      const root = await team();
      const out = join(fat.path, 'avatars');
      const run = await runCommand(['team', '-o', out, '--size', '64', '--banner', 'none'], { cwd: root });
      expect(run.stderr).toMatch(/2 rendered, 0 skipped, 0 failed/);
      expect(run.status).toBe(0);
      const first = await stat(join(out, 'a.jpg'));
      const again = await runCommand(['team', '-o', out, '--size', '96', '--banner', 'none'], { cwd: root });
      expect(again.stderr).toMatch(/0 rendered, 2 skipped, 0 failed/);
      expect((await stat(join(out, 'a.jpg'))).size).toBe(first.size); // not replaced
      expect((await readdir(out)).sort()).toEqual([MANIFEST_NAME, 'a.jpg', 'b.jpg']); // no temporary file, no empty claim
      expect(await sharp(join(out, 'a.jpg')).metadata()).toMatchObject({ width: 64 });
      // The page and the kit: written as sets there, written again with --overwrite, and a
      // second run without it refused whole, with no temporary file or empty claim left.
      const site = join(fat.path, 'site');
      for (const args of [['page', '-o', site], ['page', '-o', site, '--overwrite'], ['card', '-o', join(fat.path, 'cards')]]) {
        const made = await runCommand([...args, '-q'], { cwd: root });
        expect({ args, status: made.status, stderr: made.stderr.toString() }).toMatchObject({ status: 0, stderr: '' });
      }
      expect((await runCommand(['card', '-o', join(fat.path, 'cards')], { cwd: root })).status).toBe(1);
      for (const folder of [site, join(fat.path, 'cards')]) {
        const names = await readdir(folder);
        expect(names.filter((name) => name.startsWith('.redframe-tmp-'))).toEqual([]);
        for (const name of names) expect((await stat(join(folder, name))).size, name).toBeGreaterThan(0);
      }
      expect((await readdir(join(fat.path, 'cards'))).sort()).toEqual(['portrait.jpg', 'post.jpg', 'story.jpg']);
    } finally {
      fat.unmount();
    }
  });
});

describe('--contact-sheet: every page checked before the batch, and made again on a rerun', () => {
  /** 65 photos (two pages of sheet), one of them named like the sheet's second page. */
  async function sixtyFive() {
    const root = await tempDir();
    await mkdir(join(root, 'q'));
    const tiny = await sharp(photo('chelsea.jpg')).resize(64, 64).jpeg().toBuffer();
    await Promise.all(Array.from({ length: 64 }, (_, i) => writeFile(join(root, 'q', `p${String(i).padStart(2, '0')}.jpg`), tiny)));
    await writeFile(join(root, 'q', 'sheet-2.jpg'), tiny);
    return root;
  }

  it('refuses, before rendering anything, a later page that would replace an avatar of the batch, even with --overwrite', async () => {
    const root = await sixtyFive();
    for (const flags of [[], ['--overwrite']]) {
      const run = await redframe(root, 'q', '-o', 'qout', '--size', '64', '--banner', 'none', '--contact-sheet', 'qout/sheet.jpg', ...flags);
      expect(run.stderr).toBe("redframe: qout/sheet-2.jpg: the contact sheet's page 2 would replace the avatar of q/sheet-2.jpg; give --contact-sheet another name\n");
      expect(run.status).toBe(1);
      expect(existsSync(join(root, 'qout'))).toBe(false);
    }
  });

  it('refuses, before rendering anything, a later page that exists', async () => {
    const root = await sixtyFive();
    await writeFile(join(root, 'sheet-2.jpg'), 'my own file');
    const run = await redframe(root, 'q', '-o', 'qout', '--size', '64', '--banner', 'none', '--contact-sheet', 'sheet.jpg');
    expect(run.stderr).toBe('redframe: sheet-2.jpg: already exists; use --overwrite to replace it\n');
    expect(run.status).toBe(1);
    expect(existsSync(join(root, 'qout'))).toBe(false);
    expect(await readFile(join(root, 'sheet-2.jpg'), 'utf8')).toBe('my own file');
  });

  it('makes the sheet again when the batch is run again after photos were added (the README recipe)', async () => {
    const root = await team();
    const args = ['team', '-o', 'avatars', '--size', '64', '--banner', 'none', '--contact-sheet', 'avatars/sheet.png', '--json'];
    expect((await redframe(root, ...args)).status).toBe(0);
    const first = await sharp(join(root, 'avatars', 'sheet.png')).metadata();
    await copyFile(photo('rocket.jpg'), join(root, 'team', 'c.jpg'));
    const again = await redframe(root, ...args);
    expect(again.status).toBe(0);
    expect(again.json().totals).toMatchObject({ ok: 1, skipped: 2 });
    const second = await sharp(join(root, 'avatars', 'sheet.png')).metadata();
    expect(second.width! * second.height!).toBeGreaterThan(first.width! * first.height!); // three tiles now, not two
    // A file of that name that redframe did not make is still kept.
    await writeFile(join(root, 'avatars', 'mine.png'), 'my own file');
    const other = await redframe(root, ...args.slice(0, -2), '--contact-sheet', 'avatars/mine.png');
    expect(other.status).toBe(1);
    expect(await readFile(join(root, 'avatars', 'mine.png'), 'utf8')).toBe('my own file');
  });
});
