/**
 * How the walk (src/batch/collect.ts) reads Windows: file ids above 2^53, or none. Linux cannot
 * be Windows, so the Windows side is injected: a folder is shown to the walk as an NTFS volume
 * shows to Node (through node:fs/promises: the same names in any case, 64-bit file ids, or none).
 */
import type { BigIntStats, PathLike, Stats } from 'node:fs';
import { readdirSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectInputs } from '../../src/batch/collect.js';
import { photo, tempDir } from '../helpers.js';

vi.mock('node:fs/promises', { spy: true });
const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');

afterEach(() => {
  for (const call of [fsp.stat, fsp.lstat, fsp.readdir, fsp.realpath]) vi.mocked(call).mockReset();
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
}

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
