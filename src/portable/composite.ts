import { expectedMessage, received } from '../core/errors.js';
import { luminance, WASH_OPACITY, type Treatment } from './treatment.js';

// This module runs in two places: the CLI (Node) and the campaign page (a browser bundle built
// from src/web/). So it takes and returns plain typed arrays and imports nothing from Node or
// sharp; test/web/bundle.test.ts bundles it for the browser to prove it. A Node Buffer is a
// Uint8Array, so the CLI passes its buffers unchanged and gets them back.

/** What the pass needs of an overlay (the CLI's `Overlay` has these and more). */
export interface PixelOverlay {
  size: number;
  /** RGBA, not premultiplied, size x size; undefined when there is nothing to draw. */
  rgba: Uint8Array | undefined;
  /** Coverage of the inscribed circle (0-255) when the output is a circle; else undefined. */
  mask: Uint8Array | undefined;
  /**
   * Where `rgba` is opaque and where partly transparent, when already known (the command's overlay
   * cache keeps it beside the pixels); else found from `rgba` on first use (see `overlayCoverage`).
   */
  coverage?: OverlayCoverage | undefined;
}

/** Where an overlay is opaque and where partly transparent: a fact of its pixels alone. */
export interface OverlayCoverage {
  /** Runs of opaque pixels (alpha 255): [start, end) pairs of pixel indexes, in order. */
  opaque: Uint32Array;
  /** The partly transparent pixels (alpha 1-254), in order. */
  partial: Uint32Array;
}

/**
 * One pass over the pixels: colour treatment, mixed with the original by `strength`, then the
 * overlay on top, then the circle mask. Doing it in one loop over the small resized image avoids
 * extra libvips passes (each an extra full copy of the image).
 *
 * Speed matters here: this runs on the main thread for every photo, beside the libvips threads
 * decoding the next ones. Each treatment has its own loop, so V8 compiles a tight, monomorphic
 * loop for it; the overlay's opaque runs are copied whole and only its anti-aliased edges are
 * mixed pixel by pixel (both found once per overlay). An 800x800 tint takes about 5 ms instead of
 * 18 ms for the first version's one generic loop, with the same bytes out.
 *
 * @param rgb the square photo, 3 channels, size x size (ignored for `solid`)
 * @param into where to write, from byte `offset` (one frame of an animation, say); default: a new array
 * @returns RGB, or RGBA when the overlay has a mask (a view into `into` when given, of the same
 *   kind: a Buffer for a Buffer)
 *
 * @example const frame = compositePixels(rgb, buildTreatment('tint', red, 1), overlay);
 */
export function compositePixels<T extends Uint8Array = Uint8Array>(
  rgb: Uint8Array | undefined,
  treatment: Treatment,
  overlay: PixelOverlay,
  into?: T,
  offset = 0,
): T {
  const { size, rgba: over, mask } = overlay;
  const pixels = size * size;
  const channels = mask ? 4 : 3;
  // `subarray` of a Buffer is a Buffer: the view keeps the caller's kind.
  const out = (into ? into.subarray(offset, offset + pixels * channels) : new Uint8Array(pixels * channels)) as T;
  if (out.length !== pixels * channels) {
    throw new RangeError(expectedMessage('into', `room for ${pixels * channels} bytes from offset ${offset}`, received(`a buffer of ${out.length}`)));
  }
  const { table, strength, mode, colour } = treatment;

  // The treatment runs only where the overlay is not opaque (it would be painted over); where the
  // overlay is partly transparent, it is mixed into the treated pixel afterwards. Every pixel is
  // read before it is written, so `into` may be `rgb` itself (3 channels): no second buffer.
  const plan = over ? planOverlay(overlay, channels) : undefined;
  const ranges = plan ? plan.uncovered : [0, pixels];
  const packed = table && packedTable(table);
  for (let r = 0; r < ranges.length; r += 2) {
    const from = ranges[r]!, to = ranges[r + 1]!;
    if (mode === 'solid' || !rgb) solidPass(out, from, to, channels, colour.r, colour.g, colour.b);
    else if (table && strength === 1) tablePass(rgb, out, from, to, channels, table, packed!);
    else if (table) tableMixPass(rgb, out, from, to, channels, table, packed!, strength);
    else if (mode === 'wash') washPass(rgb, out, from, to, channels, colour.r, colour.g, colour.b, WASH_OPACITY * strength);
    else multiplyPass(rgb, out, from, to, channels, colour.r, colour.g, colour.b, strength);
  }
  if (over) overlayPass(out, channels, over, plan!);
  if (mask) for (let p = 0, o = 3; p < pixels; p++, o += 4) out[o] = mask[p]!;
  return out;
}

