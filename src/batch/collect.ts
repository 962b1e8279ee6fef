import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { describeFileError } from '../files/errno.js';
import { TEMP_PREFIX } from '../files/write-atomic.js';
import { PHOTO_EXTENSIONS } from '../formats.js';

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
}

/** An argument that did not lead to any file. */
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

/**
 * Lists the files behind command-line arguments: files as given, folders walked recursively
 * (symbolic links followed, each folder entered once, so link loops end), globs expanded by the
 * tool itself. Only names are read here; no file is opened, so planning a large tree is quick.
 *
 * @example const { files } = await collectInputs(['photos/', 'extra.jpg']);
 */
export async function collectInputs(args: string[], options: CollectOptions = {}): Promise<{ files: FoundFile[]; missing: MissingInput[] }> {
  const cwd = options.cwd ?? process.cwd();
  const maxDepth = options.maxDepth ?? Infinity;
  const excluded = new Set<string>();
  for (const folder of options.exclude ?? []) {
    const id = await identity(resolve(cwd, folder));
    if (id) excluded.add(id);
  }
  const visited = new Set<string>(); // folders entered, by device and inode
  const files: FoundFile[] = [];
  const missing: MissingInput[] = [];
  // Linked folders are entered after every real folder, so a folder reached both ways is
  // mirrored under its real name, not under the link's.
  const linkedFolders: { path: string; prefix: string; depth: number; keep: ((relative: string) => boolean) | undefined }[] = [];

  const walk = async (folder: string, prefix: string, depth: number, keep?: (relative: string) => boolean): Promise<void> => {
    const id = await identity(resolve(cwd, folder));
    if (!id || visited.has(id) || excluded.has(id)) return;
    visited.add(id);
    let entries;
    try {
      entries = await readdir(resolve(cwd, folder), { withFileTypes: true });
    } catch (error) {
      missing.push({ path: folder, reason: `cannot read the folder: ${describeFileError(error, 'read')}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(TEMP_PREFIX)) continue;
      const path = join(folder, entry.name);
      const below = prefix ? join(prefix, entry.name) : entry.name;
      const isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Followed once: the target's identity goes into `visited`, so a loop stops there.
        const target = await stat(resolve(cwd, path)).catch(() => undefined);
        if (!target) {
          missing.push({ path, reason: 'broken symbolic link' });
          continue;
        }
        if (target.isDirectory()) {
          if (depth < maxDepth) linkedFolders.push({ path, prefix: below, depth: depth + 1, keep });
          continue;
        }
        isFile = target.isFile();
      }
      if (isDirectory) {
        if (depth < maxDepth) await walk(path, below, depth + 1, keep);
      } else if (isFile && (!keep || keep(below))) {
        files.push({ path, relative: below, kind: nameKind(entry.name) });
      }
    }
  };

  for (const arg of args) {
    const info = await stat(resolve(cwd, arg)).catch(() => undefined);
    if (info?.isDirectory()) {
      await walk(arg, '', 0);
    } else if (info?.isFile()) {
      files.push({ path: arg, relative: basename(arg), kind: nameKind(basename(arg)) });
    } else if (!info && isGlob(arg)) {
      // The same walk as for a folder (links followed once, output folder left out), from the
      // pattern's fixed part, keeping what the pattern matches.
      const picomatch = loadPicomatch();
      const { base, glob } = picomatch.scan(arg);
      const matches = picomatch(glob, { windows: false });
      const before = files.length;
      await walk(base || '.', '', 0, (path) => matches(path.split(sep).join('/')));
      if (files.length === before) missing.push({ path: arg, reason: 'the pattern matches no file' });
    } else {
      const exists = await lstat(resolve(cwd, arg)).catch(() => undefined);
      missing.push({ path: arg, reason: exists ? 'broken symbolic link or not a regular file' : 'no such file or folder' });
    }
  }
  while (linkedFolders.length > 0) {
    const link = linkedFolders.shift()!;
    await walk(link.path, link.prefix, link.depth, link.keep);
  }
  return { files, missing };
}

/** True when an argument is a pattern for redframe to expand (quoted, so the shell did not). */
export function isGlob(arg: string): boolean {
  return /[*?[\]{}()!+@]/.test(arg) && loadPicomatch().scan(arg).isGlob;
}

async function identity(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

