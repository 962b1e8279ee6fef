import sharp, { type Metadata, type OutputInfo, type Sharp, type SharpOptions } from 'sharp';
import { RedframeError } from '../core/errors.js';
import type { Crop } from '../options/resolve.js';
import { decodeHeic } from './heic.js';
import { IMAGE_FORMATS } from '../core/formats.js';
import { assertSupported, HEAD_BYTES, type InputFormat } from './input.js';
import { ATTENTION_ANALYSIS_SIDE, attentionOffset, attentionOffsetOfSmall, cropInPlace } from './attention-crop.js';
import { decodeTimeoutMessage, startDeadline, type Deadline } from './deadline.js';
import { photoShapeProblem } from '../portable/photo-shape.js';

export interface DecodeSettings {
  /** Width and height of the square to cut and scale to (the width, when `height` is given). */
  size: number;
  /** The height of a rectangle instead (covers and cards; stills only). Default: `size`. */
  height?: number;
  crop: Crop;
  /** Refuse images (all frames together, for animations) with more pixels than this. */
  maxPixels: number;
  /** Give up after this many seconds, counted from the call, unless `deadline` is given. */
  timeoutSeconds: number;
  /** The time limit of a larger job this decode is a stage of (an avatar's decode and encode). */
  deadline?: Deadline;
  /** Keep every frame of an animated GIF or WebP; else take the first. */
  animated: boolean;
}

/** The photo as square 8-bit sRGB frames, ready for the colour treatment. */
export interface SquarePhoto {
  /** `frames` squares of size x size RGB pixels, one after the other. */
  rgb: Buffer;
  frames: number;
  /** Per frame display time in milliseconds (animations only). */
  delay: number[] | undefined;
  /** Times to play, 0 for ever (animations only). */
  loop: number | undefined;
  /** The shorter side of the photo (of one frame) in pixels, before the square was scaled. */
  side: number;
}

const SHARP_CROP = {
  attention: sharp.strategy.attention,
  entropy: sharp.strategy.entropy,
  centre: 'centre',
} as const;

const ANIMATED_FORMATS = new Set<InputFormat>(['gif', 'webp']);

/**
 * Decodes a photo from untrusted bytes into square frames: format allowlist by content, then
 * the header (loader check, pixel limit, shape), then the pixels with a time limit; EXIF orientation
 * applied; everything else in the file (metadata, profiles once applied) left behind.
 *
 * `bytes` are the whole photo, in memory (see `readPhoto`): libvips never opens the file, so a
 * file that changes on disk meanwhile cannot disturb the decoder.
 *
 * @example const { rgb } = await decodeSquare(await readPhoto('me.jpg', 'me.jpg', limit), 'me.jpg', { size: 800, crop: 'attention', ... });
 */
export function decodeSquare(bytes: Buffer, file: string | undefined, settings: DecodeSettings): Promise<SquarePhoto> {
  const deadline = settings.deadline ?? startDeadline(settings.timeoutSeconds, file);
  return deadline.race(decodeWithin(bytes, file, settings, deadline), decodeTimeoutMessage(deadline.seconds));
}

async function decodeWithin(bytes: Buffer, file: string | undefined, settings: DecodeSettings, deadline: Deadline): Promise<SquarePhoto> {
  const format = assertSupported(bytes.subarray(0, HEAD_BYTES), file);
  const input: SharpOptions = { failOn: 'warning', limitInputPixels: settings.maxPixels, autoOrient: true };
  let header: Metadata | undefined;
  try {
    // The header only: sharp refuses here, before any pixel is decoded, when the size it claims
    // is over the pixel limit.
    header = await sharp(bytes, input).metadata();
  } catch (error) {
    // libvips without an HEVC decoder may fail on a HEIC header too: libheif gets its chance.
    if (format !== 'heif') throw decodeError(error, file, settings);
  }
  // The name libvips gives the decoder it chose: a different answer than the sniffed format's
  // means the bytes are built to look like one format and be read as another.
  if (header && header.format !== IMAGE_FORMATS[format].loader) {
    // Not "unsupported": the first bytes were those of a photo, so the file is reported as damaged
    // (a batch fails it) rather than as some other document (a batch may skip those).
    throw new RedframeError(
      'CORRUPT_INPUT',
      `the file starts like ${format.toUpperCase()} but the decoder reads it as ${String(header.format).toUpperCase()}; redframe refuses such files, give a plain photo`,
      file,
    );
  }
  if (format === 'heif' && (!header || header.compression === 'hevc')) {
    const { data, width, height } = await decodeHeic(bytes, file, { ...settings, deadline });
    checkShape(width, height, file);
    // libheif gives 8-bit RGBA: flattened, that is 8-bit sRGB.
    return stillSquare(sharp(data, { raw: { width, height, channels: 4 } }), file, settings, deadline, { width, height, rgb8: true });
  }
  header = header!;
  const width = header.width ?? 0;
  const height = header.height ?? 0;
  const pages = header.pages ?? 1;
  checkPixels(width * height, file, settings, `the image claims ${width}x${height} pixels`);
  const upright = header.autoOrient ?? { width, height };
  // One frame of an animation (which has no orientation to apply).
  const frameHeight = pages > 1 && header.pageHeight ? header.pageHeight : upright.height;
  checkShape(upright.width, frameHeight, file);
  if (settings.animated && ANIMATED_FORMATS.has(format) && pages > 1) {
    return animatedSquare(bytes, input, header, file, settings, deadline);
  }
  return stillSquare(sharp(bytes, input), file, settings, deadline, { width: upright.width, height: frameHeight, rgb8: isRgb8(header) });
}

