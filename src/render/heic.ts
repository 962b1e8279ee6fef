import { Worker } from 'node:worker_threads';
import { RedframeError } from '../core/errors.js';
import { decodeTimeoutMessage, type Deadline } from './deadline.js';
import type { HeicJob, HeicReply } from './heic-worker.js';

/** Decoded pixels: 8-bit RGBA, row after row, no padding. */
export interface RgbaImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface HeicLimits {
  maxPixels: number;
  timeoutSeconds: number;
  /**
   * The job's deadline, when the decode is one stage of a render: the worker is stopped when it
   * passes, not a whole `timeoutSeconds` after the decode began (until then it would hold the
   * photo's bytes and the job's place).
   */
  deadline?: Deadline;
}

/**
 * The decoder thread's module, compiled beside this one (dist/render/), and named from one folder
 * up so that the command's bundle in dist/cli/ finds it too. The test runner runs the TypeScript
 * sources, where a thread cannot start from a `.ts` file: there the build in dist/ is used
 * (`npm test` builds first).
 */
const WORKER_FILE = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/render/heic-worker.js', import.meta.url)
  : new URL('../render/heic-worker.js', import.meta.url);

/**
 * Decodes a HEIC photo (HEVC-coded HEIF, the iPhone default) with libheif compiled to
 * WebAssembly (`libheif-js`), because the libvips that ships with sharp has no HEVC decoder.
 *
 * The decoder runs in a worker thread started for this one photo: the time limit can stop it
 * (WebAssembly cannot be interrupted from the same thread), a damaged file that aborts the
 * WebAssembly module cannot leave a broken decoder behind for the next photo, its memory goes
 * back when the worker ends, and several photos decode in parallel. libheif-js is loaded only
 * here, so photos in other formats never pay for it. The pixel limit is checked from the header
 * inside the worker, before any pixel is decoded.
 *
 * @example const { data, width, height } = await decodeHeic(bytes, 'IMG_0001.HEIC', limits);
 */
export async function decodeHeic(bytes: Uint8Array, file: string | undefined, limits: HeicLimits): Promise<RgbaImage> {
  const heicJob: HeicJob = { bytes, maxPixels: limits.maxPixels };
  const worker = new Worker(WORKER_FILE, {
    workerData: { heicJob },
    // Emscripten may print; none of it must reach our stdout (which can carry image data).
    stdout: true,
    stderr: true,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await new Promise<HeicReply>((resolve, reject) => {
      timer = setTimeout(() => {
        reject(new RedframeError('TIMEOUT', decodeTimeoutMessage(limits.deadline?.seconds ?? limits.timeoutSeconds), file));
      }, limits.deadline?.left() ?? limits.timeoutSeconds * 1000);
      worker.once('message', resolve);
      worker.once('error', (error) => reject(corrupt(error.message, file, error)));
      worker.once('exit', () => reject(corrupt('the decoder stopped', file)));
    });
    if (reply.ok) return { data: Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength), width: reply.width, height: reply.height };
    if (reply.reason === 'too-large') {
      throw new RedframeError('INPUT_TOO_LARGE', `the image is ${reply.width}x${reply.height}, more pixels than maxPixels (${limits.maxPixels}) allows`, file);
    }
    throw corrupt(reply.message, file);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

function corrupt(reason: string, file: string | undefined, cause?: unknown): RedframeError {
  const detail = reason.split('\n')[0]!.trim();
  return new RedframeError('CORRUPT_INPUT', `cannot decode the HEIC image, it is damaged or incomplete (${detail}); re-export or re-download it`, file, { cause });
}
