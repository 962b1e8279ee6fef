import { describe, expect, it } from 'vitest';
import { accentCss, contrastRatio, pageAccent, TEXT_CONTRAST } from '../../src/portable/accent.js';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const colour = (hex: string) => {
  const [r, g, b] = rgb(hex);
  return { r, g, b, alpha: 1 };
};
/** Hue in degrees, for "still the campaign's colour". */
function hue([r, g, b]: [number, number, number]): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

const WHITE: [number, number, number] = [255, 255, 255];
const CAMPAIGNS = { red: '#ff4136', defaultRed: '#d10a0a', green: '#2ecc40', blue: '#0074d9', yellow: '#ffdc00', black: '#000000', darkGreen: '#0a7d32', white: '#ffffff' };

describe('pageAccent', () => {
  it.each(Object.entries(CAMPAIGNS))('gives a %s campaign an accent that white text on it and it on the page both read at 4.5:1', (_name, hex) => {
    const { accent, accentHover, tint } = pageAccent(colour(hex));
    expect(contrastRatio(rgb(accent), WHITE)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(contrastRatio(rgb(accent), rgb(tint))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(contrastRatio(rgb(accentHover), WHITE)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    // Hovering shows.
    expect(contrastRatio(rgb(accentHover), rgb(accent))).toBeGreaterThan(1.2);
  });

  it('keeps the campaign’s hue, darkening only as much as needed', () => {
    for (const hex of [CAMPAIGNS.red, CAMPAIGNS.green, CAMPAIGNS.blue, CAMPAIGNS.yellow]) {
      const { accent } = pageAccent(colour(hex));
      expect(Math.abs(hue(rgb(accent)) - hue(rgb(hex)))).toBeLessThan(4);
      // As light as readable allows: a step lighter would not be readable.
      expect(contrastRatio(rgb(accent), WHITE)).toBeLessThan(TEXT_CONTRAST + 0.6);
    }
    // Already dark enough: unchanged.
    expect(pageAccent(colour(CAMPAIGNS.defaultRed)).accent).toBe(CAMPAIGNS.defaultRed);
    expect(pageAccent(colour(CAMPAIGNS.darkGreen)).accent).toBe(CAMPAIGNS.darkGreen);
    expect(pageAccent(colour(CAMPAIGNS.black)).accent).toBe('#000000');
  });

  it('writes the three as CSS custom properties', () => {
    expect(accentCss(pageAccent(colour(CAMPAIGNS.darkGreen)))).toMatch(/^:root\{--rf-accent:#0a7d32;--rf-accent-hover:#[0-9a-f]{6};--rf-tint:#[0-9a-f]{6}\}$/);
  });
});
