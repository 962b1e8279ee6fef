/**
 * The HEIC decoder's thread (started by `decodeHeic` in `heic.ts`, one per photo): libheif compiled
 * to WebAssembly decodes the bytes it is sent and posts back RGBA pixels, or why there are none.
 * It only ever sees bytes already read within the byte limit: it opens no file, so a FIFO or a
 * huge file cannot block or swamp it.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

/** What the decoder is sent. */
export interface HeicJob {
  bytes: Uint8Array;
  maxPixels: number;
}

/** What the decoder sends back: pixels, or why there are none. */
export type HeicReply =
  | { ok: true; data: Uint8Array; width: number; height: number }
  | { ok: false; reason: 'too-large'; width: number; height: number }
  | { ok: false; reason: 'corrupt'; message: string };

// The part of libheif-js (an Emscripten module with embind functions over libheif's C API) used
// here. The package ships no types for its bundle, so they are written out for what we call.
interface HeifError {
  code?: number;
  message?: string;
}
interface HeifPlane {
  id: number;
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}
interface HeifDecoded extends HeifError {
  image: unknown;
  channels?: HeifPlane[];
}
interface Libheif {
  ready: Promise<unknown>;
  heif_error_code: { heif_error_Ok: number };
  heif_colorspace: { heif_colorspace_RGB: number };
  heif_chroma: { heif_chroma_interleaved_RGBA: number };
  heif_channel: { heif_channel_interleaved: number };
  heif_context_alloc(): unknown;
  heif_context_free(context: unknown): void;
  heif_context_read_from_memory(context: unknown, bytes: Uint8Array): HeifError | undefined;
  heif_js_context_get_primary_image_handle(context: unknown): (HeifError & object) | undefined;
  heif_image_handle_get_width(handle: unknown): number;
  heif_image_handle_get_height(handle: unknown): number;
  heif_image_handle_release(handle: unknown): void;
  heif_js_decode_image2(handle: unknown, colorspace: number, chroma: number): Promise<HeifDecoded | undefined> | HeifDecoded | undefined;
  heif_image_release(image: unknown): void;
}
type LibheifFactory = (options: { print: () => void; printErr: () => void }) => Libheif;

/**
 * Decodes one HEIC photo from memory. The pixel limit is checked from the header, before any
 * pixel is decoded.
 */
async function decodeHeicInThread(job: HeicJob, libheifFactory: LibheifFactory): Promise<{ reply: HeicReply; transfer: ArrayBuffer[] }> {
  const silent = () => {};
  const libheif = libheifFactory({ print: silent, printErr: silent });
  await libheif.ready;
  const ok = libheif.heif_error_code.heif_error_Ok;
  const failed = (result: HeifError | undefined) => !result || (result.code !== undefined && result.code !== ok);
  const corrupt = (message: string) => ({ reply: { ok: false, reason: 'corrupt', message } as const, transfer: [] });
  const context = libheif.heif_context_alloc();
  try {
    const read = libheif.heif_context_read_from_memory(context, job.bytes);
    if (failed(read)) return corrupt(read?.message ?? 'unreadable file');
    const handle = libheif.heif_js_context_get_primary_image_handle(context);
    if (failed(handle)) return corrupt(handle?.message ?? 'no primary image');
    try {
      const width = libheif.heif_image_handle_get_width(handle);
      const height = libheif.heif_image_handle_get_height(handle);
      if (!(width > 0 && height > 0)) return corrupt(`impossible size ${width}x${height}`);
      if (width * height > job.maxPixels) return { reply: { ok: false, reason: 'too-large', width, height }, transfer: [] };
      const image = await libheif.heif_js_decode_image2(handle, libheif.heif_colorspace.heif_colorspace_RGB, libheif.heif_chroma.heif_chroma_interleaved_RGBA);
      if (failed(image) || !image?.channels) return corrupt(image?.message ?? 'decoding failed');
      try {
        const plane = image.channels.find((channel) => channel.id === libheif.heif_channel.heif_channel_interleaved);
        if (!plane) return corrupt('no RGBA plane');
        // The plane's rows may be padded (stride): copy them out tight, into memory of our own.
        const row = plane.width * 4;
        const data = new Uint8Array(row * plane.height);
        for (let y = 0; y < plane.height; y++) data.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
        return { reply: { ok: true, data, width: plane.width, height: plane.height }, transfer: [data.buffer] };
      } finally {
        libheif.heif_image_release(image.image);
      }
    } finally {
      libheif.heif_image_handle_release(handle);
    }
  } finally {
    libheif.heif_context_free(context);
  }
}

// Started as a thread: decode what was sent, answer once. (Imported elsewhere, it does nothing.)
if (parentPort && (workerData as { heicJob?: HeicJob } | undefined)?.heicJob) {
  const port = parentPort;
  const job = (workerData as { heicJob: HeicJob }).heicJob;
  const require = createRequire(import.meta.url);
  // libheif is loaded only in this thread, so photos in other formats never pay for it.
  const factory = require('libheif-js/libheif-wasm/libheif-bundle.js') as LibheifFactory;
  decodeHeicInThread(job, factory).then(
    ({ reply, transfer }) => port.postMessage(reply, transfer),
    (error: unknown) => port.postMessage({ ok: false, reason: 'corrupt', message: error instanceof Error ? error.message : String(error) } satisfies HeicReply),
  );
}
