import * as fsp from 'node:fs/promises';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeFolders, removeStaleTempFiles, temporaryName, writeAtomic, writeAtomicSet } from '../../src/files/write-atomic.js';
import { tempDir } from '../helpers.js';

vi.mock('node:fs/promises', { spy: true });

describe('writeAtomic', () => {
  it('uses short temporary names of one length, whatever the output is called', () => {
    const names = [temporaryName(), temporaryName()];
    expect(names[0]).not.toBe(names[1]);
    for (const name of names) expect(name).toMatch(/^\.redframe-tmp-[0-9a-f]{20}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it('writes a name of 255 bytes, the longest most file systems allow', async () => {
    const dir = await tempDir();
    const name = `${'ح'.repeat(125)}.webp`;
    await writeAtomic(join(dir, name), Buffer.from('avatar'), { overwrite: false });
    expect(await readdir(dir)).toEqual([name]);
  });

  it('reports why a write failed, never the error of its own cleanup', async () => {
    const dir = await tempDir();
    // A folder path past PATH_MAX: the temporary file cannot be made, nor removed.
    const far = join(dir, ...Array.from({ length: 20 }, () => 'f'.repeat(250)), 'a.jpg');
    await expect(writeAtomic(far, Buffer.from('x'), { overwrite: false })).rejects.toMatchObject({
      name: 'RedframeError', message: 'cannot write: the name or path is longer than the file system allows',
    });
  });

  it('never replaces an existing file without overwrite', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.jpg'), 'mine');
    await expect(writeAtomic(join(dir, 'a.jpg'), Buffer.from('new'), { overwrite: false })).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    expect(await readFile(join(dir, 'a.jpg'), 'utf8')).toBe('mine');
    expect(await readdir(dir)).toEqual(['a.jpg']);
  });
});

describe('removeStaleTempFiles', () => {
  it('removes files of dead runs here and old files of anyone; keeps young files it cannot judge', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'sub'));
    const dead = temporaryName().replace(/-[0-9a-f]{8}-([0-9a-f]{8})$/, '-00400001-$1'); // pid above pid_max
    const elsewhere = '.redframe-tmp-00000000000000000000-00000002-abcdef01'; // another machine or container
    const old = '.redframe-tmp-00000000000000000000-00000003-abcdef02';
    const alive = temporaryName().replace(/-[0-9a-f]{8}-([0-9a-f]{8})$/, `-${(1).toString(16).padStart(8, '0')}-$1`); // pid 1 runs
    for (const name of [dead, elsewhere, old, alive]) await writeFile(join(dir, 'sub', name), 'half');
    const lastWeek = new Date(Date.now() - 7 * 24 * 3600 * 1000);
    await utimes(join(dir, 'sub', old), lastWeek, lastWeek);
    expect(await removeStaleTempFiles(dir)).toBe(2);
    expect((await readdir(join(dir, 'sub'))).sort()).toEqual([elsewhere, alive].sort());
  });
});

describe('writeAtomicSet', () => {
  const file = (dir: string, name: string, text: string, overwrite = false) => ({ path: join(dir, name), data: Buffer.from(text), overwrite });

  it('writes every file of the set, and with overwrite replaces them', async () => {
    const dir = await tempDir();
    await writeAtomicSet([file(dir, 'post.jpg', 'post'), file(dir, 'story.jpg', 'story')]);
    await writeAtomicSet([file(dir, 'post.jpg', 'post 2', true), file(dir, 'story.jpg', 'story 2', true)]);
    expect(await readdir(dir)).toEqual(['post.jpg', 'story.jpg']);
    expect(await readFile(join(dir, 'story.jpg'), 'utf8')).toBe('story 2');
  });

  it('takes back the files it placed when a later name is taken, and keeps the file that took it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'story.jpg'), 'another run');
    const set = writeAtomicSet([file(dir, 'post.jpg', 'post'), file(dir, 'portrait.jpg', 'portrait'), file(dir, 'story.jpg', 'story')]);
    await expect(set).rejects.toMatchObject({ code: 'OUTPUT_EXISTS', file: join(dir, 'story.jpg') });
    expect(await readdir(dir)).toEqual(['story.jpg']);
    expect(await readFile(join(dir, 'story.jpg'), 'utf8')).toBe('another run');
  });

  it('puts back the files it replaced when a later one cannot be placed', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'post.jpg'), 'old post');
    await mkdir(join(dir, 'story.jpg')); // a folder: never replaced by a file
    const set = writeAtomicSet([file(dir, 'post.jpg', 'new post', true), { ...file(dir, 'story.jpg', 'new story', true), shown: 'kit/story.jpg' }]);
    await expect(set).rejects.toMatchObject({ file: 'kit/story.jpg', message: 'cannot write: is a folder; give a file name' });
    expect(await readFile(join(dir, 'post.jpg'), 'utf8')).toBe('old post');
    expect((await readdir(dir)).sort()).toEqual(['post.jpg', 'story.jpg']);
  });

  it('places nothing once the signal has aborted, and says so with its reason', async () => {
    const dir = await tempDir();
    const ctrlC = new AbortController();
    ctrlC.abort(new Error('Ctrl-C'));
    await expect(writeAtomicSet([file(dir, 'post.jpg', 'post')], { signal: ctrlC.signal })).rejects.toThrow('Ctrl-C');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('makeFolders', () => {
  it('makes the missing folders and says which, outermost first', async () => {
    const dir = await tempDir();
    expect(await makeFolders(join(dir, 'kit', '2016'))).toEqual([join(dir, 'kit'), join(dir, 'kit', '2016')]);
    expect(await makeFolders(join(dir, 'kit', '2016'))).toEqual([]);
    expect((await stat(join(dir, 'kit', '2016'))).isDirectory()).toBe(true);
  });

  it('keeps the kernel\'s reason when a level cannot be made', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'blocker'), '');
    await expect(makeFolders(join(dir, 'blocker', 'kit'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(makeFolders(join(dir, 'blocker'))).rejects.toMatchObject({ code: 'EEXIST' });
  });
});

describe('writeAtomic on a drive without hard links that Windows answers with EISDIR (FAT32, exFAT)', () => {
  afterEach(() => vi.mocked(fsp.link).mockReset());
  const eisdir = () => vi.mocked(fsp.link).mockImplementation(async () => {
    throw Object.assign(new Error('EISDIR: illegal operation on a directory, link'), { code: 'EISDIR', syscall: 'link' });
  });

  it('claims the name by an exclusive create and renames over the claim', async () => {
    const dir = await tempDir();
    eisdir();
    await writeAtomic(join(dir, 'a.jpg'), Buffer.from('avatar'), { overwrite: false });
    expect(await readdir(dir)).toEqual(['a.jpg']);
    expect(await readFile(join(dir, 'a.jpg'), 'utf8')).toBe('avatar');
    await expect(writeAtomic(join(dir, 'a.jpg'), Buffer.from('again'), { overwrite: false })).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    expect(await readFile(join(dir, 'a.jpg'), 'utf8')).toBe('avatar');
  });

  it('still says "is a folder" when a folder is at the name', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'a.jpg'));
    eisdir();
    await expect(writeAtomic(join(dir, 'a.jpg'), Buffer.from('avatar'), { overwrite: false })).rejects.toMatchObject({ message: 'cannot write: is a folder; give a file name' });
    expect(await readdir(dir)).toEqual(['a.jpg']);
    expect(await readdir(join(dir, 'a.jpg'))).toEqual([]);
  });
});
