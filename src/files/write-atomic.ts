import { randomBytes } from 'node:crypto';
import { constants, readFileSync, readlinkSync, statSync, type PathLike } from 'node:fs';
import { link, lstat, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RedframeError } from '../core/errors.js';
import { describeFileError, errnoCode, hostPlatform } from './errno.js';
import { nameRefused, nameRefusedBy, windowsNameProblem } from './file-names.js';

/** Every temporary file starts with this, so a later run can find and remove leftovers. */
export const TEMP_PREFIX = '.redframe-tmp-';

/**
 * A temporary file older than this is a leftover whatever its name says: a live write keeps its
 * temporary file for the time of one write and one flush (milliseconds; seconds on a slow USB
 * stick), so an hour leaves room for slow disks and for clocks that differ across a network share.
 */
const STALE_TEMP_MILLISECONDS = 60 * 60 * 1000;

/**
 * Temporary files of this process that are or may soon be on disk, each with the settling of its
 * open: a file whose open is still in flight is removed once it exists (removing it before would
 * find nothing, and the open would then make it).
 */
const pending = new Map<string, Promise<void>>();

/**
 * Files that an output of a set replaced, kept under a temporary name until the whole set is in
 * place, so that a set that fails puts them back. Never removed from outside their set: neither by
 * an interrupt (the set puts them back first) nor as leftovers of this process.
 */
const keptAside = new Set<string>();

/**
 * Sets of this process putting their files in place: an interrupt waits for them to finish or undo
 * themselves (no data is written then, only names changed, so it is quick). A single write needs
 * no wait: once its temporary file is removed, it can put nothing in place.
 */
const settingInPlace = new Set<Promise<unknown>>();

/** True once the process abandons its writes (a second Ctrl-C): no temporary file is made after. */
let abandoned = false;

/** Error codes that mean the output side is broken for every file, not just this one. */
const OUTPUT_FATAL = new Set(['ENOSPC', 'EROFS', 'EDQUOT', 'EACCES', 'EPERM']);

/**
 * `link()` fails with these where the file system has no hard links (FAT32, exFAT, many network
 * shares): the name is then claimed another way, never by a plain rename that could replace a file.
 */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/**
 * Codes a rename or link gives, in a folder that takes files (the temporary file was just made
 * there), when this one name is held: on Windows a file open in another program without delete
 * sharing (a viewer, an antivirus, an indexer) or marked read-only; elsewhere a file locked
 * (macOS), immutable, or another user's in a shared folder such as /tmp. They fail that file
 * alone, never the whole batch as a folder that takes no files does.
 */
const HELD = new Set(['EPERM', 'EACCES', 'EBUSY']);

/**
 * The waits before each new try of a rename that Windows refused because another program held a
 * file. Antivirus and indexers open a new file for milliseconds; a viewer holds it for as long as
 * it is open, so trying for longer (graceful-fs tries for a minute) would only delay its message.
 * Elsewhere those refusals are permanent and are not tried again.
 */
const RETRY_MILLISECONDS = [25, 50, 100, 200, 400];

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
 * or Ctrl-C can leave only a temporary file with a known prefix, never a partial output. `shown`
 * names the file in errors as the user wrote it (default: `path`).
 *
 * @example await writeAtomic('out/ali.jpg', jpegBytes, { overwrite: false });
 */
export async function writeAtomic(path: string, data: Uint8Array, { overwrite, shown = path }: { overwrite: boolean; shown?: string }): Promise<void> {
  let temp: string | undefined;
  try {
    temp = (await writeTemporary(path, data, shown)).temp;
    carryOn(shown);
    try {
      if (overwrite) {
        await renameHeld(temp, path);
      } else {
        await placeWithoutReplacing(temp, path, shown);
        await unlinkTemporary(temp);
      }
    } catch (error) {
      throw await placingError(error, path, shown, overwrite);
    }
  } catch (error) {
    // The cleanup's own failure must never hide the reason the write failed.
    if (temp) await rm(temp, { force: true }).catch(() => undefined);
    throw writeError(error, path, shown);
  } finally {
    if (temp) pending.delete(temp);
  }
}

/** One file of a set written by `writeAtomicSet`. */
export interface AtomicFile {
  /** Absolute path of the file. */
  path: string;
  data: Uint8Array;
  /** Whether a file already at `path` may be replaced. */
  overwrite: boolean;
  /** The path as the user wrote it, for errors. Default: `path`. */
  shown?: string;
}

