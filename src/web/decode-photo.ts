import { SNIFF_BYTES, sniffFormat } from '../portable/format-sniff.js';
import { headerSize } from '../portable/header-size.js';
import { DEFAULT_MAX_PIXELS, isUsablePhotoShape } from '../portable/photo-shape.js';
import { looksComplete } from './truncation.js';

/**
 * Longest side a photo is decoded at. A 48-megapixel phone photo at full size is 190 MB of RGBA,
 * enough to crash a phone's tab; 4096 px is five times an 800 px avatar, room for zooming in.
 */
const MAX_DECODE_SIDE = 4096;

/**
 * Largest photo file the page reads into the tab's memory. A 200-megapixel phone JPEG is about
 * 40 MB and an iPhone HEIC a few MB; a larger file is not a photo to make an avatar of, and
 * reading it whole could take the tab's memory (every string table says this number).
 */
export const MAX_PHOTO_BYTES = 64 * 1024 * 1024;

/** Why a file could not become a photo; each has its own sentence in every language. */
export type DecodeProblem = 'notAPhoto' | 'cannotOpen' | 'damaged' | 'tooLarge' | 'tooManyPixels' | 'tooThin';

export class DecodeError extends Error {
  constructor(readonly problem: DecodeProblem, detail: string) {
    super(detail);
  }
}

export interface DecodedPhoto {
  /** Upright (EXIF orientation applied), at most MAX_DECODE_SIDE on its longest side. */
  image: ImageBitmap;
  width: number;
  height: number;
}

/**
 * The photo, decoded by the browser, upright and no larger than needed.
 * Throws DecodeError: `tooLarge` for a file over MAX_PHOTO_BYTES (from its size alone),
 * `notAPhoto` for first bytes of no image format (read alone, before the rest), `damaged` for a
 * JPEG or PNG cut short, `tooManyPixels` and `tooThin` for a size over the limits the command
 * has too (portable/photo-shape.ts; from the header where it can be read, before the browser
 * decodes anything), `cannotOpen` for an image the browser cannot decode (HEIC outside Safari,
 * and any other damage its decoder finds).
 */
export async function decodePhoto(file: Blob, maxSide = MAX_DECODE_SIDE): Promise<DecodedPhoto> {
  // The size and the first bytes decide before the file is read: a 2 GB video costs nothing.
  if (file.size > MAX_PHOTO_BYTES) throw new DecodeError('tooLarge', `${file.size} bytes`);
  const format = sniffFormat(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (!format) throw new DecodeError('notAPhoto', 'no image signature');
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!looksComplete(bytes, format)) throw new DecodeError('damaged', `${format} is cut off`);
  // The header's size, where it is read here, before the browser sees the file: a 60000x60000 bomb
  // failed in the browser with no reason given, and a 1x10000 strip was scaled to 0 pixels wide.
  const claimed = headerSize(bytes, format);
  // A header of 0 pixels is damage, which the browser's decoder reports.
  if (claimed && claimed.width > 0 && claimed.height > 0) checkSize(claimed.width, claimed.height);
  const blob = new Blob([bytes], { type: file.type });
  // The upright size first, from an <img> (it reads the header; the pixels are decoded later, if
  // ever), so that a huge photo is decoded straight at a reduced size.
  const { width, height } = await uprightSize(blob);
  checkSize(width, height);
  const shrink = Math.min(1, maxSide / Math.max(width, height));
  let image: ImageBitmap;
  try {
    image = await createImageBitmap(blob, {
      imageOrientation: 'from-image',
      ...(shrink < 1 ? { resizeWidth: Math.round(width * shrink), resizeHeight: Math.round(height * shrink), resizeQuality: 'high' } : {}),
    });
  } catch (error) {
    throw new DecodeError('cannotOpen', String(error));
  }
  return { image, width: image.width, height: image.height };
}

/** The command's limits on a photo's size, the same numbers (portable/photo-shape.ts). */
function checkSize(width: number, height: number): void {
  if (width * height > DEFAULT_MAX_PIXELS) throw new DecodeError('tooManyPixels', `${width}x${height}`);
  if (!isUsablePhotoShape(width, height)) throw new DecodeError('tooThin', `${width}x${height}`);
}

function uprightSize(blob: Blob): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    const url = URL.createObjectURL(blob);
    const done = () => URL.revokeObjectURL(url);
    img.onload = () => {
      done();
      if (img.naturalWidth > 0 && img.naturalHeight > 0) resolve({ width: img.naturalWidth, height: img.naturalHeight });
      else reject(new DecodeError('cannotOpen', 'no size'));
    };
    img.onerror = () => {
      done();
      reject(new DecodeError('cannotOpen', 'the browser cannot decode it'));
    };
    img.src = url;
  });
}
