/**
 * `abandonWrites` (src/files/write-atomic.ts), what a second Ctrl-C runs before the process ends by
 * the signal: after it, no temporary file is on disk and nothing more is put in place, whatever the
 * writes in flight were doing. The moments are made with a gate in node:fs/promises, not found by
 * timing. Abandoning stops the writes of the whole process for good, so each test takes a fresh
 * copy of the module.
 */
import * as fsp from 'node:fs/promises';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { TEMP_PREFIX } from '../../src/files/write-atomic.js';
import { tempDir } from '../helpers.js';

vi.mock('node:fs/promises', { spy: true });
const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');

/** write-atomic.ts as a process that has not abandoned its writes yet. */
async function freshProcess() {
  vi.resetModules();
  return import('../../src/files/write-atomic.js');
}

/** A promise and the function that settles it. */
function later() {
  let done!: () => void;
  const promise = new Promise<void>((resolve) => (done = resolve));
  return { promise, done };
}

describe('abandonWrites', () => {
  it('removes a temporary file whose open was in flight, and lets that write place nothing', async () => {
    const { abandonWrites, writeAtomic } = await freshProcess();
    const dir = await tempDir();
    const openStarted = later();
    const gate = later();
    vi.mocked(fsp.open).mockImplementationOnce(async (...args) => {
      openStarted.done(); // the temporary name is known and its open is on its way
      await gate.promise;
      return actual.open(...args);
    });
    const write = writeAtomic(join(dir, 'a.jpg'), Buffer.from('avatar'), { overwrite: false });
    write.catch(() => undefined);
    await openStarted.promise;
    const abandoning = abandonWrites();
    gate.done(); // the open makes the file only now, after the removal began
    await abandoning;
    await expect(write).rejects.toMatchObject({ code: 'IO_ERROR', message: 'not written: the run was stopped' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('lets a set that had replaced some files put them back before it resolves', async () => {
    const { abandonWrites, writeAtomicSet } = await freshProcess();
    const dir = await tempDir();
    await writeFile(join(dir, 'post.jpg'), 'old post');
    await writeFile(join(dir, 'story.jpg'), 'old story');
    const placing = later();
    const gate = later();
    // post.jpg is replaced; story.jpg's turn waits at the gate.
    vi.mocked(fsp.link).mockImplementation(async (...args) => {
      if (basename(String(args[0])).startsWith(TEMP_PREFIX) && basename(String(args[1])) === 'story.jpg') {
        placing.done();
        await gate.promise;
      }
      return actual.link(...args);
    });
    const set = writeAtomicSet(['post.jpg', 'story.jpg'].map((name) => ({ path: join(dir, name), data: Buffer.from(`new ${name}`), overwrite: true })));
    set.catch(() => undefined);
    await Promise.race([placing.promise, set]);
    expect(await readFile(join(dir, 'post.jpg'), 'utf8')).toBe('new post.jpg');
    const abandoning = abandonWrites();
    gate.done();
    await abandoning;
    vi.mocked(fsp.link).mockReset();
    await expect(set).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['post.jpg', 'story.jpg']);
    expect(await readFile(join(dir, 'post.jpg'), 'utf8')).toBe('old post');
    expect(await readFile(join(dir, 'story.jpg'), 'utf8')).toBe('old story');
  });

  it('lets a set place nothing more, even while removing its temporary files is slow', async () => {
    const { abandonWrites, writeAtomicSet } = await freshProcess();
    const dir = await tempDir();
    await writeFile(join(dir, 'post.jpg'), 'old post');
    await writeFile(join(dir, 'story.jpg'), 'old story');
    const placing = later();
    const gate = later();
    // The set's next step on story.jpg after the abandon: it replaced it, or it let go of the copy
    // it kept aside to put back.
    const decided = later();
    let storyTemp: string | undefined;
    let storyAside: string | undefined;
    vi.mocked(fsp.link).mockImplementation(async (...args) => {
      if (basename(String(args[0])).startsWith(TEMP_PREFIX) && basename(String(args[1])) === 'story.jpg') {
        storyTemp = String(args[0]);
        placing.done();
        await gate.promise;
      }
      if (basename(String(args[0])) === 'story.jpg') storyAside = String(args[1]);
      return actual.link(...args);
    });
    vi.mocked(fsp.rename).mockImplementation(async (...args) => {
      await actual.rename(...args);
      if (basename(String(args[1])) === 'story.jpg') decided.done();
    });
    // Removing story.jpg's temporary file waits for that step: the set cannot count on it being gone.
    let slowed = false;
    vi.mocked(fsp.rm).mockImplementation(async (...args) => {
      if (String(args[0]) === storyAside) decided.done();
      if (String(args[0]) === storyTemp && !slowed) {
        slowed = true;
        await decided.promise;
      }
      return actual.rm(...args);
    });
    const set = writeAtomicSet(['post.jpg', 'story.jpg'].map((name) => ({ path: join(dir, name), data: Buffer.from(`new ${name}`), overwrite: true })));
    set.catch(() => undefined);
    await Promise.race([placing.promise, set]);
    const abandoning = abandonWrites();
    gate.done();
    await abandoning;
    for (const call of [fsp.link, fsp.rename, fsp.rm]) vi.mocked(call).mockReset();
    await expect(set).rejects.toMatchObject({ message: 'not written: the run was stopped' });
    expect((await readdir(dir)).sort()).toEqual(['post.jpg', 'story.jpg']);
    expect(await readFile(join(dir, 'post.jpg'), 'utf8')).toBe('old post');
    expect(await readFile(join(dir, 'story.jpg'), 'utf8')).toBe('old story');
  });

  it('refuses to make any temporary file afterwards', async () => {
    const { abandonWrites, writeAtomic, writeAtomicSet } = await freshProcess();
    await abandonWrites();
    const dir = await tempDir();
    await expect(writeAtomic(join(dir, 'b.jpg'), Buffer.from('avatar'), { overwrite: false })).rejects.toMatchObject({ message: 'not written: the run was stopped' });
    await expect(writeAtomicSet([{ path: join(dir, 'c.jpg'), data: Buffer.from('card'), overwrite: false }])).rejects.toMatchObject({ message: 'not written: the run was stopped' });
    expect(vi.mocked(fsp.open)).not.toHaveBeenCalledWith(expect.stringContaining(dir), expect.anything(), expect.anything());
    expect(await readdir(dir)).toEqual([]);
  });
});
