/**
 * redframe as a library: render avatars with a red treatment, a ring frame and a bilingual
 * hashtag banner, one photo or whole folders, without any terminal code.
 *
 * @example
 * import { renderAvatar } from 'redframe';
 * const jpeg = await renderAvatar('photo.jpg'); // the aleppo preset, 800x800 JPEG, no metadata
 */
export { renderAvatar, createRenderer, clearOverlayCache, defaultFormat, DEFAULT_MAX_PIXELS } from './render/render.js';
export type { AvatarInput, AvatarRenderer, RenderedAvatar, RenderLimits } from './render/render.js';
export { renderBatch, planBatch, runPlan, defaultConcurrency, DEFAULT_OUTPUT_FOLDER } from './batch/batch.js';
export type { BatchPlan, BatchResult, BatchSettings, BatchTotals, FileResult, FileStatus } from './batch/batch.js';
export type { PlannedFile } from './batch/plan.js';
export { makeContactSheet } from './batch/contact-sheet.js';
export { loadPreset, parsePreset, BUILT_IN_PRESETS } from './presets.js';
export type { Preset } from './presets.js';
export { resolveOptions, DEFAULTS, DEFAULT_TEXT, MODES, CROPS, FRAMES, BANNERS, SHAPES, FORMATS } from './options.js';
export type { RenderOptions, ResolvedOptions, Mode, Crop, Frame, Banner, Shape, Format } from './options.js';
export { parseColour } from './colour.js';
export type { Rgba } from './colour.js';
export { RedframeError } from './errors.js';
export type { ErrorCode } from './errors.js';
