/**
 * Render options: the types and the one validator, both made from the option table
 * (src/options/table.ts).
 */
import type { Rgba } from '../core/rgba.js';
import { RedframeError } from '../core/errors.js';
import { TRANSPARENT_FORMATS, type Format } from '../core/formats.js';
import { checkValue, fail, plainObject, rejectUnknownKeys } from './check.js';
import {
  CROPS, OPTION_KEYS, optionsOf,
  type EntryOf, type OptionalInputs, type ResolvedInputs,
} from './table.js';

export type Crop = (typeof CROPS)[number];
export type { Frame, Banner } from '../words/look.js';

/**
 * What a render looks like. Every key is optional: missing keys take the defaults of the
 * `aleppo` preset (`DEFAULTS`). Preset files use exactly these keys. `redframe --help` and
 * `preset.schema.json` describe each one; both come from the same table as this type.
 */
export type RenderOptions = OptionalInputs<EntryOf<'look'>>;

/**
 * Options after validation: every value present, colours parsed, `text` and `font` lists.
 * `font` holds the caller's fonts in order (empty for none); the bundled font is not in it.
 * `message` holds the paragraphs of covers and cards (empty for none).
 */
export type ResolvedOptions = ResolvedInputs<EntryOf<'look'>> & { color: Rgba; frameColor: Rgba; textColor: Rgba };

/**
 * The default of every look option that has one: the `aleppo` preset.
 *
 * @example DEFAULTS.size // 800
 */
export const DEFAULTS = Object.fromEntries(
  optionsOf('look').flatMap((entry) => ('default' in entry ? [[entry.key, entry.default]] : [])),
) as { readonly [E in EntryOf<'look'> as E extends { default: unknown } ? E['key'] : never]: E extends { default: infer D } ? D : never };

const LOOK = optionsOf('look');

/**
 * Checks every option in one place and fills in the defaults. Unknown keys are rejected, not
 * ignored, so a typo in a preset never passes silently.
 *
 * @example resolveOptions({ size: 400, mode: 'wash' }).color // { r: 209, g: 10, b: 10, alpha: 1 }
 */
export function resolveOptions(options: RenderOptions = {}): ResolvedOptions {
  const given = plainObject(options, 'option');
  rejectUnknownKeys(given, OPTION_KEYS, 'option');
  const resolved: Record<string, unknown> = {};
  for (const entry of LOOK) {
    const value = given[entry.key] === undefined ? ('default' in entry ? entry.default : undefined) : given[entry.key];
    resolved[entry.key] = value === undefined ? undefined : checkValue(entry, value, entry.key);
  }
  resolved.frameColor ??= resolved.color; // the frame follows the treatment colour
  resolved.font ??= [];
  resolved.message ??= [];
  const result = resolved as ResolvedOptions;
  if (result.shape === 'circle' && result.format !== undefined && !TRANSPARENT_FORMATS.includes(result.format)) {
    throw new RedframeError(
      'INVALID_OPTION',
      `${result.format.toUpperCase()} has no transparency, so shape circle needs format ${listOr(TRANSPARENT_FORMATS)} (or use shape square)`,
    );
  }
  if (result.banner !== 'none' && result.text.length === 0) fail('text', 'at least one text segment (or banner none)', result.text);
  return result;
}

function listOr(items: readonly string[]): string {
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** The output format when none is asked for: JPEG keeps square photos small, PNG keeps transparency. */
export function defaultFormat(options: Pick<ResolvedOptions, 'format' | 'shape'>): Format {
  return options.format ?? (options.shape === 'circle' ? 'png' : 'jpeg');
}
