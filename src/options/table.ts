/**
 * The one table of options. Every option is described once, here: its API key, its flag, the
 * values it takes, its default, its help line and its group in `--help`. From this table come
 * the `RenderOptions`, `RenderLimits` and batch setting types, the validator, the commander
 * options (with their "(default: ...)" text), `preset.schema.json` (scripts/preset-schema.mjs),
 * `--init-preset` and the README check. Nothing here imports sharp, so `--help` stays fast.
 */
import { DEFAULT_MAX_PIXELS } from '../portable/photo-shape.js';
import type { Rgba } from '../core/rgba.js';
import { FORMATS } from '../core/formats.js';
import { SHAPES } from '../core/shapes.js';
import { MODES } from '../portable/treatment.js';
import { BANNERS, FRAMES, type MessageParagraph } from '../words/look.js';

/** Where an option belongs: the look (`RenderOptions`, presets), the per-image limits, the batch, or the command alone. */
export type OptionScope = 'look' | 'limits' | 'batch' | 'command';

/** The `--help` groups, in order. */
export const OPTION_GROUPS = ['Input and output:', 'Look:', 'Text:', 'Batch:', 'Safety:'] as const;
export type OptionGroup = (typeof OPTION_GROUPS)[number];

/** The kinds of value an option takes; each has one check, one flag parser and one schema. */
export type OptionValue =
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'number'; readonly min: number; readonly max: number }
  | { readonly type: 'choice'; readonly choices: readonly string[]; readonly aliases?: Readonly<Record<string, string>> }
  | { readonly type: 'colour' }
  /** Lines of banner text: a string or a list of them; the flag is repeated. */
  | { readonly type: 'lines' }
  /**
   * Paragraphs of a message: a string, a list of them, or a map from a language tag to either
   * (each paragraph shaped in its language); the flag is repeated, one paragraph each.
   */
  | { readonly type: 'message' }
  /** Font files: a path or a list of them; the flag is repeated. */
  | { readonly type: 'files' }
  /** A BCP 47 language tag such as `ar`, `ur` or `fa-IR`. */
  | { readonly type: 'language' }
  | { readonly type: 'path' }
  /** On or off; a flag without a value. */
  | { readonly type: 'switch' };

export interface OptionSpec {
  /** The API key (camelCase): `frameWidth`. */
  readonly key: string;
  /** The long flag and its value name: `--frame-width <fraction>`. */
  readonly flag: string;
  readonly short?: string;
  readonly scope: OptionScope;
  readonly group: OptionGroup;
  readonly value: OptionValue;
  /** The value taken when the option is missing (a look default is the `aleppo` preset's). */
  readonly default?: unknown;
  /** What the default is, in words, when it is not a plain value (`cores + 1`). */
  readonly defaultText?: string;
  /** One line for `--help`. */
  readonly help: string;
  /** A fuller description for the preset schema (editors show it); defaults to the help line. */
  readonly about?: string;
}

export const CROPS = ['attention', 'centre', 'entropy'] as const;


export const DEFAULT_TEXT: readonly string[] = ['#حلب_تحترق', '#AleppoIsBurning'];
// libvips' own default, shared with the campaign page (which checks it before the browser decodes).
export { DEFAULT_MAX_PIXELS };
export const DEFAULT_TIMEOUT_SECONDS = 60;
/** Far above any camera's photo, far below what fills the memory of a batch. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_OUTPUT_FOLDER = 'redframe-out';

const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => ({ type: 'integer', min, max }) as const;
const number = (min: number, max: number) => ({ type: 'number', min, max }) as const;
const switchValue = { type: 'switch' } as const;
const path = { type: 'path' } as const;
const colour = { type: 'colour' } as const;

/**
 * Every option of the command and the library, once: its key (the library's and the preset's
 * name), flag, scope (`look`, `limits`, `batch`, `command`), values, default and help. The types,
 * the validator, `--help`, the preset schema and `--init-preset` are all made from it.
 *
 * @example
 * const size = OPTION_TABLE.find((option) => option.key === 'size');
 * // { key: 'size', flag: '--size <px>', value: { type: 'integer', min: 64, max: 4096 }, default: 800, ... }
 */
