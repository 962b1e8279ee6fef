/**
 * `redframe/options`: everything about options that needs no image engine (sharp is not loaded):
 * the option table, the validators, presets, formats, colours and errors. A command line, a form
 * or an editor plug-in builds on this; `redframe` itself re-exports all of it.
 *
 * @example
 * import { OPTION_TABLE, resolveOptions } from 'redframe/options';
 * for (const option of OPTION_TABLE) console.log(option.flag, option.help);
 * resolveOptions({ size: 20 }); // throws RedframeError INVALID_OPTION: Expected an integer from 64 to 4096 for size but received 20
 */

/** The one option table: every option's key, flag, values, default and help. */
export { OPTION_TABLE } from '../options/table.js';
export type { OptionSpec, OptionValue, OptionScope, OptionGroup, OptionEntry } from '../options/table.js';

/** Validation: the look, the limits, and one value at a time. */
export { resolveOptions, DEFAULTS } from '../options/resolve.js';
export type { RenderOptions, ResolvedOptions, Crop, Frame, Banner } from '../options/resolve.js';
export type { Mode } from '../portable/treatment.js';
export type { Shape } from '../core/shapes.js';
export { resolveLimits } from '../options/settings.js';
export type { RenderLimits, ResolvedLimits } from '../options/settings.js';
export { checkOption } from '../options/check.js';

/** Presets: built-in looks, preset files and the JSON schema of preset files. */
export { loadPreset, loadPresetContent, parsePreset, BUILT_IN_PRESETS } from '../preset/load.js';
export type { Preset, PresetContent, PresetSections } from '../preset/load.js';
export { presetSchema } from '../preset/schema.js';
export type { PageSection, PageText } from '../preset/page-section.js';

/** Image formats: what is read and written, and their file name extensions. */
export { FORMATS, IMAGE_FORMATS, extensionOf, formatOfName } from '../core/formats.js';
export type { Format, InputFormat } from '../core/formats.js';

/** Colours as options take them, and errors as every function throws them. */
export { parseColour } from '../core/colour.js';
export type { Rgba } from '../core/rgba.js';
export { RedframeError, isUsageError } from '../core/errors.js';
export type { ErrorCode } from '../core/errors.js';
