/**
 * How the walk (src/batch/collect.ts) reads Windows: patterns typed with backslashes, file ids
 * above 2^53, names found whatever their case, links compared by Windows' path rules. Linux cannot
 * be Windows, so the Windows side is injected: the walk is told `platform: 'win32'`, paths are
 * compared with `path.win32`, and a folder is shown to the walk as an NTFS volume shows to Node
 * (through node:fs/promises: the same names in any case, 64-bit file ids, or none).
 */
import type { BigIntStats, PathLike, Stats } from 'node:fs';
import { readdirSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { copyFile, mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join, posix, relative, sep, win32 } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectInputs, holdsFolder, isGlob, readPattern } from '../../src/batch/collect.js';
import { photo, runInProcess, tempDir } from '../helpers.js';

vi.mock('node:fs/promises', { spy: true });
const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');

afterEach(() => {
  for (const call of [fsp.stat, fsp.lstat, fsp.readdir, fsp.realpath, fsp.open]) vi.mocked(call).mockReset();
});

/**
 * Shows the folder `root` as Windows shows an NTFS or FAT volume: a name in any case finds the
 * entry, `realpath` gives the names as stored, and file ids are those of `ids` (by path below
 * `root`; 64-bit, so Number stats round them as Node's do on Windows), or 0 for every entry when
 * `ids` is 'none' (a volume that gives no ids).
 */
function asWindowsVolume(root: string, ids: Record<string, bigint> | 'none') {
  const stored = (path: PathLike): PathLike => {
    if (typeof path !== 'string' || (path !== root && !path.startsWith(root + sep))) return path;
    let real = root;
    for (const name of relative(root, path).split(sep).filter(Boolean)) {
      let names: string[] = [];
      try {
        names = readdirSync(real);
      } catch {
        // not a folder: the real call says so
      }
      real = join(real, names.includes(name) ? name : (names.find((entry) => entry.toLowerCase() === name.toLowerCase()) ?? name));
    }
    return real;
  };
  const withId = <T extends Stats | BigIntStats>(stats: T, path: PathLike, options?: { bigint?: boolean }): T => {
    if (typeof path !== 'string' || !path.startsWith(root)) return stats;
    const id = ids === 'none' ? 0n : ids[relative(root, path)];
    if (id === undefined) return stats;
    return Object.assign(Object.create(Object.getPrototypeOf(stats) as object) as T, stats, { ino: options?.bigint ? id : Number(id) });
  };
  type StatCall = (path: PathLike, options?: { bigint?: boolean }) => Promise<Stats | BigIntStats>;
  vi.mocked(fsp.stat).mockImplementation((async (path: PathLike, options?: { bigint?: boolean }) =>
    withId(await (actual.stat as StatCall)(stored(path), options), stored(path), options)) as typeof fsp.stat);
  vi.mocked(fsp.lstat).mockImplementation((async (path: PathLike, options?: { bigint?: boolean }) =>
    withId(await (actual.lstat as StatCall)(stored(path), options), stored(path), options)) as typeof fsp.lstat);
  vi.mocked(fsp.readdir).mockImplementation(((path: PathLike, options?: never) => actual.readdir(stored(path), options)) as typeof fsp.readdir);
  vi.mocked(fsp.realpath).mockImplementation(((path: PathLike, options?: never) => actual.realpath(stored(path), options)) as typeof fsp.realpath);
  vi.mocked(fsp.open).mockImplementation(((path: PathLike, ...rest: never[]) => actual.open(stored(path), ...rest)) as typeof fsp.open);
}

/** `photos/` with cups.jpg, tea.png, notes.txt and sub/r.jpg. */
async function photos(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, 'photos', 'sub'), { recursive: true });
  await copyFile(photo('coffee.jpg'), join(root, 'photos', 'cups.jpg'));
  await copyFile(photo('astronaut.jpg'), join(root, 'photos', 'tea.png'));
  await writeFile(join(root, 'photos', 'notes.txt'), 'notes');
  await copyFile(photo('rocket.jpg'), join(root, 'photos', 'sub', 'r.jpg'));
  return root;
}

