import type { BigIntStats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { describeFileError, errnoCode } from '../files/errno.js';
import { nameFromBytes, printable, type DecodedName } from '../files/file-names.js';
import { TEMP_PREFIX } from '../files/write-atomic.js';
import { PHOTO_EXTENSIONS } from '../core/formats.js';
import { isAvatarName } from '../portable/avatar-name.js';
import { MANIFEST_NAME, nameKey, readManifest, type Manifest } from './manifest.js';

// picomatch is loaded only when an argument looks like a pattern: most runs never need it.
const require = createRequire(import.meta.url);
const loadPicomatch = (): typeof import('picomatch') => require('picomatch');

/** A file found on the command line or below a folder given there. */
export interface FoundFile {
  /** Path as the user would recognise it (relative to the working folder when given so). */
  path: string;
  /** Path below its input root: the part mirrored into the output folder. */
  relative: string;
  /** How the name looks: an image name, a known other document, or unknown (decided by content). */
  kind: 'image-name' | 'other-name' | 'unknown-name';
  /**
   * The absolute path as bytes, when a name on it is not valid UTF-8: `path` and `relative` then
   * show the bad bytes as `\xHH`, and the file is opened by these bytes.
   */
  source?: Buffer;
}

/** An argument or a file of the walk that did not lead to a photo, with the reason. */
export interface MissingInput {
  path: string;
  reason: string;
}

export interface CollectOptions {
  /** How many folder levels below each input folder to enter. Default: all. */
  maxDepth?: number;
  /** Folders never walked as input (the output folder). */
  exclude?: string[];
  cwd?: string;
  /**
   * Whose rules the arguments are typed by. On `win32` a backslash is a folder separator, as cmd
   * and PowerShell hand `photos\*.jpg` over unexpanded; elsewhere it escapes the next character of
   * a pattern, or is part of a name. Default: the running system's.
   */
  platform?: NodeJS.Platform;
}

export interface CollectedInputs {
  files: FoundFile[];
  /** Arguments and walk entries that could not be read: each a failure, with its reason. */
  missing: MissingInput[];
  /** What the walk left out on purpose (links it does not follow, pipes, devices), with why. */
  ignored: MissingInput[];
  /**
   * Files and folders redframe wrote, which a walk leaves out so as not to turn them red again:
   * the output folder when it lies inside an input folder, files named as avatars are
   * (`NAME.redframe.jpg`), and files recorded in a folder's `.redframe.json`. Files named on the
   * command line are never left out.
   */
  leftOut: MissingInput[];
}

/** A folder's record of the outputs redframe wrote in it, as the walk carries it below that folder. */
interface Owner {
  manifest: Manifest;
  /** The folder's path below the walk's root ('' for the root itself). */
  prefix: string;
  /** The record file as shown in messages. */
  shown: string;
}

/** Names that are certainly not photos: skipped without opening them. */
const OTHER_EXTENSIONS = new Set([
  '.txt', '.md', '.pdf', '.doc', '.docx', '.odt', '.rtf', '.xls', '.xlsx', '.csv', '.ppt', '.pptx', '.json', '.xml', '.html',
  '.htm', '.svg', '.eps', '.ai', '.psd', '.mp4', '.mov', '.avi', '.mkv', '.webm', '.mp3', '.wav', '.m4a', '.ogg', '.zip',
  '.rar', '.7z', '.gz', '.tar', '.js', '.ts', '.css', '.ini', '.log', '.db', '.ds_store', '.lnk', '.url', '.exe',
]);

export function nameKind(name: string): FoundFile['kind'] {
  const extension = extname(name).toLowerCase();
  if (PHOTO_EXTENSIONS.has(extension)) return 'image-name';
  if (OTHER_EXTENSIONS.has(extension) || name.startsWith('.')) return 'other-name';
  return 'unknown-name';
}

/** Folders of the kernel's own file systems: never walked, whatever link leads there. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/** A folder or file as the walk holds it: a path for messages and a path for the file system. */
interface Place {
  /** As shown (bad bytes escaped), relative to the working folder when the argument was. */
  shown: string;
  /** For file-system calls: the absolute path, as bytes when a name on it is not UTF-8. */
  real: string | Buffer;
}

/**
 * Lists the files behind command-line arguments: files as given, folders walked recursively,
 * globs expanded by the tool itself. Only names are read here; no file is opened, so planning a
 * large tree is quick. Every entry the walk cannot read is reported in `missing` with its reason.
 *
 * Symbolic links to folders are followed once each (so link loops end) when they stay on the
 * input folder's file system and do not lead to a folder above the input (a link to `/` would
 * walk the whole machine); /proc, /sys and /dev are never entered. Links not followed are listed
 * in `ignored`. Names that are not valid UTF-8 are kept as bytes. Each argument is walked on its
 * own, in order; a file reached more than once (named twice, or by a folder and a pattern) is
 * listed once, as the first argument reached it. A pattern without `**` is walked only as deep
 * as it has folder levels. On Windows a backslash in an argument separates folders (`photos\*.jpg`).
 *
 * @example const { files } = await collectInputs(['photos/', 'extra.jpg']);
 */
export async function collectInputs(args: string[], options: CollectOptions = {}): Promise<CollectedInputs> {
  const cwd = options.cwd ?? process.cwd();
  const maxDepth = options.maxDepth ?? Infinity;
  const platform = options.platform ?? process.platform;
  const excluded = new Set<string>();
  for (const folder of options.exclude ?? []) {
    const absolute = resolve(cwd, folder);
    const info = await stat(absolute, BIG).catch(() => undefined);
    if (info) excluded.add(await identity(info, absolute));
  }
  const systemDevices = new Set<bigint>();
  for (const folder of SYSTEM_FOLDERS) {
    const info = await stat(folder, BIG).catch(() => undefined);
    if (info && info.dev !== (await stat('/', BIG).catch(() => undefined))?.dev) systemDevices.add(info.dev);
  }
  const files: FoundFile[] = [];
  const missing: MissingInput[] = [];
  const ignored: MissingInput[] = [];
  const leftOut: MissingInput[] = [];
  // Every file listed, by its folder's identity (device and file id) and its name as the folder
  // holds it: a file named twice (in any case, where case does not matter), or reached by two
  // arguments (a folder and a folder inside it), is listed once, as first reached.
  const listed = new Set<string>();
  const list = (folder: string, name: string, file: FoundFile) => {
    const key = `${folder}/${name}`;
    if (listed.has(key)) return;
    listed.add(key);
    files.push(file);
  };
  // Folders entered, by device and inode, within one argument: so link loops end. Each argument
  // has its own, so one argument's walk never hides a folder from the next.
  let visited = new Set<string>();
  // Linked folders are entered after every real folder of the argument, so a folder reached both
  // ways is mirrored under its real name, not under the link's.
  let linkedFolders: { place: Place; prefix: string; depth: number; root: Root; keep: ((relative: string) => boolean) | undefined; deepest: number; owners: Owner[] }[] = [];

  interface Root {
    dev: bigint;
    /** Real path of the input folder, to refuse links that lead above it. */
    realPath: string;
  }

  const walk = async (folder: Place, prefix: string, depth: number, root: Root, keep?: (relative: string) => boolean, deepest = maxDepth, owners: Owner[] = []): Promise<void> => {
    // The folder's stat and its listing fail the same way for the report: one reason, one entry.
    const unreadable = (error: unknown): undefined => {
      missing.push({ path: folder.shown, reason: `cannot read the folder: ${describeFileError(error, 'read')}` });
      return undefined;
    };
    const info = await stat(folder.real, BIG).catch(unreadable);
    if (!info) return;
    const id = await identity(info, folder.real);
    if (visited.has(id)) return;
    visited.add(id);
    if (excluded.has(id)) {
      leftOut.push({ path: `${folder.shown}${sep}`, reason: 'the output folder' });
      return;
    }
    if (systemDevices.has(info.dev)) {
      ignored.push({ path: folder.shown, reason: 'a folder of the system (/proc, /sys or /dev), never walked' });
      return;
    }
    const named = await readNames(folder.real).catch(unreadable);
    if (!named) return;
    named.sort((a, b) => (a.name.text < b.name.text ? -1 : a.name.text > b.name.text ? 1 : 0));
    // A record of redframe's outputs here holds for this folder and every folder below it.
    const record = typeof folder.real === 'string' && named.some(({ name }) => name.text === MANIFEST_NAME) ? await readManifest(folder.real) : undefined;
    if (record) owners = [{ manifest: record, prefix, shown: join(folder.shown, MANIFEST_NAME) }, ...owners];
    for (const { entry, name } of named) {
      // redframe's own files: temporary files of a write in flight, and the record itself.
      if (name.text.startsWith(TEMP_PREFIX) || name.text === MANIFEST_NAME) continue;
      const place = child(folder, name);
      const below = prefix ? join(prefix, name.text) : name.text;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let target;
        try {
          target = await stat(place.real, BIG);
        } catch (error) {
          const code = errnoCode(error);
          missing.push({ path: place.shown, reason: code === 'ENOENT' ? 'broken symbolic link' : describeFileError(error, 'read') });
          continue;
        }
        if (target.isDirectory()) {
          const refusal = await linkRefusal(place.real, target.dev, root);
          if (refusal) ignored.push({ path: place.shown, reason: refusal });
          else if (depth < deepest) linkedFolders.push({ place, prefix: below, depth: depth + 1, root, keep, deepest, owners });
          continue;
        }
        isDirectory = false;
        isFile = target.isFile();
        if (!isFile) {
          ignored.push({ path: place.shown, reason: 'not a regular file (a pipe, device or socket)' });
          continue;
        }
      } else if (!isDirectory && !isFile) {
        ignored.push({ path: place.shown, reason: 'not a regular file (a pipe, device or socket)' });
        continue;
      }
      if (isDirectory) {
        if (depth < deepest) await walk(place, below, depth + 1, root, keep, deepest, owners);
      } else if (!keep || keep(below)) {
        const ours = await madeByRedframe(name.text, below, place, owners);
        if (ours) {
          leftOut.push({ path: place.shown, reason: ours });
          continue;
        }
        list(id, name.exact ? name.text : `\0${(name.bytes ?? Buffer.from(name.text)).toString('hex')}`, {
          path: place.shown, relative: below, kind: nameKind(name.text), ...(typeof place.real === 'string' ? {} : { source: place.real }),
        });
      }
    }
  };

  const walkLinkedFolders = async () => {
    for (let link = linkedFolders.shift(); link; link = linkedFolders.shift()) {
      await walk(link.place, link.prefix, link.depth, link.root, link.keep, link.deepest, link.owners);
    }
  };

  const rootOf = async (folder: string): Promise<Root> => {
    const info = await stat(folder, BIG);
    return { dev: info.dev, realPath: await realpath(folder).catch(() => folder) };
  };
  // The names of the folders that file arguments are in, read once each (see nameInFolder).
  const listings = new Map<string, Promise<string[]>>();

  for (const arg of args) {
    visited = new Set<string>();
    linkedFolders = [];
    // The argument with the running system's separators: on Windows `photos/a.jpg` reads as
    // `photos\a.jpg`; told `win32` elsewhere (the tests), `photos\a.jpg` reads as `photos/a.jpg`.
    const spelled = platform === 'win32' ? arg.replace(/[\\/]/g, sep) : arg;
    const absolute = resolve(cwd, spelled);
    let info;
    let failure: unknown;
    try {
      info = await stat(absolute, BIG);
    } catch (error) {
      failure = error;
    }
    const code = errnoCode(failure);
    if (info?.isDirectory()) {
      await walk({ shown: spelled, real: absolute }, '', 0, await rootOf(absolute));
    } else if (info?.isFile()) {
      const file = info;
      const parent = dirname(absolute);
      const folder = await stat(parent, BIG).then((found) => identity(found, parent), () => identity(file, absolute));
      const name = await nameInFolder(parent, basename(absolute), file, folder, listings);
      list(folder, name, { path: spelled, relative: basename(spelled), kind: nameKind(basename(spelled)) });
    } else if (info) {
      missing.push({ path: arg, reason: 'not a regular file (a pipe, device or socket); give a photo or a folder' });
    } else if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      // It is there, or may be: say why it cannot be read rather than "no such file".
      missing.push({ path: arg, reason: describeFileError(failure, 'read') });
    } else if (isGlob(arg, platform)) {
      // The same walk as for a folder (links followed once, output folder left out), from the
      // pattern's fixed part, keeping what the pattern matches.
      const picomatch = loadPicomatch();
      const { base, glob } = readPattern(arg, platform);
      const shownBase = platform === 'win32' ? base.replaceAll('/', sep) : base;
      // Case is ignored, as photo names from cameras and phones come in both: *.jpg matches Photo.JPG.
      const matches = picomatch(glob, { windows: false, nocase: true });
      let matched = 0;
      const start = resolve(cwd, base || '.');
      const root = await rootOf(start).catch(() => ({ dev: -1n, realPath: start }));
      // Counted as matched even when listed already by an earlier argument: the pattern did match.
      const keep = (path: string) => {
        const hit = matches(path.split(sep).join('/'));
        if (hit) matched++;
        return hit;
      };
      const startInfo = await stat(start).catch(() => undefined);
      if (startInfo?.isDirectory()) {
        await walk({ shown: shownBase || '.', real: start }, '', 0, root, keep, Math.min(maxDepth, patternDepth(glob)));
        await walkLinkedFolders();
      }
      // A pattern below a folder that is not there matches nothing: said once, naming the folder.
      const where = startInfo?.isDirectory() ? '' : ` (there is no folder ${shownBase})`;
      if (matched === 0) missing.push({ path: arg, reason: `the pattern matches no file${where}; check the pattern` });
    } else {
      const exists = await lstat(absolute).catch(() => undefined);
      missing.push({ path: arg, reason: exists ? 'a broken symbolic link; check where it points' : 'no such file or folder; check the path' });
    }
    await walkLinkedFolders();
  }
  return { files, missing, ignored, leftOut };
}