export const OPTION_TABLE = [
  // Input and output
  { key: 'output', flag: '--output <path>', short: '-o', scope: 'command', group: 'Input and output:', value: path,
    defaultText: `NAME.redframe.EXT beside the photo; ${DEFAULT_OUTPUT_FOLDER}/ for folders`,
    help: 'output file, or folder for several inputs; - writes standard output' },
  { key: 'format', flag: '--format <format>', scope: 'look', group: 'Input and output:', value: { type: 'choice', choices: FORMATS, aliases: { jpg: 'jpeg' } },
    defaultText: 'from the output name, else jpeg, or png for circles', help: 'output format',
    about: "Output format. Default: from the output file's extension, else jpeg for square and png for circle." },
  { key: 'quality', flag: '--quality <n>', scope: 'look', group: 'Input and output:', value: integer(1, 100),
    defaultText: '90, avif 60', help: 'encoder quality', about: 'Encoder quality. Default 90 (jpeg, webp), 60 (avif).' },
  { key: 'overwrite', flag: '--overwrite', scope: 'batch', group: 'Input and output:', value: switchValue, default: false,
    help: 'replace existing outputs (never an input)' },
  { key: 'preset', flag: '--preset <name|file.json>', scope: 'command', group: 'Input and output:', value: path,
    help: 'a built-in look (aleppo, solid, plain) or a preset file; flags override it' },
  { key: 'listPresets', flag: '--list-presets', scope: 'command', group: 'Input and output:', value: switchValue, default: false,
    help: 'list the built-in presets and exit' },
  { key: 'initPreset', flag: '--init-preset <file.json>', scope: 'command', group: 'Input and output:', value: path,
    help: 'write the current options as a preset file and exit' },

  // Look
  { key: 'size', flag: '--size <px>', scope: 'look', group: 'Look:', value: integer(64, 4096), default: 800,
    help: 'width and height', about: 'Output width and height in pixels. Default 800.' },
  { key: 'crop', flag: '--crop <strategy>', scope: 'look', group: 'Look:', value: { type: 'choice', choices: CROPS, aliases: { center: 'centre' } }, default: 'attention',
    help: 'how the square is cut: attention keeps faces',
    about: 'How the square is cut from the photo: attention keeps faces, centre takes the middle, entropy the busiest part. Default attention.' },
  { key: 'mode', flag: '--mode <mode>', scope: 'look', group: 'Look:', value: { type: 'choice', choices: MODES }, default: 'tint',
    help: 'colour treatment',
    about: 'Colour treatment: tint keeps light and shade and replaces the colour, wash lays a translucent layer over the photo, multiply darkens with the colour, duotone maps dark to light through the colour, solid is a flat square of the colour with no photo (the 2016 campaign avatar). Default tint.' },
  { key: 'color', flag: '--color <css>', scope: 'look', group: 'Look:', value: colour, default: '#d10a0a',
    help: 'treatment colour: name, #rgb, #rrggbb, rgb()',
    about: 'Treatment colour in CSS syntax: a name (crimson), #rgb, #rrggbb, rgb(r, g, b) or hsl(). Default #d10a0a.' },
  { key: 'strength', flag: '--strength <0..1>', scope: 'look', group: 'Look:', value: number(0, 1), default: 1,
    help: 'mix of treatment and original photo',
    about: 'Mix of the treatment and the original photo: 0 keeps the photo, 1 is the full treatment. Default 1.' },
  { key: 'frame', flag: '--frame <frame>', scope: 'look', group: 'Look:', value: { type: 'choice', choices: FRAMES }, default: 'ring',
    help: 'ring survives circular crops',
    about: 'Frame kind: ring sits inside the inscribed circle so it survives the circular crop of every platform; border is a square border. Default ring.' },
  { key: 'frameWidth', flag: '--frame-width <fraction>', scope: 'look', group: 'Look:', value: number(0.005, 0.25), default: 0.04,
    help: 'frame thickness as a fraction of the size', about: 'Frame thickness as a fraction of the size. Default 0.04.' },
  { key: 'frameColor', flag: '--frame-color <css>', scope: 'look', group: 'Look:', value: colour, defaultText: 'the treatment colour',
    help: 'frame and banner colour', about: 'Frame and banner colour in CSS syntax. Default: the treatment colour.' },
  { key: 'banner', flag: '--banner <banner>', scope: 'look', group: 'Text:', value: { type: 'choice', choices: BANNERS }, default: 'arc',
    help: 'arc follows the ring, strip is a straight band',
    about: 'Banner kind: arc bends the text along the lower part of the ring, strip is a straight band across the lower part of the circle. Default arc.' },
  { key: 'text', flag: '--text <text>', scope: 'look', group: 'Text:', value: { type: 'lines' }, default: DEFAULT_TEXT,
    defaultText: `${DEFAULT_TEXT.join(' and ')}`, help: 'a banner segment; repeat for more',
    about: `Banner text: one segment, or a list of segments (on the arc, a right-to-left segment and a left-to-right one each start at their reader's edge; on the strip, one line each). Default ${JSON.stringify(DEFAULT_TEXT)}.` },
  { key: 'message', flag: '--message <text>', scope: 'look', group: 'Text:', value: { type: 'message' }, defaultText: 'none',
    help: 'covers and cards: a paragraph under the hashtags; repeat for more',
    about: 'The message on covers and cards (redframe cover, redframe card), under the hashtags: one paragraph, a list of paragraphs, or a map from a language tag to a paragraph or a list of them ({"ar": "أوقفوا قصف حلب", "en": "Stop the bombing of Aleppo"}), drawn in the map\'s order, each shaped in its language. Lines wrap where Unicode allows, never inside a hashtag. Avatars do not show it. Default: none.' },
  { key: 'textColor', flag: '--text-color <css>', scope: 'look', group: 'Text:', value: colour, default: 'white',
    help: 'banner text colour', about: 'Banner text colour in CSS syntax. Default white.' },
  { key: 'font', flag: '--font <file>', scope: 'look', group: 'Text:', value: { type: 'files' }, defaultText: 'bundled IBM Plex Sans and Vazirmatn',
    help: 'a .ttf, .otf or .ttc (file.ttc#N) font for other scripts; repeat for more, tried in order for each character, the bundled fonts last',
    about: 'A .ttf, .otf or .ttc font file (file.ttc#N for face N), or a list of them, tried in order for each character; the bundled fonts (IBM Plex Sans for Latin, Vazirmatn for Arabic, Persian and Urdu) are always the last fallback, so # and _ and Latin come from them when a font lacks them. A relative path is relative to this preset file, so ship the font beside it.' },
  { key: 'lang', flag: '--lang <tag>', scope: 'look', group: 'Text:', value: { type: 'language' }, defaultText: 'none',
    help: 'language of the banner text, a BCP 47 tag (ur, fa, ku, fa-IR): its own letter and digit forms',
    about: 'The language of the banner text as a BCP 47 tag (ur, fa, ku, fa-IR), passed to HarfBuzz: it picks the letter and digit forms a language prefers (Urdu\'s own digits with ur). Default: none, the font\'s default forms.' },
  { key: 'shape', flag: '--shape <shape>', scope: 'look', group: 'Look:', value: { type: 'choice', choices: SHAPES }, default: 'square',
    help: 'circle makes the corners transparent',
    about: 'circle makes everything outside the inscribed circle transparent (needs png, webp, avif or gif). Default square.' },

  // Batch
  { key: 'dryRun', flag: '--dry-run', scope: 'command', group: 'Batch:', value: switchValue, default: false,
    help: 'print the plan (every input and its output) and write nothing' },
  { key: 'concurrency', flag: '--concurrency <n>', scope: 'batch', group: 'Batch:', value: integer(1, 64), defaultText: 'cores + 1',
    help: 'images in flight at once' },
  { key: 'maxDepth', flag: '--max-depth <n>', scope: 'batch', group: 'Batch:', value: integer(0), defaultText: 'all',
    help: 'folder levels to enter below each input folder' },
  { key: 'contactSheet', flag: '--contact-sheet <file>', scope: 'command', group: 'Batch:', value: path,
    help: 'after the batch, write images of all outputs and their names, 64 a page (FILE, FILE-2, ...)' },
  { key: 'json', flag: '--json', scope: 'command', group: 'Batch:', value: switchValue, default: false,
    help: 'print one JSON report on standard output, nothing else' },
  { key: 'quiet', flag: '--quiet', short: '-q', scope: 'command', group: 'Batch:', value: switchValue, default: false,
    help: 'no progress bar and no summary, only errors' },

  // Safety
  { key: 'maxPixels', flag: '--max-pixels <n>', scope: 'limits', group: 'Safety:', value: integer(1), default: DEFAULT_MAX_PIXELS,
    help: 'refuse images with more pixels than this' },
  { key: 'maxBytes', flag: '--max-bytes <n>', scope: 'limits', group: 'Safety:', value: integer(1), default: DEFAULT_MAX_BYTES,
    defaultText: `${DEFAULT_MAX_BYTES}, 256 MiB`, help: 'refuse photo files and standard input longer than this',
    about: 'Refuse photo files (and standard input) longer than this many bytes, checked before reading. Default 268435456 (256 MiB).' },
  // A number, not an integer: HEIC decoding honours fractions; libvips rounds up to whole seconds.
  { key: 'timeoutSeconds', flag: '--timeout <seconds>', scope: 'limits', group: 'Safety:', value: number(0.001, 3600), default: DEFAULT_TIMEOUT_SECONDS,
    help: 'give up on an image (decoding and encoding) after this many seconds' },
  { key: 'firstFrame', flag: '--first-frame', scope: 'limits', group: 'Safety:', value: switchValue, default: false,
    help: 'animated GIF/WebP: keep only the first frame (animations stay animated only in webp and gif output)' },
  { key: 'debug', flag: '--debug', scope: 'command', group: 'Safety:', value: switchValue, default: false,
    help: 'show stack traces with errors' },
] as const satisfies readonly OptionSpec[];