/**
 * Writes several files as one set: all of them, or none. Every file is first written whole to a
 * temporary file beside it and flushed; only when all of them are on disk are they put in place,
 * in the order given (so the last can be the one that points at the others), each as
 * `writeAtomic` does. If anything fails, or `signal` aborts, before the last is in place, the
 * files this call placed are removed and the files they replaced are put back: the folders are as
 * they were. A replaced file is kept aside by a hard link until the set is whole; where the file
 * system has no hard links, a replaced file cannot be kept, and an output that replaced one stays.
 *
 * Throws what `writeAtomic` throws, naming the file that failed; on abort, the signal's reason.
 *
 * @example await writeAtomicSet([{ path: 'kit/post.jpg', data: post, overwrite: false }, { path: 'kit/story.jpg', data: story, overwrite: false }]);
 */
export async function writeAtomicSet(files: readonly AtomicFile[], { signal }: { signal?: AbortSignal | undefined } = {}): Promise<void> {
  const written: Written[] = [];
  try {
    for (const file of files) {
      signal?.throwIfAborted();
      const shown = file.shown ?? file.path;
      written.push({ file, ...(await writeTemporary(file.path, file.data, shown).catch((error: unknown) => { throw writeError(error, file.path, shown); })) });
    }
    await placing(() => placeSet(written, signal));
  } catch (error) {
    await Promise.all(written.map(({ temp }) => rm(temp, { force: true }).catch(() => undefined)));
    throw signal?.aborted ? signal.reason : error;
  } finally {
    for (const { temp } of written) pending.delete(temp);
  }
}

/** A file of a set on disk under its temporary name, and which file that is. */
interface Written {
  file: AtomicFile;
  temp: string;
  id: FileId;
}

/**
 * Puts the written files of a set in place, in order, or none: on a failure, an abort or an
 * abandon before the last is in place, takes back those it placed.
 */
async function placeSet(written: Written[], signal: AbortSignal | undefined): Promise<void> {
  const placed: Placed[] = [];
  for (const { file, temp, id } of written) {
    const shown = file.shown ?? file.path;
    try {
      // Checked before every file: once the last is in place the set is written, and a Ctrl-C
      // after that changes nothing.
      signal?.throwIfAborted();
      carryOn(shown);
      placed.push(await placeInSet(temp, file, id));
    } catch (error) {
      await undo(placed);
      throw writeError(await placingError(error, file.path, shown, file.overwrite), file.path, shown);
    }
  }
  // The set is whole: what was kept aside is let go (a failure here leaves a temporary file that a
  // later run removes, never a wrong output).
  await Promise.all(placed.map(({ aside }) => aside && rm(aside, { force: true }).catch(() => undefined).finally(() => keptAside.delete(aside))));
}

/** Device and inode: which file a name points at, whatever its spelling. */
interface FileId {
  dev: bigint;
  ino: bigint; // as bigint: Windows' file ids exceed 2^53
}

/** A file of a set put in place: its path, its identity, and the file it replaced, kept aside. */
interface Placed {
  path: string;
  id: FileId;
  /** Where the replaced file is kept until the set is whole. */
  aside?: string;
  /** It replaced a file that could not be kept aside (no hard links): it stays. */
  replaced?: boolean;
}

/**
 * Puts one temporary file of a set in place. A new name is taken without replacing anything; a
 * name that exists (with `overwrite`) first gets a second link under a temporary name, so the set
 * can put it back, and is then replaced by rename.
 */
async function placeInSet(temp: string, file: AtomicFile, id: FileId): Promise<Placed> {
  try {
    await placeWithoutReplacing(temp, file.path, file.shown ?? file.path);
    await unlinkTemporary(temp);
    return { path: file.path, id };
  } catch (error) {
    if (!file.overwrite || errnoCode(error) !== 'EEXIST') throw error;
  }
  const aside = join(dirname(file.path), temporaryName());
  keptAside.add(aside);
  const kept = await link(file.path, aside).then(() => true, async (error: unknown) => {
    keptAside.delete(aside);
    // Gone meanwhile: nothing to keep. No hard links here: it cannot be kept.
    if (errnoCode(error) === 'ENOENT' || (await hasNoHardLinks(error, aside))) return false;
    throw error;
  });
  try {
    // Checked again here: abandoning may have begun while the old file was kept aside, and its
    // removal of this temporary file may not have happened yet.
    carryOn(file.shown ?? file.path);
    await renameHeld(temp, file.path);
  } catch (error) {
    if (kept) await rm(aside, { force: true }).catch(() => undefined).finally(() => keptAside.delete(aside));
    throw error;
  }
  return kept ? { path: file.path, id, aside } : { path: file.path, id, replaced: true };
}

/** Takes back what a failed set placed, last first: removes its new files, puts back the replaced ones. */
async function undo(placed: Placed[]): Promise<void> {
  for (const { path, id, aside, replaced } of placed.reverse()) {
    if (aside) {
      // Over our file, in one step: the name never goes missing.
      await rename(aside, path).then(() => keptAside.delete(aside), () => undefined);
    } else if (!replaced) {
      // Only our own file: not one that another run put there since.
      const now = await lstat(path, { bigint: true }).catch(() => undefined);
      if (now && now.dev === id.dev && now.ino === id.ino) await unlink(path).catch(() => undefined);
    }
  }
}

