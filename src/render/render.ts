import sharp from 'sharp';
import { invalid, RedframeError } from '../core/errors.js';
import type { Format } from '../core/formats.js';
import { plainBytes } from '../options/check.js';
import { defaultFormat, resolveOptions, type RenderOptions, type ResolvedOptions } from '../options/resolve.js';
import { resolveLimits, type RenderLimits, type ResolvedLimits } from '../options/settings.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_TIMEOUT_SECONDS } from '../options/table.js';
import { buildOverlay } from '../overlay/disk-cache.js';
import { overlayKey, type Overlay } from '../overlay/overlay.js';
import { compositePixels } from '../portable/composite.js';
import { decodeSquare, type SquarePhoto } from './decode-square.js';
import { readPhoto } from './input.js';
import { leasePhotoBuffer } from './photo-buffers.js';
import { encodeTimeoutMessage, startDeadline, type Deadline } from './deadline.js';
import { buildTreatment, type Treatment } from '../portable/treatment.js';

/** Where a photo comes from: a file path or the bytes of one. */
export type AvatarInput = string | Buffer | Uint8Array;

export type { RenderLimits };

export interface RenderedAvatar {
  data: Buffer;
  format: Format;
  width: number;
  height: number;
  /** 1, or the number of frames of an animated WebP made from an animated input. */
  frames: number;
  /**
   * The shorter side of the photo in pixels before it was scaled. Below `width` the photo was
   * enlarged and will look soft: `redframe` says so.
   */
  photoSide: number;
}

/** A renderer made once for a set of options: the overlay is built on first use and kept. */
export interface AvatarRenderer {
  readonly options: ResolvedOptions;
  /** The output format (from the options, else JPEG for square and PNG for circle). */
  readonly format: Format;
  /** The limits it was made with, checked, defaults filled in. */
  readonly limits: ResolvedLimits;
  /** Renders one photo. Safe to call concurrently. */
  render(input: AvatarInput, name?: string): Promise<RenderedAvatar>;
  /** Builds the overlay now (text shaping, SVG raster), for callers that want its errors up front. */
  prepare(): Promise<void>;
}

export { DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_TIMEOUT_SECONDS, defaultFormat };

/**
 * Makes a renderer for one set of options; use it for many photos so the overlay (frame, shaped
 * banner text) is built once.
 *
 * @example
 * const renderer = createRenderer({ mode: 'duotone', text: ['#FreeThemAll'] });
 * const { data } = await renderer.render('photo.jpg');
 */
export function createRenderer(options: RenderOptions = {}, limits?: RenderLimits): AvatarRenderer {
  const resolved = resolveOptions(options);
  return createResolvedRenderer(resolved, limits);
}

/** As `createRenderer`, for options already checked by `resolveOptions` (which refuses a JPEG circle). */
export function createResolvedRenderer(resolved: ResolvedOptions, limits?: RenderLimits): AvatarRenderer {
  const checkedLimits = resolveLimits(limits);
  const format = defaultFormat(resolved);
  const treatment = buildTreatment(resolved.mode, resolved.color, resolved.strength);
  let overlay: Promise<Overlay> | undefined;
  const prepare = () => (overlay ??= cachedOverlay(resolved));
  return {
    options: resolved,
    format,
    limits: checkedLimits,
    prepare: () => prepare().then(() => undefined),
    render: (input, name) => renderWith(input, name, resolved, format, treatment, prepare(), checkedLimits),
  };
}

// Overlays shared across renderers with the same look: renderAvatar() called in a loop reuses them.
const overlays = new Map<string, Promise<Overlay>>();
const OVERLAY_CACHE_SIZE = 8;

function cachedOverlay(options: ResolvedOptions): Promise<Overlay> {
  const key = overlayKey(options);
  let overlay = overlays.get(key);
  if (!overlay) {
    overlay = buildOverlay(options); // from the disk cache when the command uses one
    overlays.set(key, overlay);
    overlay.catch(() => overlays.delete(key));
    if (overlays.size > OVERLAY_CACHE_SIZE) overlays.delete(overlays.keys().next().value!);
  }
  return overlay;
}

