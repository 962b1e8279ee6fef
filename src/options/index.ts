/**
 * `redframe/options`: everything about options that needs no image engine (sharp is not loaded):
 * the option table, the validators, presets, formats and errors. A command line, a form or an
 * editor plug-in builds on this; `redframe` itself re-exports all of it.
 *
 * @example
 * import { OPTION_TABLE, resolveOptions } from 'redframe/options';
 * for (const option of OPTION_TABLE) console.log(option.flag, option.help);
 * resolveOptions({ size: 20 }); // throws RedframeError INVALID_OPTION: Expected an integer from 64 to 4096 for size but received 20
 */

/** The one option table and what it describes. */
export { OPTION_TABLE, OPTION_GROUPS, OPTION_KEYS, LIMIT_KEYS, longFlag, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_TIMEOUT_SECONDS, DEFAULT_OUTPUT_FOLDER } from './table.js';
export type { OptionSpec, OptionValue, OptionScope, OptionGroup, OptionEntry } from './table.js';

/** Validation: the look, the limits, and one value at a time. */
export { resolveOptions, defaultFormat, DEFAULTS, DEFAULT_TEXT, MODES, CROPS, FRAMES, BANNERS, SHAPES } from '../options.js';
export type { RenderOptions, ResolvedOptions, Mode, Crop, Frame, Banner, Shape } from '../options.js';
export { resolveLimits } from './settings.js';
export type { RenderLimits, ResolvedLimits } from './settings.js';
export { checkOption } from './check.js';

/** Presets: built-in looks, preset files, the schema of preset files and the starter file. */
export { loadPreset, loadPresetContent, parsePreset, isPresetFile, BUILT_IN_PRESETS } from '../presets.js';
export type { Preset, PresetContent, PresetSections } from '../presets.js';
export { presetSchema } from './schema.js';
export { parsePageSection, pageSchema } from '../page/section.js';
export type { PageSection, PageText } from '../page/section.js';
export { presetFileContent } from './init-preset.js';

/** Image formats: what is read and written, and their file name extensions. */
export { FORMATS, IMAGE_FORMATS, OUTPUT_EXTENSIONS, extensionOf, formatOfName } from '../formats.js';
export type { Format, InputFormat } from '../formats.js';

export { parseColour } from '../colour.js';
export type { Rgba } from '../colour.js';
export { RedframeError, isUsageError, quote } from '../errors.js';
export type { ErrorCode } from '../errors.js';

/** The words redframe prints for file names (control characters escaped) and file-system errors. */
export { printable } from '../files/names.js';
export { describeFileError } from '../files/errno.js';
