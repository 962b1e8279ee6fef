import { describe, parseColour, type Rgba } from './colour.js';
import { RedframeError } from './errors.js';

export const MODES = ['tint', 'wash', 'multiply', 'duotone', 'solid'] as const;
export const CROPS = ['attention', 'centre', 'entropy'] as const;
export const FRAMES = ['ring', 'border', 'none'] as const;
export const BANNERS = ['arc', 'strip', 'none'] as const;
export const SHAPES = ['square', 'circle'] as const;
export const FORMATS = ['png', 'jpeg', 'webp', 'avif', 'gif'] as const;

export type Mode = (typeof MODES)[number];
export type Crop = (typeof CROPS)[number];
export type Frame = (typeof FRAMES)[number];
export type Banner = (typeof BANNERS)[number];
export type Shape = (typeof SHAPES)[number];
export type Format = (typeof FORMATS)[number];

/**
 * What a render looks like. Every key is optional: missing keys take the defaults of the
 * `aleppo` preset. Preset files use exactly these keys.
 */
export interface RenderOptions {
  /** Output width and height in pixels, 64 to 4096. Default 800. */
  size?: number;
  /** How the square is cut from the photo. Default `attention` (keeps faces). */
  crop?: Crop;
  /** Colour treatment. Default `tint`. */
  mode?: Mode;
  /** Treatment colour, CSS syntax. Default `#d10a0a`. */
  color?: string;
  /** 0 keeps the original photo, 1 is the full treatment. Default 1. */
  strength?: number;
  /** Frame kind. Default `ring`. */
  frame?: Frame;
  /** Frame thickness as a fraction of the size, 0.005 to 0.25. Default 0.04. */
  frameWidth?: number;
  /** Frame colour, CSS syntax. Default: the treatment colour. */
  frameColor?: string;
  /** Banner kind. Default `arc`. */
  banner?: Banner;
  /** Banner segments, one per entry. Default `['#حلب_تحترق', '#AleppoIsBurning']`. */
  text?: string[];
  /** Banner text colour. Default `white`. */
  textColor?: string;
  /** A TrueType or OpenType font file for other scripts. Default: the bundled Vazirmatn Bold. */
  font?: string;
  /** `circle` makes everything outside the inscribed circle transparent. Default `square`. */
  shape?: Shape;
  /** Output format. Default: from the output file's extension, else JPEG (square) or PNG (circle). */
  format?: Format;
  /** Encoder quality 1 to 100. Default 90 (JPEG, WebP), 60 (AVIF). */
  quality?: number;
}

/** Options after validation: every value present, colours parsed. */
export interface ResolvedOptions {
  size: number;
  crop: Crop;
  mode: Mode;
  color: Rgba;
  strength: number;
  frame: Frame;
  frameWidth: number;
  frameColor: Rgba;
  banner: Banner;
  text: string[];
  textColor: Rgba;
  font: string | undefined;
  shape: Shape;
  format: Format | undefined;
  quality: number | undefined;
}

export const DEFAULT_TEXT = ['#حلب_تحترق', '#AleppoIsBurning'];

export const DEFAULTS = {
  size: 800,
  crop: 'attention',
  mode: 'tint',
  color: '#d10a0a',
  strength: 1,
  frame: 'ring',
  frameWidth: 0.04,
  banner: 'arc',
  text: DEFAULT_TEXT,
  textColor: 'white',
  shape: 'square',
} as const satisfies RenderOptions;

export const OPTION_KEYS = [
  'size', 'crop', 'mode', 'color', 'strength', 'frame', 'frameWidth', 'frameColor', 'banner',
  'text', 'textColor', 'font', 'shape', 'format', 'quality',
] as const satisfies readonly (keyof RenderOptions)[];

function fail(name: string, expected: string, value: unknown): never {
  throw new RedframeError('INVALID_OPTION', `Expected ${expected} for ${name} but received ${describe(value)}`);
}

