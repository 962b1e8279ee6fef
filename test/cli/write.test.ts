/**
 * Writing outputs, through the real commands: the one-photo output, and cover, card and page,
 * whose files are written as one set. Faults of the disk (full, read-only) and Ctrl-C are injected
 * through node:fs/promises and the command's signal, at named moments, never after a guessed time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { copyFile, lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { hostPlatform } from '../../src/files/errno.js';
import { TEMP_PREFIX } from '../../src/files/write-atomic.js';
import * as coverCard from '../../src/render/cover-card.js';
import { BIN, photo, runCommand, tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

vi.mock('node:fs/promises', { spy: true });
vi.mock('../../src/render/cover-card.js', { spy: true });
vi.mock('../../src/files/errno.js', { spy: true });
const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
const actualCoverCard = await vi.importActual<typeof import('../../src/render/cover-card.js')>('../../src/render/cover-card.js');

/** The files of a folder, each with a hash of its bytes (a failure prints hashes, not two images' bytes). */
async function contents(folder: string): Promise<Record<string, string>> {
  const names = (await readdir(folder)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, createHash('sha256').update(await readFile(join(folder, name))).digest('hex')] as const)));
}

/**
 * Runs the command in this process, as a user would in a shell, with the Ctrl-C that main.ts
 * turns into `signal`.
 */
async function redframe(args: string[], cwd: string, signal?: AbortSignal) {
  let stderr = '';
  const sink = (keep: (text: string) => void) => new Writable({ write(chunk, _encoding, done) { keep(String(chunk)); done(); } });
  const status = await runCli(args, {
    stdout: sink(() => undefined), stderr: sink((text) => (stderr += text)), stdin: new PassThrough(), env: { NO_COLOR: '1', CI: '1' }, cwd, ...(signal ? { signal } : {}),
  });
  return { status, stderr };
}

const isTemporary = (path: unknown) => basename(String(path)).startsWith(TEMP_PREFIX);

/** The error a full disk gives, as Node makes it. */
const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

/**
 * From the `nth` temporary file on, writing fails as on a full disk: half the bytes go to disk, then
 * ENOSPC (a disk, once full, stays full). Through node:fs/promises, which the writes use: no
 * tmpfs, so no root.
 */
function diskFullFrom(nth: number): void {
  let count = 0;
  vi.mocked(fsp.open).mockImplementation(async (...args) => {
    const handle = await actual.open(...args);
    if (isTemporary(args[0]) && ++count >= nth) {
      const writeFile = handle.writeFile.bind(handle);
      handle.writeFile = async (data) => {
        await writeFile((data as Uint8Array).subarray(0, (data as Uint8Array).length >> 1));
        throw noSpace();
      };
    }
    return handle;
  });
}

/** Calls `then` once, when the `nth` temporary file is opened (the files of a set are being written). */
function whenTemporaryOpens(nth: number, then: () => void): void {
  let count = 0;
  vi.mocked(fsp.open).mockImplementation(async (...args) => {
    if (isTemporary(args[0]) && ++count === nth) then();
    return actual.open(...args);
  });
}

afterEach(() => {
  for (const call of [fsp.open, fsp.link, fsp.rename, fsp.mkdir, fsp.stat, coverCard.renderCard, hostPlatform]) vi.mocked(call).mockReset();
});

describe('writing one photo', () => {
  it.runIf(existsSync('/dev/full'))('says the device is full when standard output is /dev/full', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [BIN, photo('chelsea.jpg'), '-o', '-', '--size', '64', '--banner', 'none'], {
        stdio: ['ignore', full, 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: '1' }, encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual(['redframe: standard output: cannot write the image: no space left on the device; free some space']);
    } finally {
      closeSync(full);
    }
  });
});

