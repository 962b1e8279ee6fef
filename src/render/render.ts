import sharp from 'sharp';
import { RedframeError } from '../errors.js';
import { describeFileError } from '../files/errno.js';
import { defaultFormat, resolveOptions, type Format, type RenderOptions, type ResolvedOptions } from '../options.js';
import { resolveLimits, type RenderLimits, type ResolvedLimits } from '../options/settings.js';
import { DEFAULT_MAX_PIXELS, DEFAULT_TIMEOUT_SECONDS } from '../options/table.js';
import { overlayKey, renderOverlay, type Overlay } from '../overlay/overlay.js';
import { compositePixels } from './composite.js';
import { decodeSquare, type SquarePhoto } from './decode.js';
import { HEAD_BYTES, readHead } from './input.js';
import { buildTreatment, type Treatment } from './treatment.js';

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
  /** Renders one photo. Safe to call concurrently. */
  render(input: AvatarInput, name?: string): Promise<RenderedAvatar>;
  /** Builds the overlay now (text shaping, SVG raster), for callers that want its errors up front. */
  prepare(): Promise<void>;
}

export { DEFAULT_MAX_PIXELS, DEFAULT_TIMEOUT_SECONDS, defaultFormat };

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
    overlay = renderOverlay(options);
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

/** The photo as bytes or as a path for libvips to stream, with its first bytes for sniffing. */
async function openInput(input: AvatarInput, name: string | undefined): Promise<{ source: Buffer | string; head: Uint8Array }> {
  if (typeof input !== 'string') {
    const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
    return { source: bytes, head: bytes.subarray(0, HEAD_BYTES) };
  }
  try {
    return { source: input, head: await readHead(input) };
  } catch (error) {
    const reason = describeFileError(error, 'read', { EISDIR: 'is a folder; give a photo file' });
    throw new RedframeError('IO_ERROR', reason, name ?? input);
  }
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
  const { source, head } = await openInput(input, file);
  const { size } = options;
  // Even a solid square decodes the photo: a damaged file fails the same way in every mode.
  const photo = await decodeSquare(source, head, file, {
    size,
    crop: options.crop,
    maxPixels: limits.maxPixels,
    timeoutSeconds: limits.timeoutSeconds,
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
  const data = await (
    format === 'png' ? encoder.png({ compressionLevel: 6 }) :
    format === 'webp' ? encoder.webp({ quality: quality ?? 90, ...(animated ? { delay: photo.delay, loop: photo.loop } : {}) }) :
    format === 'avif' ? encoder.avif({ quality: quality ?? 60 }) :
    format === 'gif' ? encoder.gif(animated ? { delay: photo.delay, loop: photo.loop } : {}) :
    // Huffman table optimisation is off: it costs about 4 ms an avatar (half the encode) for
    // files 2% smaller (145 against 142 KB at 800 px), which no platform's upload limit notices.
    encoder.jpeg({ quality: quality ?? 90, optimiseCoding: false })
  ).toBuffer();
  return { data, format, width: size, height: size, frames: photo.frames, photoSide: photo.side };
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