/**
 * Writes `data` to a new temporary file beside `path` and flushes it. The temporary file is in
 * `pending` from the moment its open starts, so an interrupt removes it even if the open was still
 * in flight; once writes are abandoned, none is made.
 */
async function writeTemporary(path: string, data: Uint8Array, shown: string): Promise<{ temp: string; id: FileId }> {
  carryOn(shown);
  // The temporary name is always one Windows takes, so a name it refuses would fail only at the
  // end, after the whole write; and some (a trailing dot, CON.jpg) would not fail at all but
  // write another file than the one asked for.
  if (hostPlatform() === 'win32' && windowsNameProblem(basename(path))) {
    throw new RedframeError('IO_ERROR', `cannot write: ${nameRefused(basename(path))}`, shown);
  }
  const temp = join(dirname(path), temporaryName());
  const opening = open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  pending.set(temp, opening.then(() => undefined, () => undefined));
  let handle;
  try {
    handle = await opening;
  } catch (error) {
    pending.delete(temp); // never made
    throw error;
  }
  try {
    try {
      carryOn(shown);
      await handle.writeFile(data);
      await handle.sync();
      const { dev, ino } = await handle.stat({ bigint: true });
      return { temp, id: { dev, ino } };
    } finally {
      await handle.close();
    }
  } catch (error) {
    // Half a file on a full disk, or a write stopped: the cleanup's own failure must never hide why.
    await rm(temp, { force: true }).catch(() => undefined);
    pending.delete(temp);
    throw error;
  }
}

/** Stops a write once the process has abandoned its writes. */
function carryOn(shown: string): void {
  if (abandoned) throw new RedframeError('IO_ERROR', 'not written: the run was stopped', shown);
}

/** Removes a temporary file whose data is in place under its final name: gone already is fine. */
async function unlinkTemporary(temp: string): Promise<void> {
  await unlink(temp).catch((error: unknown) => {
    if (errnoCode(error) !== 'ENOENT') throw error;
  });
}

/** Runs the placing of a set, known to `abandonWrites` until it has ended (and undone itself). */
function placing<T>(work: () => Promise<T>): Promise<T> {
  const running = work();
  const settled = running.catch(() => undefined);
  settingInPlace.add(settled);
  void settled.finally(() => settingInPlace.delete(settled));
  return running;
}

/**
 * Gives the whole temporary file its final name unless that name exists. link() fails if the name
 * exists, so there is no window in which another writer's file is replaced. Without hard links the
 * name is claimed by creating it exclusively (O_EXCL), then the whole file is renamed over that
 * empty claim: the only file that can be replaced is the one just claimed. The temporary file is
 * left for the caller to remove (after a link it is a second name of the output).
 */
async function placeWithoutReplacing(temp: string, path: string, shown: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    if (!(await hasNoHardLinks(error, path))) throw error;
    const claim = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    await claim.close();
    try {
      carryOn(shown);
      await renameHeld(temp, path);
    } catch (renameError) {
      await unlink(path).catch(() => undefined); // the empty claim is ours: leave no empty output
      throw renameError;
    }
  }
}

/**
 * Whether `link()` to `newPath` failed because the file system has no hard links. Windows says
 * EISDIR on FAT32 and exFAT (libuv's word for ERROR_INVALID_FUNCTION): there it means a folder
 * is in the way only when one is.
 */
async function hasNoHardLinks(error: unknown, newPath: string): Promise<boolean> {
  const code = errnoCode(error);
  if (code && NO_HARD_LINKS.has(code)) return true;
  return code === 'EISDIR' && !(await lstat(newPath).catch(() => undefined))?.isDirectory();
}

/**
 * Renames, trying again for a moment on Windows while another program holds one of the files
 * (see `RETRY_MILLISECONDS`).
 */