describe('the one-photo output', () => {
  it('never replaces a pipe or a device with a file, even with --overwrite', async (ctx) => {
    skipWhere(ctx, CANNOT.fifo);
    const dir = await tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.jpg')]);
    const run = await runCommand([photo('chelsea.jpg'), '-o', 'pipe.jpg', '--size', '64', '--overwrite'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('redframe: pipe.jpg: is not a regular file (a device, pipe or socket); give a file name\n');
    expect((await lstat(join(dir, 'pipe.jpg'))).isFIFO()).toBe(true);
  });
});

describe('an input that cannot be read', () => {
  it('says why, rather than "no such file"', async (ctx) => {
    skipWhere(ctx, CANNOT.pathMax);
    const dir = await tempDir();
    const far = Array.from({ length: 20 }, () => 'f'.repeat(250)).join('/');
    const run = await runCommand([`${far}/photo.jpg`, '-o', 'out/'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/photo\.jpg: the name or path is longer than the file system allows(; check the path)?\n$/);
  });
});

describe('cover, card and page write their files as one set: all or none', () => {
  it('cover on a full disk leaves none of its covers (it used to leave facebook.jpg and x.jpg), nor the folder it made', async () => {
    const cwd = await tempDir();
    diskFullFrom(3);
    const run = await redframe(['cover', '-o', 'kit'], cwd);
    expect(await readdir(cwd)).toEqual([]);
    expect(run).toEqual({ status: 1, stderr: 'redframe: kit/linkedin.jpg: cannot write: no space left on the device; free some space\n' });
  });

  it('page on a full disk leaves no image (it used to leave four and no index.html)', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'site'));
    diskFullFrom(5);
    const run = await redframe(['page', '-o', 'site'], cwd);
    expect(await readdir(join(cwd, 'site'))).toEqual([]); // a folder that was there stays
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^redframe: site\/\w+\.jpg: cannot write: no space left on the device; free some space\n$/);
  });

  it('cover --overwrite on a full disk leaves the old covers as they were', async () => {
    const cwd = await tempDir();
    expect((await redframe(['cover', '--for', 'facebook,x', '-o', 'kit'], cwd)).status).toBe(0);
    const before = await contents(join(cwd, 'kit'));
    diskFullFrom(2);
    const run = await redframe(['cover', '--for', 'facebook,x', '--color', '#0000ff', '--overwrite', '-o', 'kit'], cwd);
    expect(await contents(join(cwd, 'kit'))).toEqual(before);
    expect(run).toEqual({ status: 1, stderr: 'redframe: kit/x.jpg: cannot write: no space left on the device; free some space\n' });
  });

  it('two card runs into one folder never mix their looks: the one that finds a name taken takes back what it placed', async () => {
    const cwd = await tempDir();
    let second: Awaited<ReturnType<typeof runCommand>> | undefined;
    // The first run has checked its names and written its temporary files; as it puts the first in
    // place, a second run (a process of its own) writes story.jpg, with other words.
    vi.mocked(fsp.link).mockImplementationOnce(async (...args) => {
      second = await runCommand(['card', '--for', 'story', '--message', 'Saturday 12:00, the town hall', '-o', 'kit', '-q'], { cwd });
      return actual.link(...args);
    });
    const first = await redframe(['card', '--message', 'Sunday 18:30, Escwa Square', '-o', 'kit'], cwd);
    // Only the second run's card: not post.jpg and portrait.jpg of the first beside it.
    expect(await readdir(join(cwd, 'kit'))).toEqual(['story.jpg']);
    expect(second).toMatchObject({ status: 0, stderr: '' });
    expect(first).toEqual({ status: 1, stderr: 'redframe: kit/story.jpg: already exists; use --overwrite to replace it\n' });
  });
});

describe('Ctrl-C stops cover, card and page, and nothing is written', () => {
  it('card interrupted while it renders writes no card, says so and exits 130 (it used to write all three)', async () => {
    const cwd = await tempDir();
    const ctrlC = new AbortController();
    vi.mocked(coverCard.renderCard).mockImplementationOnce((...args) => {
      ctrlC.abort();
      return actualCoverCard.renderCard(...args);
    });
    const run = await redframe(['card', '-o', 'kit'], cwd, ctrlC.signal);
    expect(await readdir(cwd)).toEqual([]);
    expect(run).toEqual({ status: 130, stderr: 'Interrupted: nothing was written\n' });
  });

  it('cover interrupted while its files are being written leaves none of them', async () => {
    const cwd = await tempDir();
    const ctrlC = new AbortController();
    whenTemporaryOpens(1, () => ctrlC.abort());
    const run = await redframe(['cover', '-o', 'kit'], cwd, ctrlC.signal);
    expect(await readdir(cwd)).toEqual([]);
    expect(run).toEqual({ status: 130, stderr: 'Interrupted: nothing was written\n' });
  });

  it('page interrupted while its files are being written leaves none of them', async () => {
    const cwd = await tempDir();
    const ctrlC = new AbortController();
    whenTemporaryOpens(5, () => ctrlC.abort());
    const run = await redframe(['page'], cwd, ctrlC.signal);
    expect(await readdir(cwd)).toEqual([]);
    expect(run).toEqual({ status: 130, stderr: 'Interrupted: nothing was written\n' });
  });

  it('cover --overwrite interrupted between two replaced covers puts the first one back', async () => {
    const cwd = await tempDir();
    expect((await redframe(['cover', '--for', 'facebook,x', '-o', 'kit'], cwd)).status).toBe(0);
    const before = await contents(join(cwd, 'kit'));
    const ctrlC = new AbortController();
    vi.mocked(fsp.rename).mockImplementationOnce(async (...args) => {
      await actual.rename(...args); // facebook.jpg replaced, x.jpg not yet
      ctrlC.abort();
    });
    const run = await redframe(['cover', '--for', 'facebook,x', '--color', '#0000ff', '--overwrite', '-o', 'kit'], cwd, ctrlC.signal);
    expect(await contents(join(cwd, 'kit'))).toEqual(before);
    expect(run).toEqual({ status: 130, stderr: 'Interrupted: nothing was written\n' });
  });
});