describe('a pattern typed at a Windows prompt (cmd and PowerShell pass it on unexpanded)', () => {
  it('reads a backslash as a folder separator, with or without a drive letter or .\\', () => {
    expect(readPattern('photos\\*.jpg', 'win32')).toEqual({ base: 'photos', glob: '*.jpg', isGlob: true });
    expect(readPattern('photos\\**\\*.jpg', 'win32')).toEqual({ base: 'photos', glob: '**/*.jpg', isGlob: true });
    expect(readPattern('C:\\work\\photos\\*.jpg', 'win32')).toEqual({ base: 'C:/work/photos', glob: '*.jpg', isGlob: true });
    expect(readPattern('.\\photos\\*.jpg', 'win32')).toEqual({ base: 'photos', glob: '*.jpg', isGlob: true });
    expect(readPattern('\\\\server\\share\\team\\*.png', 'win32')).toEqual({ base: '//server/share/team', glob: '*.png', isGlob: true });
    for (const typed of ['photos\\*.jpg', 'C:\\work\\photos\\*.jpg', '.\\photos\\*.jpg']) expect(isGlob(typed, 'win32')).toBe(true);
    expect(isGlob('C:\\work\\photos\\cups.jpg', 'win32')).toBe(false);
  });

  it('leaves a backslash an escape elsewhere, as the shells there read it', () => {
    expect(isGlob('photos\\*.jpg', 'linux')).toBe(false);
    expect(isGlob('photos\\*.jpg', 'darwin')).toBe(false);
    expect(readPattern('photos/*.jpg', 'linux')).toEqual({ base: 'photos', glob: '*.jpg', isGlob: true });
  });

  it('finds the photos behind photos\\*.jpg, .\\photos\\*.JPG and photos\\**\\*.jpg', async () => {
    const root = await photos();
    const found = async (...args: string[]) => {
      const { files, missing } = await collectInputs(args, { cwd: root, platform: 'win32' });
      return { inputs: files.map((f) => f.relative), missing };
    };
    expect(await found('photos\\*.jpg')).toEqual({ inputs: ['cups.jpg'], missing: [] });
    expect(await found('.\\photos\\*.JPG')).toEqual({ inputs: ['cups.jpg'], missing: [] });
    expect(await found('photos\\**\\*.jpg')).toEqual({ inputs: ['cups.jpg', join('sub', 'r.jpg')], missing: [] });
    expect(await found(`${root}\\photos\\*.png`.replaceAll('/', '\\'))).toEqual({ inputs: ['tea.png'], missing: [] });
    // Folders and files typed with backslashes, not only patterns.
    expect(await found('photos\\sub\\', 'photos\\cups.jpg')).toEqual({ inputs: ['r.jpg', 'cups.jpg'], missing: [] });
    // A pattern that matches nothing still names the argument as typed.
    expect(await found('photos\\*.gif')).toEqual({ inputs: [], missing: [{ path: 'photos\\*.gif', reason: 'the pattern matches no file; check the pattern' }] });
  });

  it('still takes a backslash in a name on Linux as part of the name', async (ctx) => {
    if (process.platform === 'win32') ctx.skip('a backslash cannot be part of a name on Windows');
    const root = await photos();
    await copyFile(photo('coffee.jpg'), join(root, 'photos\\cups.jpg'));
    const { files, missing } = await collectInputs(['photos\\cups.jpg', 'photos\\*.jpg'], { cwd: root, platform: 'linux' });
    expect(files.map((f) => f.path)).toEqual(['photos\\cups.jpg']);
    expect(missing).toEqual([{ path: 'photos\\*.jpg', reason: 'no such file or folder; check the path' }]);
  });
});

describe('a link to a folder above the input is refused on every system', () => {
  it('compares Windows paths by their separator and without case', () => {
    expect(holdsFolder('C:\\Users\\Ali', 'c:\\users\\ali\\Pictures', win32)).toBe(true);
    expect(holdsFolder('C:\\', 'C:\\work\\photos', win32)).toBe(true);
    expect(holdsFolder('\\\\server\\share', '\\\\server\\share\\team', win32)).toBe(true);
    expect(holdsFolder('C:\\work\\photo', 'C:\\work\\photos', win32)).toBe(false);
    expect(holdsFolder('D:\\', 'C:\\work\\photos', win32)).toBe(false);
    expect(holdsFolder('C:\\work\\photos', 'C:\\work\\photos', win32)).toBe(false);
    expect(holdsFolder('C:\\work\\photos\\sub', 'C:\\work\\photos', win32)).toBe(false);
  });

  it('compares POSIX paths as before', () => {
    expect(holdsFolder('/', '/home/ali/photos', posix)).toBe(true);
    expect(holdsFolder('/home/ali', '/home/ali/photos', posix)).toBe(true);
    expect(holdsFolder('/home/al', '/home/ali/photos', posix)).toBe(false);
    expect(holdsFolder('/home/ali/photos', '/home/ali/photos', posix)).toBe(false);
  });

  it('leaves a link to a folder holding the input unfollowed in a walk', async (ctx) => {
    const root = await photos();
    try {
      await symlink(root, join(root, 'photos', 'up'), 'dir');
    } catch {
      ctx.skip('symbolic links to folders cannot be made here');
    }
    const { files, ignored } = await collectInputs(['photos'], { cwd: root });
    expect(files.map((f) => f.relative)).toEqual(['cups.jpg', 'notes.txt', join('sub', 'r.jpg'), 'tea.png']);
    expect(ignored).toEqual([{ path: join('photos', 'up'), reason: `a link to ${await realpath(root)}, which holds the input folder; not followed` }]);
  });
});