/** Forgets cached overlays (for benchmarks measuring an uncached render). */
export function clearOverlayCache(): void {
  overlays.clear();
}

/**
 * Renders one avatar and returns the encoded image, with all metadata removed. Options default
 * to the `aleppo` preset (800 px, red tint, ring, bilingual arc banner, JPEG, or PNG for a
 * circle). Errors are `RedframeError`s with a `code` and a one-line message. For many photos with
 * the same options, `createRenderer` avoids even the cache look-up; both share the overlay cache.
 *
 * @example
 * import { writeFile } from 'node:fs/promises';
 * import { renderAvatar } from 'redframe';
 * const png = await renderAvatar('photo.jpg', { shape: 'circle', text: ['#FreeThemAll'] });
 * await writeFile('avatar.png', png);
 */
export async function renderAvatar(input: AvatarInput, options: RenderOptions = {}, limits?: RenderLimits): Promise<Buffer> {
  const { data } = await createRenderer(options, limits).render(input);
  return data;
}

/**
 * The photo's bytes: a path is read whole into memory within the byte limit (see `readPhoto`);
 * bytes given by the caller are used as they are.
 */
export async function photoBytes(input: AvatarInput, file: string | undefined, maxBytes: number, allocate?: (bytes: number) => Buffer): Promise<Buffer> {
  if (typeof input === 'string' && input !== '') return readPhoto(input, file ?? input, maxBytes, allocate);
  // Read once, guarded: a Proxy of a Buffer whose getters throw is the caller's error, named.
  const bytes = plainBytes(input, file ?? 'input');
  if (bytes) {
    // The byte limit of a file or standard input holds for bytes in memory too; a buffer whose
    // ArrayBuffer was transferred to a worker (detached) reads as empty.
    if (bytes.byteLength > maxBytes) throw new RedframeError('FILE_TOO_LARGE', `${file ? 'is' : 'the photo bytes are'} ${bytes.byteLength} bytes, more than maxBytes (${maxBytes} bytes) allows`, file);
    if (bytes.byteLength === 0) throw new RedframeError('UNSUPPORTED_INPUT', 'the photo bytes are empty (or their ArrayBuffer was transferred); give the bytes of a photo', file);
    return bytes;
  }
  throw invalid('input', 'a file path, a Buffer or a Uint8Array', input, { file });
}

async function renderWith(
  input: AvatarInput,
  name: string | undefined,
  options: ResolvedOptions,
  format: Format,
  treatment: Treatment,
  overlayReady: Promise<Overlay>,
  limits: ResolvedLimits,
): Promise<RenderedAvatar> {
  const file = name ?? (typeof input === 'string' ? input : undefined);
  // A file is read into a buffer lent until the render has settled (see photo-buffers.ts): by then
  // the decoder, which alone reads the bytes, has let go of them.
  const lease = leasePhotoBuffer();
  let bytes: Buffer;
  let release: () => void;
  try {
    bytes = await photoBytes(input, file, limits.maxBytes, lease.allocate);
    // The time limit starts when the photo gets a thread, not while it waits behind other photos.
    release = await sharpThreads.acquire();
  } catch (error) {
    lease.release();
    throw error;
  }
  // One limit for the decode and the encode, counted from when the photo got a thread.
  const deadline = startDeadline(limits.timeoutSeconds, file);
  const rendered = renderBytes(bytes, file, options, format, treatment, overlayReady, limits, deadline);
  // The bytes and the thread are free when the work is done: a decoder or encoder given up at the
  // deadline still runs, reading those bytes, on that thread.
  void rendered.then(() => undefined, () => undefined).then(() => deadline.settled()).then(() => {
    lease.release();
    release();
  });
  return rendered;
}