describe('a read-only file system, and paths as the user wrote them', () => {
  /**
   * `ro` stands for a read-only mount: mkdir there fails with EROFS, and Node's recursive mkdir
   * turns that into ENOENT, as Node 20 does on a real one (nodejs/node#47098).
   */
  function readOnly(ro: string): void {
    vi.mocked(fsp.mkdir).mockImplementation(async (path, options) => {
      if (!String(path).startsWith(`${ro}/`)) return actual.mkdir(path, options);
      const recursive = typeof options === 'object' && options?.recursive;
      throw Object.assign(new Error(`${recursive ? 'ENOENT' : 'EROFS'}: mkdir '${String(path)}'`), { code: recursive ? 'ENOENT' : 'EROFS', syscall: 'mkdir' });
    });
    vi.mocked(fsp.open).mockImplementation(async (...args) => {
      if (isTemporary(args[0]) && String(args[0]).startsWith(`${ro}/`)) throw Object.assign(new Error('EROFS: read-only file system, open'), { code: 'EROFS', syscall: 'open' });
      return actual.open(...args);
    });
  }

  it('says "read-only file system" (not "the folder does not exist"), naming an absolute -o absolute', async () => {
    const cwd = await tempDir();
    const ro = join(await tempDir(), 'ro');
    await mkdir(ro);
    readOnly(ro);
    const made = await redframe(['cover', '-o', join(ro, 'kit')], cwd);
    expect(made).toEqual({ status: 1, stderr: `redframe: ${join(ro, 'kit')}: cannot make the output folder: read-only file system; choose another folder\n` });
    const there = await redframe(['card', '-o', ro], cwd);
    expect(there).toEqual({ status: 1, stderr: `redframe: ${join(ro, 'post.jpg')}: cannot write: read-only file system; choose another folder\n` });
    const page = await redframe(['page', '-o', join(ro, 'a', 'b')], cwd);
    expect(page).toEqual({ status: 1, stderr: `redframe: ${join(ro, 'a', 'b')}: cannot make the output folder: read-only file system; choose another folder\n` });
    expect(await readdir(ro)).toEqual([]);
  });

  it('names the files written as the folder was given: absolute, or relative as typed', async () => {
    const cwd = await tempDir();
    const elsewhere = await tempDir();
    const absolute = await redframe(['card', '--for', 'post', '-o', join(elsewhere, 'kit')], cwd);
    expect(absolute.stderr).toMatch(new RegExp(`^Wrote ${join(elsewhere, 'kit', 'post.jpg')} \\(1080x1080, \\d+ KB\\)\\.\\n$`));
    await mkdir(join(elsewhere, 'sub'));
    const relative = await redframe(['card', '--for', 'post', '-o', '../kit2'], join(elsewhere, 'sub'));
    expect(relative.stderr).toMatch(/^Wrote \.\.\/kit2\/post\.jpg \(1080x1080, \d+ KB\)\.\n$/);
  });
});

