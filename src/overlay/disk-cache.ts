import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { readBounded } from '../files/read-bounded.js';
import { writeAtomic } from '../files/write-atomic.js';
import type { ResolvedOptions } from '../options/resolve.js';
import { overlayCoverage, type OverlayCoverage } from '../portable/composite.js';
import { fontStackFiles } from '../text/font.js';
import { overlayCacheFolder, trackCacheWrite } from './cache-folder.js';
import { overlayKey, renderOverlay, type Overlay } from './overlay.js';

/**
 * The overlay kept on disk between runs. Building it (HarfBuzz and the fonts loaded, the banner
 * shaped, the SVG written and rasterised by librsvg) costs about 100 ms of CPU at the start of
 * every run, for the same pixels each time; read back from a file it costs about 5 ms. Its coverage
 * (where it is opaque and where partly transparent, see composite.ts) is kept with it: finding it
 * again is a scan of every pixel's alpha, on the first photo's way out (about 7 ms, 18 with the
 * compiler's work, of a cold process on 2 busy cores).
 *
 * A file holds one overlay, named by a hash of everything that shapes it: the look's options (the
 * same fields as the in-memory cache's key), each font file of the stack (path, size, change
 * times, inode), the code that drew it (this module's own file, which every build and every
 * install writes anew) and the versions of sharp and the libraries under it (librsvg draws).
 *
 * Never trusted without a check: the header must name this format and this exact key, the lengths
 * must be those of an overlay of this size, and the header's SHA-256 must be that of the format,
 * the key the options give (not the one the header says), the lengths and the payload (see
 * `contentHash`); anything else is ignored, built again and written over. With the key inside the
 * hash, a file copied or renamed to stand for another look is refused even with its header's key
 * rewritten, and so is one whose payload was edited and its hash made again over the bytes alone.
 *
 * Who may write here is the folder's check, not the hash's: the folder is used only when it is a
 * real folder (not a link to one), the user's own, and no one else can write to it; otherwise
 * overlays are built as without a cache. A keyed hash would add nothing: its secret would be kept
 * here too, readable by whoever can write the files, who could as well change redframe itself.
 *
 * Written atomically (temporary file, flush, rename: see writeAtomic), so no reader sees half a
 * file; at most `MAX_FILES` are kept. Pruning removes only regular files that begin with the
 * cache's header (of any version of the format), never a link or a file it did not write,
 * whatever its name.
 */
const FORMAT = 'redframe-overlay-cache 3';
/** How every version of the format begins: a file without it is not the cache's, whatever its name. */
const HEADER_START = Buffer.from('{"format":"redframe-overlay-cache ', 'utf8');
/** Overlays larger than this are not kept (a 2048 px overlay is 16 MB of RGBA). */
const MAX_PAYLOAD_BYTES = 20 * 1024 * 1024;
const MAX_HEADER_BYTES = 4096;
/** Files kept in the folder; the oldest beyond this are removed when one is written. */
const MAX_FILES = 16;
const SUFFIX = '.overlay';

interface Header {
  format: string;
  key: string;
  size: number;
  /** Byte lengths of the parts of the payload, in this order. */
  rgba: number;
  mask: number;
  /** The coverage's two lists, 32-bit numbers in this machine's byte order (part of the key). */
  opaque: number;
  partial: number;
  svg: number;
  /** In hex: see `contentHash`. */
  sha256: string;
}

/**
 * The overlay for these options: from the cache folder when one is in use (see cache-folder.ts)
 * and holds a good copy, else built (and then written there, without delaying the caller).
 */
export async function buildOverlay(options: ResolvedOptions): Promise<Overlay> {
  const folder = overlayCacheFolder();
  if (!folder) return renderOverlay(options);
  const { overlay, stored } = await overlayThroughDisk(options, folder);
  trackCacheWrite(stored);
  return overlay;
}

/**
 * The overlay for these options from `folder` when a good copy is there; else built, returned at
 * once, and written there for next time. `stored` says whether the folder holds it afterwards: a
 * cache that cannot be written is no error.
 *
 * @example const { overlay } = await overlayThroughDisk(resolveOptions({}), '/home/me/.cache/redframe');
 */
