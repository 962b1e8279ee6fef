import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { RedframeError } from '../errors.js';

/** Decoded pixels: 8-bit RGBA, row after row, no padding. */
export interface RgbaImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface HeicLimits {
  maxPixels: number;
  timeoutSeconds: number;
}

/** What the worker sends back: pixels, or why there are none. */
type WorkerReply =
  | { ok: true; data: Uint8Array; width: number; height: number }
  | { ok: false; reason: 'too-large'; width: number; height: number }
  | { ok: false; reason: 'corrupt'; message: string };

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
  const bundle = createRequire(import.meta.url).resolve('libheif-js/libheif-wasm/libheif-bundle.js');
  const worker = new Worker(`(${heicWorker.toString()})(require);`, {
    eval: true,
    workerData: { bundle, bytes, maxPixels: limits.maxPixels },
    // Emscripten may print; none of it must reach our stdout (which can carry image data).
    stdout: true,
    stderr: true,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      timer = setTimeout(() => {
        reject(new RedframeError('TIMEOUT', `decoding took longer than timeoutSeconds (${limits.timeoutSeconds} s) allows; the file may be hostile or damaged`, file));
      }, limits.timeoutSeconds * 1000);
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

/**
 * The worker's code. It runs in a fresh thread from its source text, so it uses nothing from
 * this module's scope: only `require` and what it is sent.
 */
function heicWorker(require: NodeJS.Require): void {
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const { bundle, bytes, maxPixels } = workerData as { bundle: string; bytes: Uint8Array; maxPixels: number };
  const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(reply, transfer);
  const silent = () => {};
  // The Emscripten module: embind functions over libheif's C API.
  type Libheif = any;
  const decode = async () => {
    const libheif: Libheif = (require(bundle) as (options: object) => Libheif)({ print: silent, printErr: silent });
    await libheif.ready;
    const ok = libheif.heif_error_code.heif_error_Ok;
    const failed = (result: Libheif) => !result || (result.code !== undefined && result.code !== ok);
    const context = libheif.heif_context_alloc();
    try {
      const read = libheif.heif_context_read_from_memory(context, bytes);
      if (failed(read)) return post({ ok: false, reason: 'corrupt', message: read?.message ?? 'unreadable file' });
      const handle = libheif.heif_js_context_get_primary_image_handle(context);
      if (failed(handle)) return post({ ok: false, reason: 'corrupt', message: handle?.message ?? 'no primary image' });
      try {
        const width: number = libheif.heif_image_handle_get_width(handle);
        const height: number = libheif.heif_image_handle_get_height(handle);
        if (!(width > 0 && height > 0)) return post({ ok: false, reason: 'corrupt', message: `impossible size ${width}x${height}` });
        if (width * height > maxPixels) return post({ ok: false, reason: 'too-large', width, height });
        const image = await libheif.heif_js_decode_image2(handle, libheif.heif_colorspace.heif_colorspace_RGB, libheif.heif_chroma.heif_chroma_interleaved_RGBA);
        if (failed(image) || !image.channels) return post({ ok: false, reason: 'corrupt', message: image?.message ?? 'decoding failed' });
        try {
          const plane = (image.channels as { id: unknown; width: number; height: number; stride: number; data: Uint8Array }[])
            .find((channel) => channel.id === libheif.heif_channel.heif_channel_interleaved);
          if (!plane) return post({ ok: false, reason: 'corrupt', message: 'no RGBA plane' });
          const row = plane.width * 4;
          const data = new Uint8Array(row * plane.height);
          for (let y = 0; y < plane.height; y++) data.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
          return post({ ok: true, data, width: plane.width, height: plane.height }, [data.buffer]);
        } finally {
          libheif.heif_image_release(image.image);
        }
      } finally {
        libheif.heif_image_handle_release(handle);
      }
    } finally {
      libheif.heif_context_free(context);
    }
  };
  decode().catch((error: unknown) => post({ ok: false, reason: 'corrupt', message: error instanceof Error ? error.message : String(error) }));
}
