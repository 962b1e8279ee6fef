/**
 * Byte plumbing between the page's config, the canvas (RGBA) and the shared pixel pass
 * (`compositePixels`, RGB in). Pure functions on typed arrays; `atob` and `DecompressionStream`
 * exist in browsers and in Node alike, so these are tested in Node.
 */
import { expectedMessage } from '../core/errors.js';

/** Base64 to bytes with `atob`: `fetch` of a data: URL is refused by the page's CSP. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** zlib-inflated bytes (the config's `overlay` and `mask` are zlib streams, as Node's deflate writes). */
export async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * A baked layer from the config: base64, inflated, checked for its length. Undefined when absent.
 * A wrong length means the page was written by another version: better say so than draw noise.
 */
export async function unpackLayer(base64: string | undefined, expectedLength: number, name: string): Promise<Uint8Array | undefined> {
  if (base64 === undefined) return undefined;
  const bytes = await inflate(base64ToBytes(base64));
  if (bytes.length !== expectedLength) {
    throw new RangeError(expectedMessage(name, `${expectedLength} bytes`, bytes.length));
  }
  return bytes;
}

/** The canvas's RGBA as the RGB `compositePixels` reads (alpha dropped: the photo is opaque). */
export function rgbaToRgb(rgba: Uint8Array | Uint8ClampedArray, into: Uint8Array = new Uint8Array((rgba.length / 4) * 3)): Uint8Array {
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    into[o] = rgba[i]!;
    into[o + 1] = rgba[i + 1]!;
    into[o + 2] = rgba[i + 2]!;
  }
  return into;
}

/** The pass's output (RGB, or RGBA for a masked look) as canvas RGBA. */
export function toRgba(pixels: Uint8Array, channels: 3 | 4, into: Uint8ClampedArray): Uint8ClampedArray {
  if (channels === 4) {
    into.set(pixels);
    return into;
  }
  for (let i = 0, o = 0; o < into.length; i += 3, o += 4) {
    into[o] = pixels[i]!;
    into[o + 1] = pixels[i + 1]!;
    into[o + 2] = pixels[i + 2]!;
    into[o + 3] = 255;
  }
  return into;
}
