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
  // libvips' own resize (lanczos3, reducing gap 2): sharp's 1 / (width / 32) is exactly
  // smartcrop's 32 / width, as width / 32 is exact in a double.
  let small = sharp(rgb, { raw: { width, height, channels: 3 } }).resize(SMALL, SMALL, { fit: 'fill' });
  if (timeoutSeconds > 0) small = small.timeout({ seconds: timeoutSeconds });
  return attentionOffsetOfSmall(await small.raw().toBuffer(), width, height, cropWidth, cropHeight);
}

/** The side of the square image the attention crop analyses. */
export const ATTENTION_ANALYSIS_SIDE = SMALL;

/**
 * As `attentionOffset`, for a `width` x `height` image given already reduced to
 * `ATTENTION_ANALYSIS_SIDE` pixels square (8-bit sRGB, 3 channels): for an image too large to be
 * made whole at the scale that covers the crop (see decode-square.ts).
 */
export function attentionOffsetOfSmall(pixels: Uint8Array, width: number, height: number, cropWidth: number, cropHeight: number): CropOffset {
  const hscale = SMALL / width;
  const vscale = SMALL / height;
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
  const { xr, xg, xb, yr, yg, yb, zr, zg, zb } = xyzTables();
  // Y with a one-pixel border repeating the edge (vips_embed's extend copy), for the Laplacian.
  const w2 = width + 2;
  const Y = new Float32Array(w2 * (height + 2));
  const X = new Float32Array(n);
  const Z = new Float32Array(n);
  for (let y = 0, p = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++, i += 3) {
      const r = rgb[i]!, g = rgb[i + 1]!, b = rgb[i + 2]!;
      X[p] = f(f(xr[r]! + xg[g]!) + xb[b]!);
      Y[(y + 1) * w2 + x + 1] = f(f(yr[r]! + yg[g]!) + yb[b]!);
      Z[p] = f(f(zr[r]! + zg[g]!) + zb[b]!);
    }
  }
  for (let y = 1; y <= height; y++) {
    Y[y * w2] = Y[y * w2 + 1]!;
    Y[y * w2 + width + 1] = Y[y * w2 + width]!;
  }
  Y.copyWithin(0, w2, 2 * w2);
  Y.copyWithin((height + 1) * w2, height * w2, (height + 1) * w2);
  const score = new Float32Array(n);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0, q = (y + 1) * w2 + 1; x < width; x++, p++, q++) {
      const luminance = Y[q]!;
      // The 3x3 Laplacian (vips_conv, precision integer: a double sum of the non-zero taps in
      // mask order), stored as float, then linear1 (float) and abs.
      const laplacian = f(-Y[q - w2]! + -Y[q - 1]! + 4 * luminance + -Y[q + 1]! + -Y[q + w2]!);
      let s = Math.abs(f(f(5) * laplacian));
      if (luminance > 5) {
        const cx = X[p]!, cz = Z[p]!;
        // Distance of the normalised colour from the skin point (smartcrop.js), 100 at the
        // point: libvips' multiply, sum (float) and pow 0.5 (a double sqrt); vips_linear with
        // per-band constants computes in double.
        const magnitude = f(Math.sqrt(f(f(f(cx * cx) + f(luminance * luminance)) + f(cz * cz))));
        const dx = f((magnitude === 0 ? 0 : f(cx / magnitude)) - 0.78);
        const dy = f((magnitude === 0 ? 0 : f(luminance / magnitude)) - 0.57);
        const dz = f((magnitude === 0 ? 0 : f(cz / magnitude)) - 0.44);
        const distance = f(Math.sqrt(f(f(f(dx * dx) + f(dy * dy)) + f(dz * dz))));
        s = f(s + f(f(f(-100) * distance) + f(100)));
        // Saturation: a* of CIE Lab (XYZ2Lab.c: cube roots from a table, interpolated in float).
        s = f(s + f(f(500) * f(cubeRoot(cx, D65_X0) - cubeRoot(luminance, D65_Y0))));
      }
      score[p] = s;
    }
  }
  return score;
}

const QUANT = 100000;
const D65_X0 = 95.047;
const D65_Y0 = 100;

/** A cube root of X/Xn or Y/Yn for a* (XYZ2Lab.c: a table of 100,000 cube roots, interpolated in float). */
function cubeRoot(value: number, white: number): number {
  // int * float is float; divided by a double constant, stored as float.
  const n = f(f(QUANT * value) / white);
  const i = clip(0, Math.trunc(n), QUANT - 2);
  const fraction = f(n - i);
  const low = cbrtEntry(i);
  return f(low + f(fraction * f(cbrtEntry(i + 1) - low)));
}

// Entries are computed when first needed (NaN until then): a photo uses a few thousand of the 100,000.
const cbrtEntries = new Float32Array(QUANT).fill(Number.NaN);

function cbrtEntry(i: number): number {
  let entry = cbrtEntries[i]!;
  if (Number.isNaN(entry)) {
    const y = f(i / QUANT);
    entry = cbrtEntries[i] = y < 0.008856 ? f(f(f(7.787) * y) + f(16 / 116)) : cbrtf(y);
  }
  return entry;
}

const CBRT2 = 1.2599210498948732;
const SQR_CBRT2 = 1.5874010519681996;
const CBRT_FACTOR = [1 / SQR_CBRT2, 1 / CBRT2, 1, CBRT2, SQR_CBRT2];

/** glibc 2.36's `cbrtf` (sysdeps/ieee754/flt-32/s_cbrtf.c), for x > 0: not correctly rounded, as libvips gets it there. */
const floatBits = new Float32Array(1);
const intBits = new Uint32Array(floatBits.buffer);