describe('file ids as Windows gives them', () => {
  /** team/ali/photo.jpg, team/sara/photo.jpg, team/more/x.jpg and an empty out/. */
  async function team(): Promise<string> {
    const root = await tempDir();
    for (const folder of ['ali', 'sara', 'more']) await mkdir(join(root, 'team', folder), { recursive: true });
    await mkdir(join(root, 'out'));
    await copyFile(photo('astronaut.jpg'), join(root, 'team', 'ali', 'photo.jpg'));
    await copyFile(photo('coffee.jpg'), join(root, 'team', 'sara', 'photo.jpg'));
    await copyFile(photo('rocket.jpg'), join(root, 'team', 'more', 'x.jpg'));
    return root;
  }
  const all = [join('team', 'ali', 'photo.jpg'), join('team', 'more', 'x.jpg'), join('team', 'sara', 'photo.jpg')];

  it('keeps apart folders whose ids differ only above 2^53, as NTFS ids do', async () => {
    const root = await team();
    // As Numbers, ali's and sara's ids are one (9007199254740992), and so are more's and out's.
    asWindowsVolume(root, {
      [join('team', 'ali')]: 2n ** 53n, [join('team', 'sara')]: 2n ** 53n + 1n,
      [join('team', 'more')]: 2n ** 53n + 3n, out: 2n ** 53n + 4n,
    });
    // Through the command: both photos are planned.
    const run = await runInProcess([join('team', 'ali'), join('team', 'sara'), '-o', 'out', '--dry-run', '--json'], { cwd: root });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.toString()).files.map((f: { input: string }) => f.input)).toEqual([join('team', 'ali', 'photo.jpg'), join('team', 'sara', 'photo.jpg')]);
    const named = await collectInputs([join('team', 'ali'), join('team', 'sara')], { cwd: root });
    expect(named.files.map((f) => f.path)).toEqual([join('team', 'ali', 'photo.jpg'), join('team', 'sara', 'photo.jpg')]);
    const walked = await collectInputs(['team'], { cwd: root, exclude: ['out'] });
    expect(walked.files.map((f) => f.path)).toEqual(all);
    expect(walked.leftOut).toEqual([]);
  });

  it('walks every folder of a volume that gives no file ids (ino 0)', async () => {
    const root = await team();
    asWindowsVolume(root, 'none');
    const walked = await collectInputs(['team', join('team', 'sara', 'photo.jpg')], { cwd: root, exclude: ['out'] });
    expect(walked.files.map((f) => f.path)).toEqual(all);
    expect(walked.leftOut).toEqual([]);
  });
});

describe('names on a case-insensitive file system (Windows, macOS, FAT sticks)', () => {
  it('lists a photo named in two cases once', async () => {
    const root = await photos();
    asWindowsVolume(root, {});
    // Through the command: one avatar, not the same one twice.
    const run = await runInProcess([join('photos', 'cups.jpg'), join('PHOTOS', 'CUPS.JPG'), '-o', 'out', '--size', '64', '--banner', 'none', '--json'], { cwd: root });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.toString()).files.map((f: { output: string }) => f.output)).toEqual([join('out', 'cups.jpg')]);
    const named = await collectInputs([join('photos', 'cups.jpg'), join('PHOTOS', 'CUPS.JPG')], { cwd: root });
    expect(named.files.map((f) => f.path)).toEqual([join('photos', 'cups.jpg')]);
    const walkedFirst = await collectInputs(['photos', join('PHOTOS', 'CUPS.JPG')], { cwd: root });
    expect(walkedFirst.files.map((f) => f.relative)).toEqual(['cups.jpg', 'notes.txt', join('sub', 'r.jpg'), 'tea.png']);
    // As typed at a Windows prompt, in the words.
    const typed = await collectInputs(['photos\\cups.jpg', 'PHOTOS\\CUPS.JPG', 'Photos\\Cups.Jpg'], { cwd: root, platform: 'win32' });
    expect(typed.files.map((f) => f.path)).toEqual([join('photos', 'cups.jpg')]);
  });

  it('keeps two photos whose names differ only in case where case matters', async (ctx) => {
    const root = await photos();
    try {
      await copyFile(photo('astronaut.jpg'), join(root, 'photos', 'CUPS.JPG'));
    } catch {
      ctx.skip('this file system does not tell CUPS.JPG from cups.jpg');
    }
    if ((await actual.readdir(join(root, 'photos'))).length < 5) ctx.skip('this file system does not tell CUPS.JPG from cups.jpg');
    const { files } = await collectInputs([join('photos', 'cups.jpg'), join('photos', 'CUPS.JPG')], { cwd: root });
    expect(files.map((f) => f.path)).toEqual([join('photos', 'cups.jpg'), join('photos', 'CUPS.JPG')]);
  });
});