/**
 * The colour treatment alone, over every pixel of `rgb` (3 channels, any width and height): the
 * ground of covers and cards, which have no avatar overlay. The same loops as `compositePixels`.
 *
 * @param into where to write (may be `rgb` itself); default: a new array
 * @example const red = treatPixels(rgb, buildTreatment('tint', { r: 209, g: 10, b: 10, alpha: 1 }, 1));
 */
export function treatPixels<T extends Uint8Array = Uint8Array>(rgb: Uint8Array, treatment: Treatment, into?: T): T {
  const out = (into ?? new Uint8Array(rgb.length)) as T;
  if (out.length !== rgb.length) throw new RangeError(expectedMessage('into', `room for ${rgb.length} bytes`, received(`a buffer of ${out.length}`)));
  const pixels = rgb.length / 3;
  const { table, strength, mode, colour } = treatment;
  if (mode === 'solid') solidPass(out, 0, pixels, 3, colour.r, colour.g, colour.b);
  else if (table && strength === 1) tablePass(rgb, out, 0, pixels, 3, table, packedTable(table));
  else if (table) tableMixPass(rgb, out, 0, pixels, 3, table, packedTable(table), strength);
  else if (mode === 'wash') washPass(rgb, out, 0, pixels, 3, colour.r, colour.g, colour.b, WASH_OPACITY * strength);
  else multiplyPass(rgb, out, 0, pixels, 3, colour.r, colour.g, colour.b, strength);
  return out;
}

// Writing `value + 0.5` into a Uint8Array truncates: the same as Math.round for 0..255.

// A module-local copy of the imported function: V8 inlines it into the loops, where calling the
// import binding directly measured about 10% slower per 800 px image (4.4 against 3.9 ms, min of 400).
const lum = luminance;

/**
 * Index into a treatment table: round(luminance) * 3. `(x + 0.5) | 0` gives exactly what
 * Math.round(x) gives for every one of the 16,777,216 colours (checked exhaustively) and is about
 * twice as fast in this loop.
 */
const lumIndex = (r: number, g: number, b: number) => ((lum(r, g, b) + 0.5) | 0) * 3;

/**
 * A treatment table by the exact integer weighted sum 30R + 59G + 11B of a colour (0-25,500): the
 * packed colour (r | g << 8 | b << 16) at round(luminance). The float formula and the exact sum
 * round alike wherever the sum is not a tie (sum % 100 === 50): the exact luminance is then at
 * least 0.01 from a half, far beyond the float's error. The ties, 1% of colours, hold -1 and go
 * through the float formula, whose rounding errors decide them (34,942 of their 167,836 colours
 * round down there). The same bytes for all 16,777,216 colours (test/portable/composite.test.ts
 * checks every one), for two integer multiplies and one look-up instead of three float multiplies
 * and three: an 800 px tint pass 1.9-2.1 -> 1.6 ms (warm, median of 100).
 */
const SUM_MAX = 255 * 100;
const packedTables = new WeakMap<Uint8Array, Int32Array>();

function packedTable(table: Uint8Array): Int32Array {
  let packed = packedTables.get(table);
  if (!packed) {
    packed = new Int32Array(SUM_MAX + 1);
    for (let l = 0, t = 0; l < 256; l++, t += 3) {
      // The sums 100l - 49 to 100l + 49 round to l; 100l + 50 is the tie between l and l + 1.
      packed.fill(table[t]! | (table[t + 1]! << 8) | (table[t + 2]! << 16), Math.max(0, l * 100 - 49), l * 100 + 50);
      if (l * 100 + 50 <= SUM_MAX) packed[l * 100 + 50] = -1;
    }
    packedTables.set(table, packed);
  }
  return packed;
}

