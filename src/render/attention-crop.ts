import sharp from 'sharp';

/**
 * libvips' attention crop (`vips_smartcrop`, `interesting: attention`, libvips 8.18's smartcrop.c),
 * done here on the photo already scaled to cover the crop.
 *
 * Why not let sharp do it: called through sharp (`position: 'attention'`) it costs about 8 ms a
 * photo, nearly all of it libvips' per-operation overhead: some thirty operations (colour
 * conversions, a convolution, a blur, a max) each built and run on a 32x32 image. Here libvips
 * makes the 32x32 image (its own resize, so the same pixels) and the rest is one small loop: a
 * 12-megapixel photo's decode and crop went from 68.4 to 63.2 ms of CPU. The crop is the same: every step below repeats libvips' arithmetic, float
 * where libvips computes in float and double where it computes in double, and the tests compare
 * with sharp's own attention crop byte for byte.
 *
 * One step cannot be taken from the platform: libvips takes cube roots from the C library
 * (`cbrtf`), whose last bit differs between C libraries. `cbrtf` below is glibc 2.36's (Debian
 * 12), checked against it on every one of the 100,000 table entries, so this crop is the same on
 * every machine, where libvips' own could move by one step on a near tie.
 */

/** The analysis runs on an image this many pixels on each side (libvips' choice). */
const SMALL = 32;

/** Where to cut a `cropWidth` x `cropHeight` window out of a `width` x `height` image. */
export interface CropOffset {
  left: number;
  top: number;
}

/**
 * The attention crop's window in an 8-bit sRGB image (3 channels, no padding): the same
 * `left`/`top` that libvips' smartcrop picks for this image.
 *
 * @example const { left, top } = await attentionOffset(rgb, 1067, 800, 800, 800);
 */
export async function attentionOffset(rgb: Uint8Array, width: number, height: number, cropWidth: number, cropHeight: number, timeoutSeconds = 0): Promise<CropOffset> {
  const hscale = SMALL / width;
  const vscale = SMALL / height;
  // libvips' own resize (lanczos3, reducing gap 2): sharp's 1 / (width / 32) is exactly
  // smartcrop's 32 / width, as width / 32 is exact in a double.
  let small = sharp(rgb, { raw: { width, height, channels: 3 } }).resize(SMALL, SMALL, { fit: 'fill' });
  if (timeoutSeconds > 0) small = small.timeout({ seconds: timeoutSeconds });
  const pixels = await small.raw().toBuffer();
  const sigma = Math.max(Math.sqrt((cropWidth * hscale) ** 2 + (cropHeight * vscale) ** 2) / 10, 1);
  const { x, y } = brightestSpot(interest(pixels, SMALL, SMALL), SMALL, SMALL, sigma);
  // C's int conversions truncate; so does Math.trunc.
  const attentionX = Math.trunc(x / hscale);
  const attentionY = Math.trunc(y / vscale);
  return {
    left: clip(0, attentionX - Math.trunc(cropWidth / 2), width - cropWidth),
    top: clip(0, attentionY - Math.trunc(cropHeight / 2), height - cropHeight),
  };
}

/**
 * Cuts the window out of `rgb` in place (row by row towards the start, so no row is overwritten
 * before it is read) and returns the view of it: no second image buffer.
 */
export function cropInPlace<T extends Uint8Array>(rgb: T, width: number, { left, top }: CropOffset, cropWidth: number, cropHeight: number): T {
  const row = cropWidth * 3;
  for (let y = 0; y < cropHeight; y++) {
    const from = ((y + top) * width + left) * 3;
    rgb.copyWithin(y * row, from, from + row);
  }
  return rgb.subarray(0, row * cropHeight) as T;
}

const clip = (low: number, value: number, high: number) => Math.max(low, Math.min(value, high));

const f = Math.fround;