/** Refuses, from the header, a photo too thin or too small to make a useful picture (see photo-shape.ts). */
function checkShape(width: number, height: number, file: string | undefined): void {
  const problem = photoShapeProblem(width, height);
  if (problem) throw new RedframeError('UNUSABLE_SHAPE', problem, file);
}

/**
 * Whether the image libvips crops is 8-bit sRGB with three bands once flattened (what
 * `attentionOffset` analyses): libvips converts an embedded profile or CMYK before it scales,
 * but keeps grey as one band and 16 bits as 16.
 */
const isRgb8 = (header: Metadata) =>
  header.space === 'srgb' && header.depth === 'uchar' && (header.channels === 3 || (header.channels === 4 && header.hasAlpha === true));

function checkPixels(pixels: number, file: string | undefined, settings: DecodeSettings, what: string, hint = ''): void {
  // `hint` names the other parameters that help, for animations.
  if (pixels > settings.maxPixels) {
    throw new RedframeError('INPUT_TOO_LARGE', `${what}, more pixels than maxPixels (${settings.maxPixels}) allows${hint}`, file);
  }
}

/** The photo as libvips will scale it: upright size (one frame) and whether it is 8-bit sRGB. */
interface StillSource {
  width: number;
  height: number;
  rgb8: boolean;
}

/**
 * The attention crop is found in this process (see attention-crop.ts) when the scaled photo is at
 * most this many times the crop's area; a long panorama scaled to cover a square would be a large
 * buffer here, so libvips crops those itself (the same crop, its way).
 */
const LOCAL_ATTENTION_MAX_AREA = 4;

/**
 * Past this many pixels at the scale that covers the crop, the attention crop's window is found
 * on the photo reduced to the analysis' 32x32 and cut at the photo's own scale before it is scaled:
 * libvips makes the whole image at that scale first, and a 20:1 photo under a YouTube banner is
 * 2560 x 51,200 pixels (16 s, 480 MB). The window is libvips' but for the analysis image, reduced
 * from the photo rather than from its scaled copy: its pixels differ by a few levels, which can move
 * the window by one of the analysis' 32 cells along the long side.
 */
const WINDOW_FIRST_PIXELS = 32 * 1024 * 1024;

async function stillSquare(image: Sharp, file: string | undefined, settings: DecodeSettings, deadline: Deadline, source: StillSource): Promise<SquarePhoto> {
  const { size, height = size } = settings;
  const cover = Math.max(size / source.width, height / source.height);
  const coverArea = source.width * cover * source.height * cover;
  const rgb = settings.crop === 'attention' && coverArea > WINDOW_FIRST_PIXELS
    ? await attentionWindowFirst(image, file, settings, deadline, source, cover)
    : settings.crop === 'attention' && source.rgb8 && coverArea <= LOCAL_ATTENTION_MAX_AREA * size * height
    ? await attentionSquare(image, file, settings, deadline)
    : (await run(image.resize(size, height, { fit: 'cover', position: SHARP_CROP[settings.crop] }), file, settings, deadline)).data;
  return { rgb: checkLength(rgb, size * height * 3, file), frames: 1, delay: undefined, loop: undefined, side: Math.min(source.width, source.height) };
}

/** Scaled to cover the crop, as sharp scales before its own attention crop, then cut here. */
async function attentionSquare(image: Sharp, file: string | undefined, settings: DecodeSettings, deadline: Deadline): Promise<Buffer> {
  const { size, height = size } = settings;
  const { data, info } = await run(image.resize(size, height, { fit: 'outside' }), file, settings, deadline);
  if (info.width === size && info.height === height) return data;
  const offset = await attentionOffset(data, info.width, info.height, size, height, deadline.sharpSeconds()).catch((error: unknown) => {
    throw decodeError(error, file, settings);
  });
  return cropInPlace(data, info.width, offset, size, height);
}