async function renderBytes(
  bytes: Buffer,
  file: string | undefined,
  options: ResolvedOptions,
  format: Format,
  treatment: Treatment,
  overlayReady: Promise<Overlay>,
  limits: ResolvedLimits,
  deadline: Deadline,
): Promise<RenderedAvatar> {
  const { size } = options;
  // Even a solid square decodes the photo: a damaged file fails the same way in every mode.
  const photo = await decodeSquare(bytes, file, {
    size,
    crop: options.crop,
    maxPixels: limits.maxPixels,
    timeoutSeconds: limits.timeoutSeconds,
    deadline,
    // WebP and GIF are the output formats that animate; a solid square has nothing to animate.
    animated: (format === 'webp' || format === 'gif') && !limits.firstFrame && options.mode !== 'solid',
  });
  const overlay = await overlayReady;
  const channels = overlay.mask ? 4 : 3;
  const pixels = treatFrames(photo, options.mode === 'solid', treatment, overlay);
  const animated = photo.frames > 1;
  // Raw pixels in, so the output carries no metadata at all: nothing of the input's EXIF, GPS,
  // XMP, IPTC, comments or thumbnails can reach it.
  const encoder = sharp(pixels, { raw: { width: size, height: size * photo.frames, channels, ...(animated ? { pageHeight: size } : {}) } });
  const quality = options.quality;
  const encoding = (
    format === 'png' ? encoder.png({ compressionLevel: 6 }) :
    format === 'webp' ? encoder.webp({ quality: quality ?? 90, ...(animated ? { delay: photo.delay, loop: photo.loop } : {}) }) :
    format === 'avif' ? encoder.avif({ quality: quality ?? 60 }) :
    format === 'gif' ? encoder.gif(animated ? { delay: photo.delay, loop: photo.loop } : {}) :
    // Huffman table optimisation is off: it costs about 4 ms an avatar (half the encode) for
    // files 2% smaller (145 against 142 KB at 800 px), which no platform's upload limit notices.
    encoder.jpeg({ quality: quality ?? 90, optimiseCoding: false })
  ).toBuffer();
  // AVIF's encoder runs in one call that libvips cannot interrupt (sharp's own timeout never fires
  // there): the render gives up at the deadline and the encoder's thread finishes on its own.
  const data = await deadline.race(encoding, encodeTimeoutMessage(limits.timeoutSeconds));
  return { data, format, width: size, height: size, frames: photo.frames, photoSide: photo.side };
}

/**
 * How many photos are decoded and encoded at once in this process: as many as libuv has threads
 * (`UV_THREADPOOL_SIZE`, 4 unless set), which is where sharp runs every pipeline. A photo started
 * beyond that would wait in libuv's queue with its time limit running: 96 photos in flight on 4
 * threads with a 2-second limit failed 95 healthy photos that way. Ten lines rather than a
 * dependency: the slot must be freed when an abandoned encoder ends, not when the render settles.
 */
const sharpThreads = slots(Math.min(1024, Math.max(1, Number.parseInt(process.env.UV_THREADPOOL_SIZE ?? '', 10) || 4)));

function slots(count: number): { acquire(): Promise<() => void> } {
  let free = count;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    acquire: () => {
      if (free > 0) {
        free--;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
  };
}

/** Treatment and overlay on every frame: a still's own buffer, or frames written in place into one stack. */
function treatFrames(photo: SquarePhoto, solid: boolean, treatment: Treatment, overlay: Overlay): Buffer {
  const { size, mask } = overlay;
  const frameIn = size * size * 3;
  const frameOut = size * size * (mask ? 4 : 3);
  const frame = (i: number) => (solid ? undefined : photo.rgb.subarray(i * frameIn, (i + 1) * frameIn));
  // Without a mask the output has the photo's 3 channels: treat it in place, allocating nothing.
  const stack = mask ? Buffer.allocUnsafe(frameOut * photo.frames) : photo.rgb;
  if (photo.frames === 1) return compositePixels(frame(0), treatment, overlay, stack, 0);
  for (let i = 0; i < photo.frames; i++) compositePixels(frame(i), treatment, overlay, stack, i * frameOut);
  return stack;
}