describe('Windows, and drives formatted for it', () => {
  /** link() as Windows answers it on FAT32 and exFAT, which have no hard links: EISDIR. */
  const noHardLinks = () => vi.mocked(fsp.link).mockImplementation(async () => {
    throw Object.assign(new Error('EISDIR: illegal operation on a directory, link'), { code: 'EISDIR', syscall: 'link' });
  });

  it('writes to a FAT32 or exFAT drive, whose links Windows refuses as EISDIR (it used to say "is a folder")', async () => {
    const cwd = await tempDir();
    noHardLinks();
    const run = await redframe([photo('chelsea.jpg'), '-o', 'out/ali.jpg', '--size', '64', '--banner', 'none', '-q'], cwd);
    expect(run).toEqual({ status: 0, stderr: '' });
    expect(await readdir(join(cwd, 'out'))).toEqual(['ali.jpg']);
    expect((await lstat(join(cwd, 'out', 'ali.jpg'))).size).toBeGreaterThan(0);
    const covers = await redframe(['cover', '--for', 'facebook,x', '-o', 'kit', '-q'], cwd);
    expect(covers).toEqual({ status: 0, stderr: '' });
    expect(await readdir(join(cwd, 'kit'))).toEqual(['facebook.jpg', 'x.jpg']);
    const again = await redframe(['cover', '--for', 'facebook,x', '--color', '#0000ff', '--overwrite', '-o', 'kit', '-q'], cwd);
    expect(again).toEqual({ status: 0, stderr: '' });
    expect(await readdir(join(cwd, 'kit'))).toEqual(['facebook.jpg', 'x.jpg']);
  });

  it('writes a batch, the page and the cards to such a drive, resumes there, and leaves no temporary file', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'team'));
    for (const name of ['a.jpg', 'b.jpg']) await copyFile(photo('chelsea.jpg'), join(cwd, 'team', name));
    noHardLinks();
    const small = ['--size', '64', '--banner', 'none', '-q'];
    expect(await redframe(['team', '-o', 'avatars', ...small], cwd)).toEqual({ status: 0, stderr: '' });
    // The rerun resumes: both are there, so both are skipped, and nothing is replaced.
    const first = (await lstat(join(cwd, 'avatars', 'a.jpg'))).mtimeMs;
    const again = await redframe(['team', '-o', 'avatars', '--size', '64', '--banner', 'none'], cwd);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/0 rendered, 2 skipped/);
    expect((await lstat(join(cwd, 'avatars', 'a.jpg'))).mtimeMs).toBe(first);
    expect(await redframe(['page', '-o', 'site', '-q'], cwd)).toEqual({ status: 0, stderr: '' });
    expect(await redframe(['card', '--message', 'Saturday 12:00, Trafalgar Square', '-o', 'cards', '-q'], cwd)).toEqual({ status: 0, stderr: '' });
    // A second page into the same folder is refused whole, as anywhere.
    expect((await redframe(['page', '-o', 'site'], cwd)).status).toBe(1);
    const everything = await readdir(cwd, { recursive: true });
    expect(everything.filter((name) => name.includes('.redframe-tmp-'))).toEqual([]);
    expect(everything.filter((name) => /^(avatars|site|cards)\//.test(name)).length).toBeGreaterThan(10);
  });

  it('on Windows, refuses a name Windows does not allow before writing, in Windows\' words', async () => {
    const cwd = await tempDir();
    vi.mocked(hostPlatform).mockReturnValue('win32');
    const asked = await redframe([photo('chelsea.jpg'), '-o', 'what?.jpg', '--size', '64', '--banner', 'none'], cwd);
    expect(asked).toEqual({ status: 1, stderr: 'redframe: what?.jpg: cannot write: Windows does not allow the characters <>:"|?* in a file name; choose another name\n' });
    const device = await redframe([photo('chelsea.jpg'), '-o', 'con.jpg', '--size', '64', '--banner', 'none'], cwd);
    expect(device).toEqual({ status: 1, stderr: 'redframe: con.jpg: cannot write: Windows does not allow the name CON in a file name; choose another name\n' });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('on Windows, a name refused as ENOENT is about the name, not "a system folder such as /proc"', async () => {
    const cwd = await tempDir();
    // Windows' answer for a name it refuses; the check before writing is bypassed here (linux),
    // then the answer is read as Windows reads it.
    vi.mocked(fsp.link).mockImplementation(async () => {
      vi.mocked(hostPlatform).mockReturnValue('win32');
      throw Object.assign(new Error('ENOENT: no such file or directory, link'), { code: 'ENOENT', syscall: 'link' });
    });
    const run = await redframe([photo('chelsea.jpg'), '-o', 'bad|name.jpg', '--size', '64', '--banner', 'none'], cwd);
    expect(run).toEqual({ status: 1, stderr: 'redframe: bad|name.jpg: cannot write: Windows does not allow the characters <>:"|?* in a file name; choose another name\n' });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('on Windows, a folder name it refuses is about the name, not "the folder does not exist"', async () => {
    const cwd = await tempDir();
    vi.mocked(hostPlatform).mockReturnValue('win32');
    vi.mocked(fsp.mkdir).mockImplementation(async (path, options) => {
      if (basename(String(path)) === 'what?') throw Object.assign(new Error('ENOENT: no such file or directory, mkdir'), { code: 'ENOENT', syscall: 'mkdir' });
      return actual.mkdir(path, options);
    });
    const run = await redframe([photo('chelsea.jpg'), '-o', 'what?/ali.jpg', '--size', '64', '--banner', 'none'], cwd);
    expect(run).toEqual({ status: 1, stderr: 'redframe: what?: cannot make the output folder: Windows does not allow the characters <>:"|?* in a file name; choose another name\n' });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('on a FAT or exFAT drive on Linux or a Mac, names the drive\'s rule when it refuses a name (EINVAL)', async () => {
    const cwd = await tempDir();
    noHardLinks();
    vi.mocked(fsp.open).mockImplementation(async (...args) => {
      if (basename(String(args[0])) === 'what?.jpg') throw Object.assign(new Error('EINVAL: invalid argument, open'), { code: 'EINVAL', syscall: 'open' });
      return actual.open(...args);
    });
    const run = await redframe([photo('chelsea.jpg'), '-o', 'what?.jpg', '--size', '64', '--banner', 'none'], cwd);
    expect(run).toEqual({ status: 1, stderr: 'redframe: what?.jpg: cannot write: this drive (FAT, exFAT, NTFS or a Windows share) does not allow the characters <>:"|?* in a file name; choose another name\n' });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('on a FAT drive through FUSE, which says EPERM for such a name, names the drive\'s rule too', async () => {
    const cwd = await tempDir();
    const refused = () => Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
    vi.mocked(fsp.link).mockImplementation(async () => {
      throw refused(); // no hard links
    });
    vi.mocked(fsp.open).mockImplementation(async (...args) => {
      if (basename(String(args[0])) === 'a|b.jpg') throw refused();
      return actual.open(...args);
    });
    const run = await redframe([photo('chelsea.jpg'), '-o', 'a|b.jpg', '--size', '64', '--banner', 'none'], cwd);
    expect(run).toEqual({ status: 1, stderr: 'redframe: a|b.jpg: cannot write: this drive (FAT, exFAT, NTFS or a Windows share) does not allow the characters <>:"|?* in a file name; choose another name\n' });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('tells two files apart whose Windows file ids differ beyond 2^53 (it said the output would replace the input)', async () => {
    const cwd = await tempDir();
    await fsp.copyFile(photo('chelsea.jpg'), join(cwd, 'photo.jpg'));
    await fsp.copyFile(photo('coffee.jpg'), join(cwd, 'avatar.jpg'));
    // NTFS file ids as Windows gives them: one device, ids 2^60 and 2^60 + 1 (equal as Numbers),
    // the same whether the file is asked by its path or by an open handle.
    const ids: Record<string, bigint> = { 'photo.jpg': 2n ** 60n, 'avatar.jpg': 2n ** 60n + 1n };
    const asOnWindows = async <T extends object>(path: unknown, real: (bigint: boolean) => Promise<T>, options?: { bigint?: boolean }): Promise<T> => {
      const id = ids[basename(String(path))];
      if (id === undefined) return real(Boolean(options?.bigint));
      const stats = await real(Boolean(options?.bigint));
      return Object.assign(Object.create(Object.getPrototypeOf(stats) as object) as T, stats, options?.bigint ? { dev: 7n, ino: id } : { dev: 7, ino: Number(id) });
    };
    vi.mocked(fsp.stat).mockImplementation(((path: string, options?: { bigint?: boolean }) => asOnWindows(path, (bigint) => actual.stat(path, { bigint }), options)) as typeof fsp.stat);
    vi.mocked(fsp.open).mockImplementation(async (...args) => {
      const handle = await actual.open(...args);
      const stat = handle.stat.bind(handle);
      handle.stat = ((options?: { bigint?: boolean }) => asOnWindows(args[0], (bigint) => stat({ bigint }), options)) as typeof handle.stat;
      return handle;
    });
    const run = await redframe(['photo.jpg', '-o', 'avatar.jpg', '--overwrite', '--size', '64', '--banner', 'none', '-q'], cwd);
    expect(run).toEqual({ status: 0, stderr: '' });
    expect(createHash('sha256').update(await readFile(join(cwd, 'avatar.jpg'))).digest('hex'))
      .not.toBe(createHash('sha256').update(await readFile(photo('coffee.jpg'))).digest('hex'));
  });
});