/**
 * Why a file found by a walk is one redframe wrote, or undefined: its name is an avatar's, or the
 * record of a folder above it lists it with the size it has now (a file replaced since, by a
 * photo of the same name, is taken as a photo).
 */
async function madeByRedframe(name: string, below: string, place: Place, owners: Owner[]): Promise<string | undefined> {
  if (isAvatarName(name)) return 'an avatar redframe made (named as redframe names avatars, NAME.redframe.EXT)';
  for (const owner of owners) {
    const record = owner.manifest.get(nameKey(owner.prefix ? below.slice(owner.prefix.length + 1) : below));
    if (!record) continue;
    const size = (await stat(place.real).catch(() => undefined))?.size;
    if (size === record.bytes) return `an avatar redframe made (recorded in ${owner.shown})`;
  }
  return undefined;
}

/** Why a symbolic link to a folder is not followed, or undefined when it is. */
async function linkRefusal(link: string | Buffer, dev: bigint, root: { dev: bigint; realPath: string }): Promise<string | undefined> {
  const target = await realpath(link).catch(() => undefined);
  const text = typeof target === 'string' ? target : undefined;
  if (text && SYSTEM_FOLDERS.some((folder) => text === folder || text.startsWith(`${folder}/`))) {
    return `a link to ${text}, a folder of the system; not followed`;
  }
  if (text && holdsFolder(text, root.realPath)) {
    return `a link to ${text}, which holds the input folder; not followed`;
  }
  if (dev !== root.dev) return `a link to ${printable(text ?? 'a folder')} on another file system; not followed`;
  return undefined;
}