function solidPass(out: Uint8Array, from: number, to: number, channels: number, r: number, g: number, b: number): void {
  const r8 = r + 0.5, g8 = g + 0.5, b8 = b + 0.5;
  for (let p = from, o = from * channels; p < to; p++, o += channels) {
    out[o] = r8;
    out[o + 1] = g8;
    out[o + 2] = b8;
  }
}

// A packed colour written to a Uint8Array keeps its low byte: out[o] = c stores r, c >> 8 stores g.
function tablePass(rgb: Uint8Array, out: Uint8Array, from: number, to: number, channels: number, table: Uint8Array, packed: Int32Array): void {
  for (let p = from, i = from * 3, o = from * channels; p < to; p++, i += 3, o += channels) {
    const r0 = rgb[i]!, g0 = rgb[i + 1]!, b0 = rgb[i + 2]!;
    const c = packed[30 * r0 + 59 * g0 + 11 * b0]!;
    if (c >= 0) {
      out[o] = c;
      out[o + 1] = c >> 8;
      out[o + 2] = c >> 16;
    } else {
      const t = lumIndex(r0, g0, b0);
      out[o] = table[t]!;
      out[o + 1] = table[t + 1]!;
      out[o + 2] = table[t + 2]!;
    }
  }
}

function tableMixPass(rgb: Uint8Array, out: Uint8Array, from: number, to: number, channels: number, table: Uint8Array, packed: Int32Array, strength: number): void {
  const keep = 1 - strength;
  for (let p = from, i = from * 3, o = from * channels; p < to; p++, i += 3, o += channels) {
    const r0 = rgb[i]!, g0 = rgb[i + 1]!, b0 = rgb[i + 2]!;
    let c = packed[30 * r0 + 59 * g0 + 11 * b0]!;
    if (c < 0) {
      const t = lumIndex(r0, g0, b0);
      c = table[t]! | (table[t + 1]! << 8) | (table[t + 2]! << 16);
    }
    out[o] = (c & 255) * strength + r0 * keep + 0.5;
    out[o + 1] = ((c >> 8) & 255) * strength + g0 * keep + 0.5;
    out[o + 2] = (c >> 16) * strength + b0 * keep + 0.5;
  }
}

function washPass(rgb: Uint8Array, out: Uint8Array, from: number, to: number, channels: number, cr: number, cg: number, cb: number, opacity: number): void {
  for (let p = from, i = from * 3, o = from * channels; p < to; p++, i += 3, o += channels) {
    const r0 = rgb[i]!, g0 = rgb[i + 1]!, b0 = rgb[i + 2]!;
    out[o] = r0 + (cr - r0) * opacity + 0.5;
    out[o + 1] = g0 + (cg - g0) * opacity + 0.5;
    out[o + 2] = b0 + (cb - b0) * opacity + 0.5;
  }
}

function multiplyPass(rgb: Uint8Array, out: Uint8Array, from: number, to: number, channels: number, cr: number, cg: number, cb: number, strength: number): void {
  const keep = 1 - strength;
  for (let p = from, i = from * 3, o = from * channels; p < to; p++, i += 3, o += channels) {
    const r0 = rgb[i]!, g0 = rgb[i + 1]!, b0 = rgb[i + 2]!;
    out[o] = ((r0 * cr) / 255) * strength + r0 * keep + 0.5;
    out[o + 1] = ((g0 * cg) / 255) * strength + g0 * keep + 0.5;
    out[o + 2] = ((b0 * cb) / 255) * strength + b0 * keep + 0.5;
  }
}

/**
 * The overlay on top of the treated pixels. Where it is opaque (most of the ring and the band) its
 * colours replace the pixels: whole runs copied at once. Where it is partly transparent
 * (anti-aliased edges, a few thousand pixels) it is mixed in.
 */
