import { lstat, rmdir } from 'node:fs/promises';
import { dirname, parse, sep } from 'node:path';
import { RedframeError } from '../core/errors.js';
import { readPhoto } from './input.js';
import type { AvatarRenderer, RenderedAvatar } from './render.js';
import { describeFileError } from '../files/errno.js';
import { nameRefusedBy } from '../files/file-names.js';
import { isSameFile, makeFolders, writeAtomic, writeAtomicSet } from '../files/write-atomic.js';

/** Where one rendered photo goes, and whether an existing file there may be replaced. */
export interface OutputTarget {
  /** Absolute path of the output file. */
  path: string;
  /** The path as the user wrote or sees it, for messages. */
  shown: string;
  overwrite: boolean;
}

/**
 * The checks every output gets before anything is rendered or written: it is never one of the
 * inputs (whatever the spelling: same device and inode), never a folder, device or pipe, and an
 * existing file is kept unless `overwrite`. Throws `OUTPUT_IS_INPUT`, `OUTPUT_EXISTS` or
 * `OUTPUT_UNWRITABLE`.
 *
 * @example await checkOutput({ path: '/home/ali/avatar.jpg', shown: 'avatar.jpg', overwrite: false }, ['/home/ali/photo.jpg']);
 */
export async function checkOutput(target: OutputTarget, inputs: Iterable<string | Buffer>): Promise<void> {
  const existing = await lstat(target.path).catch(() => undefined);
  for (const input of inputs) {
    if ((typeof input === 'string' && input === target.path) || (existing && (await isSameFile(input, target.path)))) {
      throw new RedframeError('OUTPUT_IS_INPUT', 'the output would replace the input photo', target.shown);
    }
  }
  if (!existing) return;
  if (!target.overwrite) throw new RedframeError('OUTPUT_EXISTS', 'already exists', target.shown);
  if (existing.isDirectory()) throw new RedframeError('OUTPUT_UNWRITABLE', 'is a folder; give a file name', target.shown);
  // A device (/dev/full, /dev/sda), a pipe or a socket is never replaced by a file.
  if (!existing.isFile() && !existing.isSymbolicLink()) {
    throw new RedframeError('OUTPUT_UNWRITABLE', 'is not a regular file (a device, pipe or socket); give a file name', target.shown);
  }
}

// mkdir says EEXIST when a file holds the folder's name.
const IN_THE_WAY = { EEXIST: 'a file is in the way, so it cannot be a folder' };

/** Makes the output's folder and those missing above it; returns those it made, outermost first. */
async function makeOutputFolder(target: OutputTarget): Promise<string[]> {
  const folder = dirname(target.path);
  return makeFolders(folder).catch((error: unknown) => {
    // A folder name Windows refuses (-o "what?/a.jpg"): about that name, not a missing folder.
    const parts = folder.slice(parse(folder).root.length).split(sep);
    const why = nameRefusedBy(error, parts) ?? describeFileError(error, 'write', IN_THE_WAY);
    throw new RedframeError('OUTPUT_UNWRITABLE', `cannot make the output folder: ${why}`, dirname(target.shown), { cause: error });
  });
}

/**
 * Makes the output's folder (once per folder when `folders` is shared between calls) and writes
 * the bytes atomically: the output is either absent or whole.
 */
export async function writeOutput(target: OutputTarget, data: Uint8Array, folders?: Set<string>): Promise<void> {
  const folder = dirname(target.path);
  if (!folders?.has(folder)) {
    await makeOutputFolder(target);
    folders?.add(folder);
  }
  await writeAtomic(target.path, data, { overwrite: target.overwrite, shown: target.shown });
}

/** One output of a set, with its bytes. */
export interface OutputFile extends OutputTarget {
  data: Uint8Array;
}

/**
 * Writes the outputs of one command (covers, cards, a page and the images beside it) as one set:
 * all of them or none (see `writeAtomicSet`), in the order given, so the last can be the one that
 * points at the others. Folders it made for them are removed again when the set is not written.
 * `signal` stops it before the last file is in place; it then throws the signal's reason.
 *
 * @example await writeOutputs([{ path: '/home/ali/kit/post.jpg', shown: 'kit/post.jpg', overwrite: false, data }], { signal });
 */
export async function writeOutputs(files: readonly OutputFile[], { signal }: { signal?: AbortSignal | undefined } = {}): Promise<void> {
  signal?.throwIfAborted();
  const made: string[] = [];
  try {
    const byFolder = new Map(files.map((file) => [dirname(file.path), file]));
    for (const file of byFolder.values()) made.push(...(await makeOutputFolder(file)));
    await writeAtomicSet(files, { signal });
  } catch (error) {
    // Innermost first; a folder that is not empty (another run wrote there meanwhile) stays.
    for (const folder of made.reverse()) await rmdir(folder).catch(() => undefined);
    throw error;
  }
}

/** One photo to render: a path (as a string, or as bytes for names that are not UTF-8) or its bytes. */
export interface PhotoSource {
  /** A path for libvips to read, a path as raw bytes, or the photo's bytes. */
  source: string | Buffer | Uint8Array;
  /** True when `source` is a path given as bytes (a name that is not valid UTF-8). */
  pathBytes?: boolean;
  /** The name in messages. */
  name: string;
}

/**
 * The one render-and-write step of the one-photo command and of every file of a batch: check the
 * output, render, make the folder, write atomically.
 *
 * @example await renderToFile(renderer, { source: '/photos/ali.jpg', name: 'ali.jpg' }, { path: '/out/ali.jpg', shown: 'out/ali.jpg', overwrite: false });
 */
export async function renderToFile(renderer: AvatarRenderer, photo: PhotoSource, target: OutputTarget, folders?: Set<string>): Promise<RenderedAvatar> {
  const inputs = typeof photo.source === 'string' || photo.pathBytes ? [photo.source as string | Buffer] : [];
  await checkOutput(target, inputs);
  // libvips takes paths as text; a name that is not UTF-8 is read here, by its bytes.
  const source = photo.pathBytes ? await readPhoto(photo.source as Buffer, photo.name, renderer.limits.maxBytes) : photo.source;
  const rendered = await renderer.render(source, photo.name);
  await writeOutput(target, rendered.data, folders);
  return rendered;
}