/** The place of a folder entry: a text path while every name is UTF-8, bytes from the first that is not. */
function child(folder: Place, name: DecodedName & { bytes?: Buffer }): Place {
  const shown = join(folder.shown, name.text);
  if (typeof folder.real === 'string' && name.exact) return { shown, real: join(folder.real, name.text) };
  const parent = typeof folder.real === 'string' ? Buffer.from(folder.real) : folder.real;
  return { shown, real: Buffer.concat([parent, Buffer.from(sep), name.bytes ?? Buffer.from(name.text)]) };
}

/**
 * A folder's entries with their names. Names are read as text, as almost every folder allows;
 * only a folder where one decodes to U+FFFD (a byte that is not UTF-8, or that very character)
 * is read again by bytes, so a large tree costs no more than a plain listing.
 */
async function readNames(folder: string | Buffer) {
  const entries = await readdir(folder, { withFileTypes: true });
  if (!entries.some((entry) => entry.name.includes('\uFFFD'))) {
    return entries.map((entry) => ({ entry, name: { text: entry.name, exact: true } as DecodedName & { bytes?: Buffer } }));
  }
  const raw = await readdir(folder, { withFileTypes: true, encoding: 'buffer' });
  return raw.map((entry) => ({ entry, name: { ...nameFromBytes(entry.name), bytes: entry.name } }));
}