/** The attention crop's window found on the photo reduced, then cut from it at its own scale and scaled alone. */
async function attentionWindowFirst(image: Sharp, file: string | undefined, settings: DecodeSettings, deadline: Deadline, source: StillSource, cover: number): Promise<Buffer> {
  const { size, height = size } = settings;
  const side = ATTENTION_ANALYSIS_SIDE;
  const { data: small } = await run(image.clone().resize(side, side, { fit: 'fill' }), file, settings, deadline);
  const { left, top } = attentionOffsetOfSmall(small, Math.round(source.width * cover), Math.round(source.height * cover), size, height);
  const width = Math.min(source.width, Math.max(1, Math.round(size / cover)));
  const tall = Math.min(source.height, Math.max(1, Math.round(height / cover)));
  const window = {
    left: Math.max(0, Math.min(source.width - width, Math.round(left / cover))),
    top: Math.max(0, Math.min(source.height - tall, Math.round(top / cover))),
    width,
    height: tall,
  };
  return (await run(image.extract(window).resize(size, height, { fit: 'fill' }), file, settings, deadline)).data;
}

/**
 * Every frame of an animation, cut the same way: the crop is chosen on the first frame (an
 * attention crop chosen frame by frame would make the picture jump), then applied to all of
 * them in one libvips pipeline.
 */
async function animatedSquare(bytes: Buffer, input: SharpOptions, header: Metadata, file: string | undefined, settings: DecodeSettings, deadline: Deadline): Promise<SquarePhoto> {
  const { size } = settings;
  const width = header.width!;
  const frameHeight = header.pageHeight ?? header.height!;
  const frames = header.pages!;
  checkPixels(width * frameHeight * frames, file, settings, `the animation is ${frames} frames of ${width}x${frameHeight}`, '; firstFrame takes the first frame alone');
  checkPixels(size * size * frames, file, settings, `the output would be ${frames} frames of ${size}x${size}`, '; firstFrame or a smaller size needs fewer');
  const side = Math.min(width, frameHeight);
  let left = Math.floor((width - side) / 2);
  let top = Math.floor((frameHeight - side) / 2);
  if (settings.crop !== 'centre' && width !== frameHeight) {
    // At scale 1 the crop offsets are in the frame's own pixels.
    const { info } = await sharp(bytes, { ...input, page: 0 })
      .timeout({ seconds: deadline.sharpSeconds() })
      .resize(side, side, { fit: 'cover', position: SHARP_CROP[settings.crop] })
      .toBuffer({ resolveWithObject: true })
      .catch((error: unknown) => {
        throw decodeError(error, file, settings);
      });
    left = -(info.cropOffsetLeft ?? -left);
    top = -(info.cropOffsetTop ?? -top);
  }
  const { data } = await run(
    sharp(bytes, { ...input, animated: true })
      .extract({ left, top, width: side, height: side })
      .resize(size, size, { fit: 'fill' }),
    file,
    settings,
    deadline,
  );
  const rgb = checkLength(data, size * size * 3 * frames, file);
  const delay = Array.from({ length: frames }, (_, i) => header.delay?.[i] ?? 100);
  return { rgb, frames, delay, loop: header.loop ?? 0, side };
}

/** The shared end of every decode: white under transparency, sRGB, 3 channels, raw bytes. */
async function run(image: Sharp, file: string | undefined, settings: DecodeSettings, deadline: Deadline): Promise<{ data: Buffer; info: OutputInfo }> {
  try {
    return await image
      .timeout({ seconds: deadline.sharpSeconds() })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw decodeError(error, file, settings);
  }
}

function checkLength(pixels: Buffer, length: number, file: string | undefined): Buffer {
  if (pixels.length !== length) {
    throw new RedframeError('CORRUPT_INPUT', 'the decoder gave an image of an unexpected shape; re-export the photo as JPEG or PNG', file);
  }
  return pixels;
}

/** Turns libvips' messages into one line that says what is wrong with the file. */
export function decodeError(error: unknown, file: string | undefined, settings: { maxPixels: number; timeoutSeconds: number }): RedframeError {
  if (error instanceof RedframeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const detail = message
    .split('\n')[0]!
    .replace(/^Input (buffer|file) /, '')
    .replace(/^has corrupt header:?\s*/, 'corrupt header: ')
    .replace(/\b(VipsJpeg|vipspng|gifload(?:_buffer|_source)?|webp(?:load)?|tiff2vips|heif(?:load)?): /gi, '')
    .replace(/[:\s]+$/, '')
    .trim();
  if (/pixel limit/i.test(message)) {
    return new RedframeError('INPUT_TOO_LARGE', `the image has more pixels than maxPixels (${settings.maxPixels}) allows`, file, { cause: error });
  }
  if (/timeout/i.test(message)) {
    return new RedframeError('TIMEOUT', decodeTimeoutMessage(settings.timeoutSeconds), file, { cause: error });
  }
  if (/unsupported image format/i.test(message)) {
    // The first bytes were those of a format we take (they were checked), the rest is not.
    return new RedframeError('CORRUPT_INPUT', 'cannot decode the image, it is damaged or incomplete (its first bytes announce a format the rest does not follow); re-export or re-download it', file, { cause: error });
  }
  return new RedframeError('CORRUPT_INPUT', `cannot decode the image, it is damaged or incomplete (${detail || 'no detail'}); re-export or re-download it`, file, { cause: error });
}
