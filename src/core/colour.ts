import ColourModule from '@img/colour';
import { invalid } from './errors.js';
import type { Rgba } from './rgba.js';

// The package is CommonJS whose `module.exports` is the function; its types describe an ES default.
const Color = ColourModule as unknown as (typeof ColourModule)['default'];

/**
 * Parses CSS colour syntax: names (`crimson`), `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()`
 * and `hsl()`. Uses the same parser as sharp itself (`@img/colour`, a build of `color-string`),
 * so there is no second copy of the CSS colour table.
 *
 * @example parseColour('#e10600', 'color') // { r: 225, g: 6, b: 0, alpha: 1 }
 */
export function parseColour(value: unknown, name: string): Rgba {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(name, 'a CSS colour (a name, #rrggbb or rgb(r, g, b))', value);
  }
  let parsed;
  try {
    parsed = Color(value.trim());
  } catch {
    throw invalid(name, 'a CSS colour (a name, #rrggbb or rgb(r, g, b))', value);
  }
  const [r, g, b] = parsed.rgb().array().map((c: number) => Math.round(c)) as [number, number, number];
  return { r, g, b, alpha: parsed.alpha() };
}