export type OptionEntry = (typeof OPTION_TABLE)[number];
type EntryOf<S extends OptionScope> = Extract<OptionEntry, { scope: S }>;

/** The entries of one scope, in table order. */
export function optionsOf<S extends OptionScope>(scope: S): readonly EntryOf<S>[] {
  return OPTION_TABLE.filter((entry): entry is EntryOf<S> => entry.scope === scope);
}

/** The flag's long name without its value: `--frame-width`. */
export function longFlag(entry: OptionSpec): string {
  return entry.flag.split(' ')[0]!;
}

/** The look keys in table order: `RenderOptions` and preset files take exactly these. */
export const OPTION_KEYS = optionsOf('look').map((entry) => entry.key);
/** The per-image limit keys (`RenderLimits`). */
export const LIMIT_KEYS = optionsOf('limits').map((entry) => entry.key);

/** A message as given: one paragraph, a list, or a map from a language tag to either. */
export type MessageInput = string | readonly string[] | Readonly<Record<string, string | readonly string[]>>;


/** The value given in the API or a preset, by kind. */
type InputOf<V> =
  V extends { type: 'integer' | 'number' } ? number :
  V extends { type: 'choice'; choices: readonly (infer C)[] } ? C :
  V extends { type: 'lines' | 'files' } ? string | readonly string[] :
  V extends { type: 'message' } ? MessageInput :
  V extends { type: 'switch' } ? boolean :
  string;

/** The value after validation, by kind: colours parsed, lists always lists. */
type ResolvedOf<E> =
  // frameColor has no default of its own: it follows color, so every colour is present.
  E extends { value: { type: 'colour' } } ? Rgba :
  E extends { value: { type: 'lines' | 'files' } } ? string[] :
  E extends { value: { type: 'message' } } ? MessageParagraph[] :
  E extends { default: unknown } ? InputOf<E extends { value: infer V } ? V : never> :
  InputOf<E extends { value: infer V } ? V : never> | undefined;

/** Every key optional, typed from the table. */
export type OptionalInputs<E extends OptionEntry> = { [K in E as K['key']]?: InputOf<K['value']> };
/** Every key present after validation. */
export type ResolvedInputs<E extends OptionEntry> = { [K in E as K['key']]: ResolvedOf<K> };

export type { EntryOf };