function overlayPass(out: Uint8Array, channels: number, over: Uint8Array, plan: OverlayPlan): void {
  const { opaque, runs, partial } = plan;
  for (let s = 0; s < opaque.length; s += 2) out.set(runs[s >> 1]!, opaque[s]! * channels);
  // Partly covered pixels were treated by the first pass: mix the overlay into that result. Only
  // `out` is read, so the pass also works when `out` is the photo's own buffer.
  for (let k = 0; k < partial.length; k++) {
    const p = partial[k]!;
    const q = p * 4;
    const o = p * channels;
    const a = over[q + 3]! / 255;
    const r = out[o]!, g = out[o + 1]!, b = out[o + 2]!;
    out[o] = r + (over[q]! - r) * a + 0.5;
    out[o + 1] = g + (over[q + 1]! - g) * a + 0.5;
    out[o + 2] = b + (over[q + 2]! - b) * a + 0.5;
  }
}

/** An overlay's coverage, and what the pass derives from it for one output layout. */
interface OverlayPlan extends OverlayCoverage {
  /** The runs between the opaque ones: where the photo shows, at least partly. */
  uncovered: Uint32Array;
  /**
   * The colours of each opaque run, laid out like the output: views of the runs' RGB, one after
   * the other, for 3 channels; of the overlay's own RGBA for 4 (the mask replaces its alpha after).
   * Made once, so a photo's pass allocates nothing (one view a run, about 1,500 of them, was
   * garbage for every photo).
   */
  runs: Uint8Array[];
}

// Found once per overlay (and output layout) and kept as long as the overlay is.
const plans = new WeakMap<Uint8Array, { coverage: OverlayCoverage; byChannels: OverlayPlan[] }>();

/**
 * Where the overlay is opaque and where partly transparent: `overlay.coverage` when given, else
 * found by one scan of its alpha (kept, like the overlay, for the next photo).
 *
 * @example const { opaque, partial } = overlayCoverage(overlay); // write it beside the overlay's pixels
 */
export function overlayCoverage(overlay: PixelOverlay): OverlayCoverage {
  const over = overlay.rgba;
  if (!over) return { opaque: new Uint32Array(0), partial: new Uint32Array(0) };
  let kept = plans.get(over);
  if (!kept) plans.set(over, (kept = { coverage: overlay.coverage ?? scanCoverage(over, overlay.size * overlay.size), byChannels: [] }));
  return kept.coverage;
}

function scanCoverage(over: Uint8Array, pixels: number): OverlayCoverage {
  const opaque: number[] = [];
  const partial: number[] = [];
  let start = -1;
  for (let p = 0, a = 3; p < pixels; p++, a += 4) {
    const alpha = over[a]!;
    if (alpha === 255) {
      if (start < 0) start = p;
      continue;
    }
    if (start >= 0) {
      opaque.push(start, p);
      start = -1;
    }
    if (alpha !== 0) partial.push(p);
  }
  if (start >= 0) opaque.push(start, pixels);
  return { opaque: Uint32Array.from(opaque), partial: Uint32Array.from(partial) };
}

function planOverlay(overlay: PixelOverlay, channels: number): OverlayPlan {
  const over = overlay.rgba!;
  const { opaque, partial } = overlayCoverage(overlay);
  const { byChannels } = plans.get(over)!;
  let plan = byChannels[channels];
  if (!plan) {
    const pixels = overlay.size * overlay.size;
    const uncovered: number[] = [];
    let end = 0;
    let covered = 0;
    for (let s = 0; s < opaque.length; s += 2) {
      if (opaque[s]! > end) uncovered.push(end, opaque[s]!);
      end = opaque[s + 1]!;
      covered += end - opaque[s]!;
    }
    if (end < pixels) uncovered.push(end, pixels);
    const runs: Uint8Array[] = [];
    if (channels === 3) {
      const layer = new Uint8Array(covered * 3);
      for (let s = 0, o = 0; s < opaque.length; s += 2) {
        const start = o;
        for (let p = opaque[s]!, q = p * 4, to = opaque[s + 1]!; p < to; p++, q += 4, o += 3) {
          layer[o] = over[q]!;
          layer[o + 1] = over[q + 1]!;
          layer[o + 2] = over[q + 2]!;
        }
        runs.push(layer.subarray(start, o));
      }
    } else {
      for (let s = 0; s < opaque.length; s += 2) runs.push(over.subarray(opaque[s]! * 4, opaque[s + 1]! * 4));
    }
    plan = { opaque, partial, uncovered: Uint32Array.from(uncovered), runs };
    byChannels[channels] = plan;
  }
  return plan;
}