/**
 * How many folder levels below its fixed part a pattern can reach: `*.jpg` none, `a/*.jpg` one,
 * any number with `**` (or braces and groups, which may hold a `/`).
 */
function patternDepth(glob: string): number {
  return /\*\*|[{}()]/.test(glob) ? Infinity : glob.split('/').length - 1;
}

/** True when an argument is a pattern for redframe to expand (quoted, so the shell did not). */
export function isGlob(arg: string, platform: NodeJS.Platform = process.platform): boolean {
  return /[*?[\]{}()!+@]/.test(arg) && readPattern(arg, platform).isGlob;
}

/**
 * Splits a pattern into its fixed folder (`base`, with `/` between names) and the part to match
 * below it (`glob`). On Windows a backslash is a folder separator, never an escape: cmd and
 * PowerShell pass `photos\*.jpg` and `C:\work\photos\*.jpg` on as typed, and picomatch would read
 * `\*` as a literal star. Elsewhere a backslash keeps picomatch's meaning.
 *
 * @example readPattern('C:\\work\\photos\\*.jpg', 'win32') // { base: 'C:/work/photos', glob: '*.jpg', isGlob: true }
 */
export function readPattern(arg: string, platform: NodeJS.Platform = process.platform): { base: string; glob: string; isGlob: boolean } {
  const { base, glob, isGlob } = loadPicomatch().scan(platform === 'win32' ? arg.replaceAll('\\', '/') : arg);
  return { base, glob, isGlob };
}