export async function overlayThroughDisk(options: ResolvedOptions, folder: string): Promise<{ overlay: Overlay; stored: Promise<boolean> }> {
  const key = await cacheKey(options);
  const state = await folderState(folder);
  // A font that cannot be looked at is left to the real build, which reports it properly.
  if (!key || state === 'refused') return { overlay: await renderOverlay(options), stored: Promise.resolve(false) };
  const file = join(folder, `${key.slice(0, 32)}${SUFFIX}`);
  const kept = state === 'ours' ? await readOverlay(file, key, options.size) : undefined;
  if (kept) return { overlay: kept, stored: Promise.resolve(true) };
  const overlay = await renderOverlay(options);
  const stored = writeOverlay(folder, file, key, overlay).then(() => true, () => false);
  return { overlay, stored };
}

/** The code that draws overlays, identified by this module's file: a rebuild or a new install writes it anew. */
let codeIdentity: Promise<string> | undefined;
function identifyCode(): Promise<string> {
  codeIdentity ??= stat(fileURLToPath(import.meta.url)).then((info) => `${info.size}:${info.mtimeMs}:${info.ino}`);
  return codeIdentity;
}

const BYTE_ORDER = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 'LE' : 'BE';

async function cacheKey(options: ResolvedOptions): Promise<string | undefined> {
  try {
    const fonts = await Promise.all(fontStackFiles(options.font).map(async (file) => {
      const info = await stat(file);
      return [file, info.size, info.mtimeMs, info.ctimeMs, info.ino];
    }));
    const material = JSON.stringify([FORMAT, overlayKey(options), fonts, await identifyCode(), sharp.versions, BYTE_ORDER]);
    return createHash('sha256').update(material).digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * Whether `folder` may hold the cache: `ours` when it is a folder, not a link, owned by this user
 * and writable by no one else (the rule ssh applies to ~/.ssh); `absent` when it cannot be looked at
 * (not made yet: making it tells the rest); else `refused`. A link is refused rather than followed:
 * pruning through it would remove files in a folder the cache never chose.
 */
async function folderState(folder: string): Promise<'ours' | 'absent' | 'refused'> {
  let info;
  try {
    info = await lstat(folder);
  } catch {
    return 'absent';
  }
  if (!info.isDirectory()) return 'refused'; // lstat: a link to a folder is a link
  const uid = process.getuid?.(); // none on Windows, whose modes say nothing of other users
  return uid === undefined || (info.uid === uid && (info.mode & 0o022) === 0) ? 'ours' : 'refused';
}

/** The first `bytes` of a regular file, never through a link and never waiting on a FIFO; undefined if it is none. */
async function readStart(file: string, bytes: number): Promise<{ start: Buffer; mtimeMs: number } | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return undefined;
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return { start: buffer.subarray(0, bytesRead), mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * What a cache file's header says its content hashes to: its format, the key the options give and
 * its parts' lengths, then its payload (the parts one after the other).
 */
function contentHash(key: string, header: Omit<Header, 'format' | 'key' | 'sha256'>, parts: readonly Uint8Array[]): string {
  const { size, rgba, mask, opaque, partial, svg } = header;
  const hash = createHash('sha256').update(JSON.stringify([FORMAT, key, size, rgba, mask, opaque, partial, svg]));
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

async function readOverlay(file: string, key: string, size: number): Promise<Overlay | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(file, { maxBytes: MAX_HEADER_BYTES + MAX_PAYLOAD_BYTES, code: 'IO_ERROR', limitName: 'the cache limit' });
  } catch {
    return undefined; // not there yet, or not a file we would read
  }
  const end = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(0x0a);
  if (end < 0) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  const payload = bytes.subarray(end + 1);
  const pixels = size * size;
  const lengths = [header.opaque, header.partial, header.svg];
  const good =
    header.format === FORMAT && header.key === key && header.size === size &&
    (header.rgba === 0 || header.rgba === pixels * 4) && (header.mask === 0 || header.mask === pixels) &&
    lengths.every((n) => Number.isSafeInteger(n) && n >= 0) && header.opaque % 8 === 0 && header.partial % 4 === 0 &&
    payload.length === header.rgba + header.mask + header.opaque + header.partial + header.svg &&
    contentHash(key, header, [payload]) === header.sha256;
  if (!good) return undefined;
  // The parts one after the other, as writeOverlay puts them.
  let at = 0;
  const part = (bytes: number) => payload.subarray(at, (at += bytes));
  const rgba = part(header.rgba);
  const mask = part(header.mask);
  const coverage = { opaque: numbers(part(header.opaque)), partial: numbers(part(header.partial)) };
  if (!wellFormed(coverage, pixels) || (!rgba.length && coverage.opaque.length + coverage.partial.length > 0)) return undefined;
  return {
    size,
    rgba: rgba.length ? rgba : undefined,
    mask: mask.length ? mask : undefined,
    svg: part(header.svg).toString('utf8'),
    coverage: rgba.length ? coverage : undefined,
  };
}

/** 32-bit numbers from bytes at any offset (a typed array over them would need one that is a multiple of 4). */
function numbers(bytes: Buffer): Uint32Array {
  const list = new Uint32Array(bytes.length / 4);
  new Uint8Array(list.buffer).set(bytes);
  return list;
}

/** The lists are in order and within the image, as a scan makes them: the pass can trust them. */
function wellFormed({ opaque, partial }: OverlayCoverage, pixels: number): boolean {
  for (let i = 0, last = -1; i < opaque.length; i += 2) {
    if (opaque[i]! <= last || opaque[i + 1]! <= opaque[i]! || opaque[i + 1]! > pixels) return false;
    last = opaque[i + 1]!;
  }
  for (let i = 0, last = -1; i < partial.length; last = partial[i++]!) {
    if (partial[i]! <= last || partial[i]! >= pixels) return false;
  }
  return true;
}

async function writeOverlay(folder: string, file: string, key: string, overlay: Overlay): Promise<void> {
  const tooLarge = (bytes: number) => {
    if (bytes > MAX_PAYLOAD_BYTES) throw new RangeError('too large to keep');
  };
  tooLarge((overlay.rgba?.length ?? 0) + (overlay.mask?.length ?? 0));
  // The cache is the user's own: made readable by them alone, like ~/.cache itself.
  await mkdir(folder, { recursive: true, mode: 0o700 });
  if ((await folderState(folder)) !== 'ours') throw new Error('not a folder of ours');
  // Found after the first wait (a photo is being read or decoded by then), and kept in memory for
  // the first pass too.
  const { opaque, partial } = overlayCoverage(overlay);
  const bytesOf = (list: Uint32Array) => Buffer.from(list.buffer, list.byteOffset, list.byteLength);
  const parts = [overlay.rgba ?? Buffer.alloc(0), overlay.mask ?? Buffer.alloc(0), bytesOf(opaque), bytesOf(partial), Buffer.from(overlay.svg, 'utf8')] as const;
  tooLarge(parts.reduce((n, p) => n + p.length, 0));
  const lengths = { size: overlay.size, rgba: parts[0].length, mask: parts[1].length, opaque: parts[2].length, partial: parts[3].length, svg: parts[4].length };
  // `format` first: HEADER_START is how pruning knows the file is the cache's.
  const header: Header = { format: FORMAT, key, ...lengths, sha256: contentHash(key, lengths, parts) };
  await writeAtomic(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), ...parts]), { overwrite: true });
  await keepNewest(folder);
}

/**
 * Removes all but the `MAX_FILES` most recently written of the cache's files: those that begin
 * with its header, of this format or an older one (an older redframe's files, which this one never
 * reads, count too, so they go as new ones come). Anything else named `*.overlay` is not the
 * cache's to remove.
 */
async function keepNewest(folder: string): Promise<void> {
  const names = (await readdir(folder)).filter((n) => n.endsWith(SUFFIX));
  if (names.length <= MAX_FILES) return;
  const ours: { n: string; t: number }[] = [];
  // One file open at a time: a folder of thousands of them must not run out of file handles.
  for (const n of names) {
    const read = await readStart(join(folder, n), HEADER_START.length);
    if (read?.start.equals(HEADER_START)) ours.push({ n, t: read.mtimeMs });
  }
  ours.sort((a, b) => b.t - a.t);
  await Promise.all(ours.slice(MAX_FILES).map(({ n }) => rm(join(folder, n), { force: true })));
}