async function renameHeld(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = errnoCode(error);
      const wait = RETRY_MILLISECONDS[attempt];
      if (abandoned || hostPlatform() !== 'win32' || !code || !HELD.has(code) || wait === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * The error of putting a whole temporary file under its final name. The temporary file was made
 * in that folder, so the folder takes files: a refusal now is about this one name, and fails this
 * file alone (`IO_ERROR`), with the reason that is true on this platform.
 */
async function placingError(error: unknown, path: string, shown: string, overwrite: boolean): Promise<unknown> {
  const code = errnoCode(error);
  if (!code || !HELD.has(code)) return error;
  // A FAT drive through FUSE (fusefat) says EPERM for a name Windows refuses.
  if (windowsNameProblem(basename(path))) return new RedframeError('IO_ERROR', `cannot write: ${nameRefused(basename(path))}`, shown, { cause: error });
  const windows = hostPlatform() === 'win32';
  const replacing = overwrite && Boolean((await lstat(path).catch(() => undefined))?.isFile());
  const reason = replacing
    ? windows
      ? 'cannot replace: it is open in another program, or read-only; close it and run again'
      : 'cannot replace: the file is locked, immutable, or another user\'s in a shared folder; unlock or remove it and run again'
    : windows
      ? 'cannot write: another program holds the file (an antivirus or a search indexer?); run again'
      : 'cannot write: permission denied for this name, though the folder takes files; choose another name';
  return new RedframeError('IO_ERROR', reason, shown, { cause: error });
}

function writeError(error: unknown, path: string, shown: string): unknown {
  if (error instanceof RedframeError) return error;
  const code = errnoCode(error);
  if (code === 'EEXIST') return new RedframeError('OUTPUT_EXISTS', 'already exists', shown);
  const refused = nameRefusedBy(error, [basename(path)]);
  if (refused) return new RedframeError('IO_ERROR', `cannot write: ${refused}`, shown, { cause: error });
  // ENOENT on creating a file in a folder that is there: a folder of the kernel's (/proc, /sys),
  // not a missing folder.
  const folderThere = code === 'ENOENT' && Boolean(statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory());
  const reason = `cannot write: ${folderThere ? 'this folder takes no new files (a system folder such as /proc?); choose another folder' : describeFileError(error, 'write')}`;
  if (code && (OUTPUT_FATAL.has(code) || code === 'ENOENT' || code === 'ENOTDIR')) {
    return new RedframeError('OUTPUT_UNWRITABLE', reason, shown, { cause: error });
  }
  return new RedframeError('IO_ERROR', reason, shown, { cause: error });
}

/**
 * Makes a folder and the folders missing above it, and returns those it made, outermost first (to
 * remove them again if what was to go in them is not written). One mkdir a level, not Node's
 * recursive mkdir: that one reports ENOENT, "no such file or directory", for a read-only file
 * system or a full disk (nodejs/node#47098, #42808), which read as "the folder does not exist".
 *
 * @example await makeFolders('/home/ali/kit/2016') // ['/home/ali/kit', '/home/ali/kit/2016'] when neither was there
 */
export async function makeFolders(folder: string): Promise<string[]> {
  const made: string[] = [];
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    const step = await mkdir(at).then(() => 'made' as const, (error: unknown) => error);
    if (step === 'made') {
      made.push(at);
      break;
    }
    if (errnoCode(step) === 'EEXIST' && (await stat(at).catch(() => undefined))?.isDirectory()) break; // there already (or just made by another run)
    if (errnoCode(step) !== 'ENOENT' || dirname(at) === at) throw step;
    missing.push(at);
  }
  for (const at of missing.reverse()) {
    await mkdir(at).catch(async (error: unknown) => {
      if (errnoCode(error) !== 'EEXIST' || !(await stat(at).catch(() => undefined))?.isDirectory()) throw error;
    });
    made.push(at);
  }
  return made;
}

/** Removes this process's temporary files, waiting for the opens still in flight, so none is left behind. */
export async function removePendingTempFiles(): Promise<void> {
  await Promise.all([...pending].map(async ([file, opened]) => {
    await opened;
    await rm(file, { force: true }).catch(() => undefined);
  }));
}

/**
 * Abandons every write of this process, for a process about to end by a signal: from now on no
 * temporary file is made and nothing more is put in place; the temporary files on disk (and those
 * whose open was in flight) are removed; sets that had placed some of their files take them back.
 * Resolves when all of that is done.
 */
export async function abandonWrites(): Promise<void> {
  abandoned = true;
  await Promise.all([removePendingTempFiles(), ...settingInPlace]);
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
    if (pending.has(path) || keptAside.has(path)) continue;
    if (!(await isStale(entry.name, path, now))) continue;
    if (await rm(path, { force: true }).then(() => true, () => false)) removed++;
  }
  return removed;
}

async function isStale(name: string, path: string, now: number): Promise<boolean> {
  const owner = TEMP_NAME.exec(name);
  if (owner && owner[1] === OWNER && !/^0+$/.test(OWNER)) {
    const pid = Number.parseInt(owner[2]!, 16);
    return pid === process.pid || !isRunning(pid); // our own files in flight are in `pending` or `keptAside`
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
    // As bigint: Windows' file ids exceed 2^53, and two files would be one as Numbers.
    const [sa, sb] = await Promise.all([stat(a, { bigint: true }), stat(b, { bigint: true })]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}