/**
 * The interest map (smartcrop.c `vips_smartcrop_attention`, before the blur): edges of the
 * luminance, skin tones and saturation (a* of Lab), the last two only where it is not dark. XYZ
 * as libvips' sRGB2scRGB and scRGB2XYZ compute it.
 */
function interest(rgb: Uint8Array, width: number, height: number): Float32Array {
  const n = width * height;
  const X = new Float32Array(n);
  const Y = new Float32Array(n);
  const Z = new Float32Array(n);
  const linear = srgbToLinear();
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    // float * double (VIPS_D65_Y0), rounded to float
    const r = f(linear[rgb[i]!]! * 100);
    const g = f(linear[rgb[i + 1]!]! * 100);
    const b = f(linear[rgb[i + 2]!]! * 100);
    X[p] = f(f(f(f(0.4124) * r) + f(f(0.3576) * g)) + f(f(0.1805) * b));
    Y[p] = f(f(f(f(0.2126) * r) + f(f(0.7152) * g)) + f(f(0.0722) * b));
    Z[p] = f(f(f(f(0.0193) * r) + f(f(0.1192) * g)) + f(f(0.9505) * b));
  }
  // Edges repeat the border pixel (vips_embed's extend copy).
  const at = (x: number, y: number) => Y[clip(0, y, height - 1) * width + clip(0, x, width - 1)]!;
  const score = new Float32Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const luminance = Y[p]!;
      // The 3x3 Laplacian (vips_conv, precision integer: a double sum of the non-zero taps in
      // mask order), stored as float, then linear1 (float) and abs.
      const laplacian = f(-at(x, y - 1) + -at(x - 1, y) + 4 * luminance + -at(x + 1, y) + -at(x, y + 1));
      const edge = Math.abs(f(f(5) * laplacian));
      let skin = 0;
      let saturation = 0;
      if (luminance > 5) {
        // Distance of the normalised colour from the skin point (smartcrop.js), 100 at the point.
        const magnitude = pythagoras(X[p]!, luminance, Z[p]!);
        const nx = magnitude === 0 ? 0 : f(X[p]! / magnitude);
        const ny = magnitude === 0 ? 0 : f(luminance / magnitude);
        const nz = magnitude === 0 ? 0 : f(Z[p]! / magnitude);
        // vips_linear with per-band constants computes in double.
        const distance = pythagoras(f(nx - 0.78), f(ny - 0.57), f(nz - 0.44));
        skin = f(f(f(-100) * distance) + f(100));
        saturation = labA(X[p]!, luminance);
      }
      score[p] = f(f(edge + skin) + saturation);
    }
  }
  return score;
}

/** sqrt(a² + b² + c²) as libvips' multiply, sum (float) and pow 0.5 (a double sqrt) give it. */
const pythagoras = (a: number, b: number, c: number) => f(Math.sqrt(f(f(f(a * a) + f(b * b)) + f(c * c))));

const QUANT = 100000;
const D65_X0 = 95.047;
const D65_Y0 = 100;

/** a* of CIE Lab (XYZ2Lab.c: a table of 100,000 cube roots, interpolated in float). */
function labA(x: number, y: number): number {
  return f(f(500) * f(cubeRoot(x, D65_X0) - cubeRoot(y, D65_Y0)));
}

function cubeRoot(value: number, white: number): number {
  // int * float is float; divided by a double constant, stored as float.
  const n = f(f(QUANT * value) / white);
  const i = clip(0, Math.trunc(n), QUANT - 2);
  const fraction = f(n - i);
  const low = cbrtEntry(i);
  return f(low + f(fraction * f(cbrtEntry(i + 1) - low)));
}

// Entries are computed when first needed: a photo uses a few thousand of the 100,000.
const cbrtEntries = new Float32Array(QUANT);
const cbrtKnown = new Uint8Array(QUANT);

function cbrtEntry(i: number): number {
  if (!cbrtKnown[i]) {
    const y = f(i / QUANT);
    cbrtEntries[i] = y < 0.008856 ? f(f(f(7.787) * y) + f(16 / 116)) : cbrtf(y);
    cbrtKnown[i] = 1;
  }
  return cbrtEntries[i]!;
}

