import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RedframeError } from '../errors.js';
import { describeFileError, errnoCode } from './errno.js';

/** Every temporary file starts with this, so a later run can find and remove leftovers. */
export const TEMP_PREFIX = '.redframe-tmp-';

/** Temporary files of this process still on disk: removed on interrupt. */
const pending = new Set<string>();

/** Error codes that mean the output side is broken for every file, not just this one. */
const OUTPUT_FATAL = new Set(['ENOSPC', 'EROFS', 'EDQUOT', 'EACCES', 'EPERM']);

export function isOutputFatal(error: unknown): boolean {
  return error instanceof RedframeError && error.code === 'OUTPUT_UNWRITABLE';
}

/**
 * Writes a file so that it is either absent or whole: a temporary file in the target folder,
 * flushed to disk, then renamed over (or, without `overwrite`, linked to) the final name. A crash
 * or Ctrl-C can leave only a temporary file with a known prefix, never a partial output.
 *
 * @example await writeAtomic('out/ali.jpg', jpegBytes, { overwrite: false });
 */
export async function writeAtomic(path: string, data: Uint8Array, { overwrite }: { overwrite: boolean }): Promise<void> {
  const temp = join(dirname(path), `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}-${basename(path)}`.slice(0, 240));
  pending.add(temp);
  try {
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (overwrite) {
      await rename(temp, path);
    } else {
      // link() fails if the name exists: no window in which another writer's file is replaced.
      await link(temp, path);
      await unlink(temp);
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw writeError(error, path);
  } finally {
    pending.delete(temp);
  }
}

function writeError(error: unknown, path: string): RedframeError {
  const code = errnoCode(error);
  if (code === 'EEXIST') return new RedframeError('OUTPUT_EXISTS', 'already exists; use --overwrite to replace it', path);
  const reason = `cannot write: ${describeFileError(error, 'write')}`;
  if (code && (OUTPUT_FATAL.has(code) || code === 'ENOENT' || code === 'ENOTDIR')) {
    return new RedframeError('OUTPUT_UNWRITABLE', reason, path, { cause: error });
  }
  return new RedframeError('IO_ERROR', reason, path, { cause: error });
}

/** Removes this process's temporary files (on SIGINT/SIGTERM, before exiting). */
export async function removePendingTempFiles(): Promise<void> {
  await Promise.all([...pending].map((file) => rm(file, { force: true })));
  pending.clear();
}

/**
 * Removes temporary files left in `folder` (recursively) by a run that was killed. Files of
 * processes still running are left alone.
 */
export async function removeStaleTempFiles(folder: string): Promise<number> {
  let removed = 0;
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(entry.name.slice(TEMP_PREFIX.length).split('-')[0]);
    if (pid && pid !== process.pid && isRunning(pid)) continue;
    if (pid === process.pid && pending.has(join(entry.parentPath, entry.name))) continue;
    await rm(join(entry.parentPath, entry.name), { force: true });
    removed++;
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when two paths are the same file (same device and inode), whatever their spelling. */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}