// Common second spellings, accepted silently.
const ALIASES: Record<string, string> = { center: 'centre', jpg: 'jpeg' };

function oneOf<T extends string>(name: string, allowed: readonly T[], value: unknown): T {
  const normalised = typeof value === 'string' ? (ALIASES[value.toLowerCase()] ?? value.toLowerCase()) : value;
  if (typeof normalised === 'string' && (allowed as readonly string[]).includes(normalised)) return normalised as T;
  return fail(name, `one of ${allowed.join(', ')}`, value);
}

function integerIn(name: string, min: number, max: number, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  return fail(name, `an integer from ${min} to ${max}`, value);
}

function numberIn(name: string, min: number, max: number, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
  return fail(name, `a number from ${min} to ${max}`, value);
}

function texts(value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((t) => typeof t !== 'string')) {
    return fail('text', 'a string or a list of strings', value);
  }
  const segments = (list as string[]).map((t) => t.normalize('NFC').trim());
  if (segments.some((t) => t === '')) return fail('text', 'non-empty text segments', value);
  if (segments.some((t) => /[\n\r]/.test(t))) return fail('text', 'one line per segment (repeat --text for more)', value);
  return segments;
}

/**
 * Checks every option in one place and fills in the defaults. Unknown keys are rejected, not
 * ignored, so a typo in a preset never passes silently.
 *
 * @example resolveOptions({ size: 400, mode: 'wash' }).color // { r: 224, g: 32, b: 27, alpha: 1 }
 */
export function resolveOptions(options: RenderOptions = {}): ResolvedOptions {
  rejectUnknownKeys(options, OPTION_KEYS, 'option');
  const get = <K extends keyof RenderOptions>(key: K): RenderOptions[K] | undefined =>
    options[key] === undefined ? (DEFAULTS as RenderOptions)[key] : options[key];

  const color = parseColour(get('color'), 'color');
  const frameColor = options.frameColor === undefined ? color : parseColour(options.frameColor, 'frameColor');
  const shape = oneOf('shape', SHAPES, get('shape'));
  const format = options.format === undefined ? undefined : oneOf('format', FORMATS, options.format);
  if (shape === 'circle' && format === 'jpeg') {
    throw new RedframeError('INVALID_OPTION', 'JPEG has no transparency, so shape circle needs format png, webp or avif (or use shape square)');
  }
  const banner = oneOf('banner', BANNERS, get('banner'));
  const text = texts(get('text'));
  if (banner !== 'none' && text.length === 0) fail('text', 'at least one text segment (or banner none)', text);
  return {
    size: integerIn('size', 64, 4096, get('size')),
    crop: oneOf('crop', CROPS, get('crop')),
    mode: oneOf('mode', MODES, get('mode')),
    color,
    strength: numberIn('strength', 0, 1, get('strength')),
    frame: oneOf('frame', FRAMES, get('frame')),
    frameWidth: numberIn('frameWidth', 0.005, 0.25, get('frameWidth')),
    frameColor,
    banner,
    text,
    textColor: parseColour(get('textColor'), 'textColor'),
    font: options.font === undefined ? undefined : nonEmptyString('font', options.font),
    shape,
    format,
    quality: options.quality === undefined ? undefined : integerIn('quality', 1, 100, options.quality),
  };
}

function nonEmptyString(name: string, value: unknown): string {
  if (typeof value === 'string' && value !== '') return value;
  return fail(name, 'a file path', value);
}

const camel = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Rejects keys that are not options, with a hint when only the spelling is off. */
export function rejectUnknownKeys(object: object, known: readonly string[], what: string, file?: string): void {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    throw new RedframeError('INVALID_OPTION', `Expected an object of options but received ${describe(object)}`, file);
  }
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const hint = known.includes(camel(key)) ? ` (did you mean "${camel(key)}"?)` : '';
    throw new RedframeError(
      'INVALID_OPTION',
      `Unknown ${what} "${key}"${hint}; expected one of ${known.join(', ')}`,
      file,
    );
  }
}
