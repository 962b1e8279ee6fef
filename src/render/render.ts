import { readFile } from 'node:fs/promises';
import sharp, { type SharpOptions } from 'sharp';
import { RedframeError } from '../errors.js';
import { resolveOptions, type Format, type RenderOptions, type ResolvedOptions } from '../options.js';
import { overlayKey, renderOverlay, type Overlay } from '../overlay/overlay.js';
import { compositePixels } from './composite.js';
import { assertSupported } from './input.js';
import { buildTreatment, type Treatment } from './treatment.js';

/** Where a photo comes from: a file path or the bytes of one. */
export type AvatarInput = string | Buffer | Uint8Array;

export interface RenderLimits {
  /** Refuse images with more pixels than this (checked from the header). Default 268,402,689. */
  maxPixels?: number;
  /** Give up on one image after this many seconds. Default 60. */
  timeoutSeconds?: number;
}

export interface RenderedAvatar {
  data: Buffer;
  format: Format;
  width: number;
  height: number;
}

/** A renderer made once for a set of options: the overlay is built on first use and kept. */
export interface AvatarRenderer {
  readonly options: ResolvedOptions;
  /** The output format (from the options, else JPEG for square and PNG for circle). */
  readonly format: Format;
  /** Renders one photo. Safe to call concurrently. */
  render(input: AvatarInput, name?: string): Promise<RenderedAvatar>;
  /** Builds the overlay now (text shaping, SVG raster), for callers that want errors up front. */
  prepare(): Promise<Overlay>;
}

export const DEFAULT_MAX_PIXELS = 268_402_689;

const SHARP_CROP = {
  attention: sharp.strategy.attention,
  entropy: sharp.strategy.entropy,
  centre: 'centre',
} as const;

/**
 * Output format when none is asked for: JPEG keeps square photos small, PNG keeps transparency.
 *
 * @example defaultFormat(resolveOptions({ shape: 'circle' })) // 'png'
 */
export function defaultFormat(options: ResolvedOptions): Format {
  return options.format ?? (options.shape === 'circle' ? 'png' : 'jpeg');
}

/**
 * Makes a renderer for one set of options; use it for many photos so the overlay (frame, shaped
 * banner text) is built once.
 *
 * @example
 * const renderer = createRenderer({ mode: 'duotone', text: ['#FreeThemAll'] });
 * const { data } = await renderer.render('photo.jpg');
 */
export function createRenderer(options: RenderOptions = {}, limits: RenderLimits = {}): AvatarRenderer {
  const resolved = resolveOptions(options);
  return createResolvedRenderer(resolved, limits);
}

export function createResolvedRenderer(resolved: ResolvedOptions, limits: RenderLimits = {}): AvatarRenderer {
  const format = defaultFormat(resolved);
  if (resolved.shape === 'circle' && format === 'jpeg') {
    throw new RedframeError('INVALID_OPTION', 'JPEG has no transparency, so shape circle needs format png, webp or avif (or use shape square)');
  }
  const treatment = buildTreatment(resolved.mode, resolved.color, resolved.strength);
  let overlay: Promise<Overlay> | undefined;
  const prepare = () => (overlay ??= cachedOverlay(resolved));
  return {
    options: resolved,
    format,
    prepare,
    render: async (input, name) => renderWith(input, name, resolved, format, treatment, await prepare(), limits),
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
export async function renderAvatar(input: AvatarInput, options: RenderOptions = {}, limits: RenderLimits = {}): Promise<Buffer> {
  const { data } = await createRenderer(options, limits).render(input);
  return data;
}

async function readInput(input: AvatarInput, name: string | undefined): Promise<Buffer> {
  if (typeof input !== 'string') return Buffer.isBuffer(input) ? input : Buffer.from(input);
  try {
    return await readFile(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file; check the path' :
      code === 'EISDIR' ? 'is a folder; give a photo file' :
      code === 'EACCES' ? 'permission denied; check the file permissions' :
      (error as Error).message;
    throw new RedframeError('IO_ERROR', reason, name ?? input);
  }
}

async function renderWith(
  input: AvatarInput,
  name: string | undefined,
  options: ResolvedOptions,
  format: Format,
  treatment: Treatment,
  overlay: Overlay,
  limits: RenderLimits,
): Promise<RenderedAvatar> {
  const file = name ?? (typeof input === 'string' ? input : undefined);
  const bytes = await readInput(input, file);
  assertSupported(bytes.subarray(0, 64), file);
  const decodeOptions: SharpOptions = {
    failOn: 'warning',
    limitInputPixels: limits.maxPixels ?? DEFAULT_MAX_PIXELS,
    autoOrient: true,
  };
  const { size } = options;
  let photo: Buffer | undefined;
  try {
    if (options.mode === 'solid') {
      // No photo in the picture, but the file must still be a readable image.
      await sharp(bytes, decodeOptions).metadata();
    } else {
      photo = await sharp(bytes, decodeOptions)
        .timeout({ seconds: limits.timeoutSeconds ?? 60 })
        .resize(size, size, { fit: 'cover', position: SHARP_CROP[options.crop] })
        .flatten({ background: '#ffffff' })
        .toColourspace('srgb')
        .raw()
        .toBuffer();
    }
  } catch (error) {
    throw decodeError(error, file);
  }
  const pixels = compositePixels(photo, treatment, overlay);
  const channels = overlay.mask ? 4 : 3;
  const encoder = sharp(pixels, { raw: { width: size, height: size, channels } });
  const quality = options.quality;
  const data = await (
    format === 'png' ? encoder.png({ compressionLevel: 6 }) :
    format === 'webp' ? encoder.webp({ quality: quality ?? 90 }) :
    format === 'avif' ? encoder.avif({ quality: quality ?? 60 }) :
    encoder.jpeg({ quality: quality ?? 90, mozjpeg: false })
  ).toBuffer();
  return { data, format, width: size, height: size };
}

/** Turns libvips' messages into one line that says what is wrong with the file. */
function decodeError(error: unknown, file: string | undefined): RedframeError {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0]!.replace(/^Input (buffer|file) /, '').trim();
  if (/pixel limit/i.test(message)) {
    return new RedframeError('INPUT_TOO_LARGE', 'the image has more pixels than the limit allows; raise --max-pixels if you trust it', file, { cause: error });
  }
  if (/timeout/i.test(message)) {
    return new RedframeError('TIMEOUT', 'decoding took longer than the time limit; the file may be hostile or damaged', file, { cause: error });
  }
  return new RedframeError('CORRUPT_INPUT', `cannot decode the image, it is damaged or incomplete (${firstLine}); re-export or re-download it`, file, { cause: error });
}

