import { describe, expect, it } from 'vitest';
import { compositePixels, overlayCoverage } from '../../src/portable/composite.js';
import { buildTreatment, luminance } from '../../src/portable/treatment.js';


describe('overlayCoverage', () => {
  it('finds the runs of opaque pixels and the partly transparent ones', () => {
    // A 3x3 overlay: opaque, opaque, clear / half, opaque, opaque / opaque, clear, faint.
    const alphas = [255, 255, 0, 128, 255, 255, 255, 0, 1];
    const rgba = Uint8Array.from(alphas.flatMap((a) => [1, 2, 3, a]));
    const { opaque, partial } = overlayCoverage({ size: 3, rgba, mask: undefined });
    expect([...opaque]).toEqual([0, 2, 4, 7]);
    expect([...partial]).toEqual([3, 8]);
  });

  it('gives back the coverage it was given (read from the command\'s cache) without scanning', () => {
    const rgba = new Uint8Array(4 * 4 * 4); // all clear: a scan would find nothing
    const given = { opaque: Uint32Array.of(1, 3), partial: Uint32Array.of(5) };
    expect(overlayCoverage({ size: 4, rgba, mask: undefined, coverage: given })).toBe(given);
  });
});

describe('compositePixels', () => {
  it('gives the same bytes with the coverage given as with the coverage found, for 3 and 4 channels', () => {
    const size = 24;
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    const rgb = Uint8Array.from({ length: size * size * 3 }, next);
    const alpha = () => [0, 255, 255, next()][next() % 4]!;
    const rgba = Uint8Array.from({ length: size * size * 4 }, (_, i) => (i % 4 === 3 ? alpha() : next()));
    const mask = Uint8Array.from({ length: size * size }, next);
    const treatment = buildTreatment('tint', { r: 209, g: 10, b: 10, alpha: 1 }, 0.7);
    for (const m of [undefined, mask]) {
      const found = compositePixels(rgb, treatment, { size, rgba, mask: m });
      const coverage = overlayCoverage({ size, rgba, mask: m });
      const given = compositePixels(rgb, treatment, { size, rgba: Uint8Array.from(rgba), mask: m, coverage });
      expect(given).toEqual(found);
      // Opaque pixels show the overlay's colour; clear ones the treated photo.
      const channels = m ? 4 : 3;
      const p = coverage.opaque[0]!;
      expect([...found.subarray(p * channels, p * channels + 3)]).toEqual([...rgba.subarray(p * 4, p * 4 + 3)]);
      if (m) expect(found[p * 4 + 3]).toBe(m[p]);
    }
  });
});

describe('the treatment tables', () => {
  it('colour every one of the 16,777,216 colours by round(luminance), as the float formula does', () => {
    // A 4096 x 4096 image holds each colour once; the expected bytes come from the formula itself.
    const size = 4096;
    const rgb = new Uint8Array(size * size * 3);
    for (let p = 0, i = 0; p < size * size; p++, i += 3) {
      rgb[i] = p >> 16;
      rgb[i + 1] = (p >> 8) & 255;
      rgb[i + 2] = p & 255;
    }
    for (const strength of [1, 0.6]) {
      const treatment = buildTreatment('tint', { r: 209, g: 10, b: 10, alpha: 1 }, strength);
      const table = treatment.table!;
      const out = compositePixels(rgb, treatment, { size, rgba: undefined, mask: undefined });
      let wrong = 0;
      for (let i = 0; i < rgb.length; i += 3) {
        const t = Math.round(luminance(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!)) * 3;
        for (let c = 0; c < 3; c++) {
          const want = strength === 1 ? table[t + c]! : Math.trunc(table[t + c]! * strength + rgb[i + c]! * (1 - strength) + 0.5);
          if (out[i + c] !== want) wrong++;
        }
      }
      expect(wrong, `strength ${strength}`).toBe(0);
    }
  });
});