const CBRT2 = 1.2599210498948732;
const SQR_CBRT2 = 1.5874010519681996;
const CBRT_FACTOR = [1 / SQR_CBRT2, 1 / CBRT2, 1, CBRT2, SQR_CBRT2];

/** glibc 2.36's `cbrtf` (sysdeps/ieee754/flt-32/s_cbrtf.c), for x > 0: not correctly rounded, as libvips gets it there. */
export function cbrtf(x: number): number {
  // frexpf: x = mantissa * 2^exponent, mantissa in [0.5, 1)
  let exponent = Math.floor(Math.log2(x)) + 1;
  let mantissa = x / 2 ** exponent;
  if (mantissa >= 1) {
    mantissa /= 2;
    exponent++;
  } else if (mantissa < 0.5) {
    mantissa *= 2;
    exponent--;
  }
  const u = f(0.49265962052896956 + (0.6975704602079228 - 0.19150216167871906 * mantissa) * mantissa);
  const t2 = f(f(u * u) * u);
  const ym = f(((u * (t2 + 2 * mantissa)) / (2 * t2 + mantissa)) * CBRT_FACTOR[2 + (exponent % 3)]!);
  return f(ym * 2 ** Math.trunc(exponent / 3));
}

let linearTable: Float32Array | undefined;

/** libvips' 8-bit sRGB to linear table (LabQ2sRGB.c `calcul_tables`, float arithmetic, powf). */
function srgbToLinear(): Float32Array {
  if (!linearTable) {
    linearTable = new Float32Array(256);
    for (let i = 0; i < 256; i++) {
      const v = f(i / 255);
      linearTable[i] = v <= 0.04045 ? f(v / f(12.92)) : f(Math.pow(f(f(v + f(0.055)) / f(1 + f(0.055))), f(2.4)));
    }
  }
  return linearTable;
}

/**
 * The blurred map's maximum (vips_gaussblur with its integer mask, min_ampl 0.2, separable:
 * across then down, each a double sum over the non-zero taps divided by the mask's sum, stored
 * as float; then vips_max, whose first maximum in reading order wins).
 */
function brightestSpot(score: Float32Array, width: number, height: number, sigma: number): { x: number; y: number } {
  const mask = gaussMask(sigma);
  const scale = mask.reduce((sum, v) => sum + v, 0) || 1;
  const half = Math.trunc(mask.length / 2);
  const across = new Float32Array(score.length);
  const down = new Float32Array(score.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let i = 0; i < mask.length; i++) if (mask[i]) sum += mask[i]! * score[y * width + clip(0, x + i - half, width - 1)]!;
      across[y * width + x] = sum / scale;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let i = 0; i < mask.length; i++) if (mask[i]) sum += mask[i]! * across[clip(0, y + i - half, height - 1) * width + x]!;
      down[y * width + x] = sum / scale;
    }
  }
  let best = 0;
  for (let p = 1; p < down.length; p++) if (down[p]! > down[best]!) best = p;
  return { x: best % width, y: Math.trunc(best / width) };
}

/** gaussmat.c, precision integer: rint(20 * exp(-x² / 2σ²)) out to where it falls under min_ampl 0.2. */
function gaussMask(sigma: number): number[] {
  const sig2 = 2 * sigma * sigma;
  const maxX = clip(0, Math.trunc(8 * sigma), 10000);
  let x = 0;
  while (x < maxX && Math.exp(-(x * x) / sig2) >= 0.2) x++;
  const width = 2 * Math.max(x - 1, 0) + 1;
  const mask: number[] = [];
  for (let i = 0; i < width; i++) {
    const offset = i - Math.trunc(width / 2);
    mask.push(rint(20 * Math.exp(-(offset * offset) / sig2)));
  }
  return mask;
}

/** C's rint: halves to even. */
function rint(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
