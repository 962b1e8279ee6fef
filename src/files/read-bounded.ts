import { constants, type PathLike, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { RedframeError, type ErrorCode } from '../core/errors.js';
import { describeFileError } from './errno.js';

/**
 * How a bounded read refuses a file: the error code for each kind of refusal and the name of the
 * limit in a "too large" message.
 */
export interface ReadLimit {
  /** Refuse files (or streams) longer than this many bytes. */
  maxBytes: number;
  /** Code for a file that cannot be read, is not a regular file, or changed while read. */
  code: ErrorCode;
  /** Code for a file over `maxBytes` (default: `code`). */
  tooLargeCode?: ErrorCode;
  /** The limit's name in the "too large" message: the API parameter (`maxBytes`) or a phrase. */
  limitName: string;
  /**
   * Checks the first bytes before the rest is read (throws to refuse), so a file of the wrong kind
   * costs one small read whatever its size: a 2 GB video named `.jpg` is refused at its header.
   */
  checkHead?: (head: Buffer) => void;
  /** How many first bytes `checkHead` needs. Default 512. */
  headBytes?: number;
  /** Words for chosen errno codes (see `describeFileError`). */
  wording?: Record<string, string>;
  /** Makes the message of a failed open or read from its reason. Default: the reason alone. */
  unreadable?: (reason: string) => string;
  /** Makes the message for a file that is not a regular file, from what it is ("a named pipe (FIFO)"). */
  notRegular?: (what: string) => string;
  /** Where the bytes are read to: a buffer of exactly this many bytes. Default: a new one. */
  allocate?: (bytes: number) => Buffer;
}

const DEFAULT_HEAD_BYTES = 512;

/** What a file that is not a regular file is, in words. */
function describeFileType(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a whole regular file into memory, within a byte limit, refusing anything else before it
 * is opened: FIFOs, devices and sockets could block a thread for ever or never end. The file is
 * opened non-blocking and checked again once open, so a FIFO swapped in after the first check
 * cannot block either. The first bytes are checked before the rest is read. A file that changes
 * while it is read (cut short, grown, rewritten) is refused rather than half-read.
 *
 * Reading into memory is also what keeps a batch alive when a photo changes under it: libvips
 * maps files into memory, and a mapped file cut short kills the whole process with SIGBUS.
 *
 * @example const bytes = await readBounded('me.jpg', { maxBytes: 256 * 2 ** 20, code: 'IO_ERROR', limitName: 'maxBytes' });
 */
export async function readBounded(path: PathLike, limit: ReadLimit, shownAs: string = String(path)): Promise<Buffer> {
  const refuse = (reason: string) => new RedframeError(limit.code, reason, shownAs);
  const unreadable = (error: unknown) => {
    const reason = describeFileError(error, 'read', limit.wording);
    return new RedframeError(limit.code, limit.unreadable ? limit.unreadable(reason) : reason, shownAs, { cause: error });
  };
  const notRegular = (info: Stats) => refuse(limit.notRegular ? limit.notRegular(describeFileType(info)) : `is ${describeFileType(info)}, not a regular file; give a file`);
  let before: Stats;
  try {
    before = await stat(path);
  } catch (error) {
    throw unreadable(error);
  }
  if (!before.isFile()) throw notRegular(before);
  if (before.size > limit.maxBytes) throw tooLarge(before.size, limit, shownAs);
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, for ever.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw unreadable(error);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw notRegular(opened);
    if (opened.ino !== before.ino || opened.dev !== before.dev) throw changed(shownAs, limit);
    if (opened.size > limit.maxBytes) throw tooLarge(opened.size, limit, shownAs);
    const size = opened.size;
    // One byte more than the size: if it arrives, the file grew while it was read.
    const bytes = limit.allocate ? limit.allocate(size + 1) : Buffer.allocUnsafe(size + 1);
    let filled = 0;
    const headBytes = Math.min(limit.headBytes ?? DEFAULT_HEAD_BYTES, size);
    const readInto = async (end: number) => {
      while (filled < end) {
        const { bytesRead } = await handle.read(bytes, filled, end - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
    };
    try {
      if (limit.checkHead) {
        await readInto(headBytes);
        limit.checkHead(bytes.subarray(0, filled));
      }
      await readInto(size + 1);
    } catch (error) {
      if (error instanceof RedframeError) throw error;
      throw unreadable(error);
    }
    const after = await handle.stat();
    if (filled !== size || after.size !== size || after.mtimeMs !== opened.mtimeMs) throw changed(shownAs, limit);
    return bytes.subarray(0, size);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Reads a stream (standard input) within a byte limit: it stops reading, and the stream is
 * left, as soon as the limit is passed or the first bytes fail `checkHead`, so
 * `cat /dev/urandom | redframe -` is refused at once instead of filling the memory.
 */
export async function readStreamBounded(stream: Readable, limit: ReadLimit, shownAs: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  let headChecked = !limit.checkHead;
  const headBytes = limit.headBytes ?? DEFAULT_HEAD_BYTES;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      chunks.push(buffer);
      length += buffer.length;
      if (length > limit.maxBytes) throw tooLarge(undefined, limit, shownAs);
      if (!headChecked && length >= headBytes) {
        headChecked = true;
        limit.checkHead!(Buffer.concat(chunks).subarray(0, headBytes));
      }
    }
  } finally {
    // Stop reading: a writer on the other side gets EPIPE instead of filling our memory.
    if (length > limit.maxBytes || !stream.readableEnded) stream.destroy();
  }
  const bytes = Buffer.concat(chunks);
  if (!headChecked) limit.checkHead!(bytes);
  return bytes;
}

function tooLarge(size: number | undefined, limit: ReadLimit, shownAs: string): RedframeError {
  const what = size === undefined ? 'is longer than' : `is ${size} bytes, more than`;
  return new RedframeError(limit.tooLargeCode ?? limit.code, `${what} ${limit.limitName} (${limit.maxBytes} bytes) allows`, shownAs);
}

function changed(shownAs: string, limit: ReadLimit): RedframeError {
  return new RedframeError(limit.code, 'the file changed while it was read (cut short, replaced or still being written); try again once nothing writes to it', shownAs);
}
