import { randomBytes } from 'node:crypto';
import { constants, readFileSync, readlinkSync, statSync, type PathLike } from 'node:fs';
import { link, lstat, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RedframeError } from '../core/errors.js';
import { describeFileError, errnoCode } from './errno.js';

/** Every temporary file starts with this, so a later run can find and remove leftovers. */
export const TEMP_PREFIX = '.redframe-tmp-';

/**
 * A temporary file older than this is a leftover whatever its name says: a live write keeps its
 * temporary file for the time of one write and one flush (milliseconds; seconds on a slow USB
 * stick), so an hour leaves room for slow disks and for clocks that differ across a network share.
 */
const STALE_TEMP_MILLISECONDS = 60 * 60 * 1000;

/** Temporary files of this process still on disk: removed on interrupt. */
const pending = new Set<string>();

/** Error codes that mean the output side is broken for every file, not just this one. */
const OUTPUT_FATAL = new Set(['ENOSPC', 'EROFS', 'EDQUOT', 'EACCES', 'EPERM']);

/**
 * `link()` fails with these where the file system has no hard links (FAT32, exFAT, many network
 * shares): the name is then claimed another way, never by a plain rename that could replace a file.
 */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

export function isOutputFatal(error: unknown): boolean {
  return error instanceof RedframeError && error.code === 'OUTPUT_UNWRITABLE';
}

/**
 * Who wrote a temporary file, as a fixed-length part of its name: this boot of this machine, the
 * PID namespace and the process. A PID alone means nothing outside its namespace (a container
 * sharing the folder sees other PIDs), so a PID is trusted only when the boot and the namespace
 * are ours; any other leftover is judged by its age.
 */
const OWNER = ownerTag();

function ownerTag(): string {
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0').slice(-digits);
  let boot = '0'.repeat(12);
  let namespace = '0'.repeat(8);
  try {
    boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').replace(/[^0-9a-f]/g, '').slice(0, 12).padEnd(12, '0');
    namespace = hex(Number(/\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1] ?? 0), 8);
  } catch {
    // Not Linux, or no /proc: owners stay unknown and leftovers are judged by age alone.
  }
  return `${boot}${namespace}`;
}

/**
 * A short name of fixed length (51 bytes) for a temporary file: it never depends on the output's
 * name, so a long Arabic or Chinese name near the 255-byte limit cannot make it too long.
 */
export function temporaryName(): string {
  return `${TEMP_PREFIX}${OWNER}-${process.pid.toString(16).padStart(8, '0')}-${randomBytes(4).toString('hex')}`;
}

const TEMP_NAME = /^\.redframe-tmp-([0-9a-f]{20})-([0-9a-f]{8})-[0-9a-f]{8}$/;

/**
 * Writes a file so that it is either absent or whole: a temporary file in the target folder,
 * flushed to disk, then renamed over (or, without `overwrite`, linked to) the final name. A crash
 * or Ctrl-C can leave only a temporary file with a known prefix, never a partial output.
 *
 * @example await writeAtomic('out/ali.jpg', jpegBytes, { overwrite: false });
 */
export async function writeAtomic(path: string, data: Uint8Array, { overwrite }: { overwrite: boolean }): Promise<void> {
  const temp = join(dirname(path), temporaryName());
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
      await placeWithoutReplacing(temp, path);
    }
  } catch (error) {
    // The cleanup's own failure must never hide the reason the write failed.
    await rm(temp, { force: true }).catch(() => undefined);
    throw writeError(error, path);
  } finally {
    pending.delete(temp);
  }
}

/**
 * Gives the whole temporary file its final name unless that name exists. link() fails if the name
 * exists, so there is no window in which another writer's file is replaced. Without hard links the
 * name is claimed by creating it exclusively (O_EXCL), then the whole file is renamed over that
 * empty claim: the only file that can be replaced is the one just claimed.
 */
async function placeWithoutReplacing(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    const code = errnoCode(error);
    if (!code || !NO_HARD_LINKS.has(code)) throw error;
    const claim = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    await claim.close();
    try {
      await rename(temp, path);
    } catch (renameError) {
      await unlink(path).catch(() => undefined); // the empty claim is ours: leave no empty output
      throw renameError;
    }
    return;
  }
  await unlink(temp);
}

function writeError(error: unknown, path: string): RedframeError {
  const code = errnoCode(error);
  if (code === 'EEXIST') return new RedframeError('OUTPUT_EXISTS', 'already exists', path);
  // ENOENT on creating a file in a folder that is there: a folder of the kernel's (/proc, /sys),
  // not a missing folder.
  const folderThere = code === 'ENOENT' && Boolean(statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory());
  const reason = `cannot write: ${folderThere ? 'this folder takes no new files (a system folder such as /proc?); choose another folder' : describeFileError(error, 'write')}`;
  if (code && (OUTPUT_FATAL.has(code) || code === 'ENOENT' || code === 'ENOTDIR')) {
    return new RedframeError('OUTPUT_UNWRITABLE', reason, path, { cause: error });
  }
  return new RedframeError('IO_ERROR', reason, path, { cause: error });
}

/** Removes this process's temporary files (on SIGINT/SIGTERM, before exiting). */
export async function removePendingTempFiles(): Promise<void> {
  await Promise.all([...pending].map((file) => rm(file, { force: true }).catch(() => undefined)));
  pending.clear();
}

/**
 * Removes temporary files left in `folder` by runs that were killed (below it too, unless
 * `recursive` is false). A file is a leftover when its writer, of this boot and PID namespace,
 * is no longer running, or, whoever wrote it, when it is older than `STALE_TEMP_MILLISECONDS`.
 * Files of live runs, here or in another container, are left alone.
 */
export async function removeStaleTempFiles(folder: string, { recursive = true }: { recursive?: boolean } = {}): Promise<number> {
  let removed = 0;
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive });
  } catch {
    return 0;
  }
  const now = Date.now();
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.startsWith(TEMP_PREFIX)) continue;
    const path = join(entry.parentPath ?? folder, entry.name);
    if (pending.has(path)) continue;
    if (!(await isStale(entry.name, path, now))) continue;
    if (await rm(path, { force: true }).then(() => true, () => false)) removed++;
  }
  return removed;
}

async function isStale(name: string, path: string, now: number): Promise<boolean> {
  const owner = TEMP_NAME.exec(name);
  if (owner && owner[1] === OWNER && !/^0+$/.test(OWNER)) {
    const pid = Number.parseInt(owner[2]!, 16);
    return pid === process.pid || !isRunning(pid); // our own files in flight are in `pending`
  }
  const info = await lstat(path).catch(() => undefined);
  return Boolean(info && now - info.mtimeMs > STALE_TEMP_MILLISECONDS);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

/** True when two paths are the same file (same device and inode), whatever their spelling. */
export async function isSameFile(a: PathLike, b: PathLike): Promise<boolean> {
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}
