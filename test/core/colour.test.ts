import { describe, expect, it } from 'vitest';
import { parseColour } from '../../src/core/colour.js';
import { toHex } from '../../src/core/rgba.js';

describe('parseColour', () => {
  it.each([
    ['red', { r: 255, g: 0, b: 0, alpha: 1 }],
    ['crimson', { r: 220, g: 20, b: 60, alpha: 1 }],
    ['#d10a0a', { r: 209, g: 10, b: 10, alpha: 1 }],
    ['#D10A0A', { r: 209, g: 10, b: 10, alpha: 1 }],
    ['#f00', { r: 255, g: 0, b: 0, alpha: 1 }],
    ['rgb(10, 20, 30)', { r: 10, g: 20, b: 30, alpha: 1 }],
    ['rgba(255, 0, 0, 0.5)', { r: 255, g: 0, b: 0, alpha: 0.5 }],
    ['#ff000080', { r: 255, g: 0, b: 0, alpha: 0.5 }],
    ['hsl(0, 100%, 50%)', { r: 255, g: 0, b: 0, alpha: 1 }],
    ['  white  ', { r: 255, g: 255, b: 255, alpha: 1 }],
  ])('reads %s', (css, expected) => {
    const colour = parseColour(css, 'color');
    expect({ ...colour, alpha: Math.round(colour.alpha * 100) / 100 }).toEqual(expected);
  });

  it.each(['', 'reddish', '#12', '#gggggg', 'rgb(1,2)'])('refuses %j naming the option', (css) => {
    expect(() => parseColour(css, 'frameColor')).toThrow(/Expected a CSS colour .* for frameColor but received/);
  });

  it('writes #rrggbb for SVG', () => {
    expect(toHex({ r: 209, g: 10, b: 10, alpha: 1 })).toBe('#d10a0a');
  });
});