export function cbrtf(x: number): number {
  // frexpf for a normal float: mantissa in [0.5, 1) and its power of two, from the bits.
  floatBits[0] = x;
  const exponent = ((intBits[0]! >>> 23) & 0xff) - 126;
  intBits[0] = (intBits[0]! & 0x807fffff) | (126 << 23);
  const mantissa = floatBits[0]!;
  const u = f(0.49265962052896956 + (0.6975704602079228 - 0.19150216167871906 * mantissa) * mantissa);
  const t2 = f(f(u * u) * u);
  const ym = f(((u * (t2 + 2 * mantissa)) / (2 * t2 + mantissa)) * CBRT_FACTOR[2 + (exponent % 3)]!);
  return f(ym * 2 ** Math.trunc(exponent / 3));
}

/** X, Y and Z's term for each channel: `xr[r] + xg[g] + xb[b]` is X. */
interface XyzTables {
  xr: Float32Array;
  xg: Float32Array;
  xb: Float32Array;
  yr: Float32Array;
  yg: Float32Array;
  yb: Float32Array;
  zr: Float32Array;
  zg: Float32Array;
  zb: Float32Array;
}

let xyz: XyzTables | undefined;

/**
 * Each channel's term of X, Y and Z for every 8-bit value: libvips' sRGB to linear table
 * (LabQ2sRGB.c `calcul_tables`, float arithmetic, powf) times 100 (a double, rounded to float),
 * times the float matrix coefficient (scRGB2XYZ.c), rounded to float. Only the sums are left
 * for each pixel.
 */
function xyzTables(): XyzTables {
  if (!xyz) {
    const table = () => new Float32Array(256);
    xyz = { xr: table(), xg: table(), xb: table(), yr: table(), yg: table(), yb: table(), zr: table(), zg: table(), zb: table() };
    for (let i = 0; i < 256; i++) {
      const v = f(i / 255);
      const linear = v <= 0.04045 ? f(v / f(12.92)) : f(Math.pow(f(f(v + f(0.055)) / f(1 + f(0.055))), f(2.4)));
      const c = f(linear * 100);
      [xyz.xr[i], xyz.xg[i], xyz.xb[i]] = [f(f(0.4124) * c), f(f(0.3576) * c), f(f(0.1805) * c)];
      [xyz.yr[i], xyz.yg[i], xyz.yb[i]] = [f(f(0.2126) * c), f(f(0.7152) * c), f(f(0.0722) * c)];
      [xyz.zr[i], xyz.zg[i], xyz.zb[i]] = [f(f(0.0193) * c), f(f(0.1192) * c), f(f(0.9505) * c)];
    }
  }
  return xyz;
}

/**
 * The blurred map's maximum (vips_gaussblur with its integer mask, min_ampl 0.2, separable:
 * across then down, each a double sum over the non-zero taps divided by the mask's sum, stored
 * as float; then vips_max, whose first maximum in reading order wins).
 */
function brightestSpot(score: Float32Array, width: number, height: number, sigma: number): { x: number; y: number } {
  const mask = gaussMask(sigma);
  let scale = 0;
  for (const v of mask) scale += v;
  scale ||= 1;
  const half = (mask.length - 1) / 2;
  const across = blurPass(score, width, height, mask, half, scale, 1, width);
  const down = blurPass(across, width, height, mask, half, scale, width, 1);
  let best = 0;
  for (let p = 1; p < down.length; p++) if (down[p]! > down[best]!) best = p;
  return { x: best % width, y: Math.trunc(best / width) };
}

/**
 * One pass of the separable blur along lines `step` apart (1: across, width: down), lines
 * `lineStep` apart; the line is first copied with `half` border pixels repeated on each side
 * (vips_embed's extend copy), so the taps need no bounds checks.
 */
function blurPass(src: Float32Array, width: number, height: number, mask: Float64Array, half: number, scale: number, step: number, lineStep: number): Float32Array {
  const out = new Float32Array(src.length);
  const length = step === 1 ? width : height;
  const lines = step === 1 ? height : width;
  const line = new Float32Array(length + 2 * half);
  const taps = mask.length;
  for (let l = 0; l < lines; l++) {
    const start = l * lineStep;
    for (let i = 0; i < line.length; i++) {
      const at = i < half ? 0 : i >= half + length ? length - 1 : i - half;
      line[i] = src[start + at * step]!;
    }
    for (let i = 0; i < length; i++) {
      let sum = 0;
      for (let t = 0; t < taps; t++) {
        const k = mask[t]!;
        if (k !== 0) sum += k * line[i + t]!;
      }
      out[start + i * step] = sum / scale;
    }
  }
  return out;
}

/** gaussmat.c, precision integer: rint(20 * exp(-x² / 2σ²)) out to where it falls under min_ampl 0.2. */
function gaussMask(sigma: number): Float64Array {
  const sig2 = 2 * sigma * sigma;
  const maxX = clip(0, Math.trunc(8 * sigma), 10000);
  let x = 0;
  while (x < maxX && Math.exp(-(x * x) / sig2) >= 0.2) x++;
  const width = 2 * Math.max(x - 1, 0) + 1;
  const mask = new Float64Array(width);
  for (let i = 0; i < width; i++) {
    const offset = i - Math.trunc(width / 2);
    mask[i] = rint(20 * Math.exp(-(offset * offset) / sig2));
  }
  return mask;
}

/** C's rint: halves to even. */
function rint(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