/**
 * True when the folder `outer` holds `inner` (strictly), compared by the path rules of the system:
 * its separator, its drive letters, and, on Windows, without regard to case. A link to such a
 * folder would walk the input again from above (a link to `/` or `C:\` the whole machine).
 *
 * @example holdsFolder('C:\\Users', 'c:\\users\\ali\\photos', path.win32) // true
 */
export function holdsFolder(outer: string, inner: string, path: typeof nodePath.posix = nodePath): boolean {
  const between = path.relative(outer, inner);
  return between !== '' && between !== '..' && !between.startsWith(`..${path.sep}`) && !path.isAbsolute(between);
}

/** Identity stats are read with 64-bit numbers: Windows file ids pass 2^53, where Numbers merge neighbours. */
const BIG = { bigint: true } as const;

/**
 * What tells a folder from every other: its device and file id. A file system that reports no
 * ids (ino 0 for every entry) would make every folder one; there the folder's real path stands in.
 */
async function identity(info: BigIntStats, real: string | Buffer): Promise<string> {
  if (info.ino !== 0n) return `${info.dev}:${info.ino}`;
  const path = await realpath(real).catch(() => real);
  return `${info.dev}:path:${typeof path === 'string' ? path : path.toString('hex')}`;
}

/**
 * The name the folder holds a file named on the command line by. On a case-insensitive file system
 * (Windows, macOS by default, FAT sticks) `PHOTOS\CUPS.JPG` opens `photos\cups.jpg`: taken by the
 * name as typed, the photo would be listed twice. Only when the name in another case opens the
 * same file is the folder read (once a run), to find the spelling the walk of that folder lists.
 */
async function nameInFolder(folder: string, name: string, file: BigIntStats, folderId: string, listings: Map<string, Promise<string[]>>): Promise<string> {
  const other = swapCase(name);
  if (other === name) return name;
  const found = await stat(join(folder, other), BIG).catch(() => undefined);
  // With no file id (ino 0) the other spelling opening a file is taken as a hint only: the
  // folder's listing decides.
  if (!found || found.dev !== file.dev || found.ino !== file.ino) return name;
  let listing = listings.get(folderId);
  if (!listing) listings.set(folderId, (listing = readdir(folder).catch(() => [])));
  const names = await listing;
  if (names.includes(name)) return name;
  const fold = (text: string) => text.normalize('NFC').toLowerCase();
  return names.find((entry) => fold(entry) === fold(name)) ?? name;
}

/** `Cups.JPG` -> `cUPS.jpg`: the same name in other letters wherever case can differ. */
function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}
