/**
 * redframe as a library: render avatars with a red treatment, a ring frame and a bilingual
 * hashtag banner, one photo or whole folders, without any terminal code. Every function takes the
 * same options as the command line (camelCase: `frameWidth` for `--frame-width`), validated by
 * the same code; errors are `RedframeError`s with a `code` and a one-line message naming the file.
 *
 * @example
 * import { writeFile } from 'node:fs/promises';
 * import { loadPreset, renderAvatar, renderBatch } from 'redframe';
 *
 * // One photo: the aleppo preset, 800x800 JPEG, metadata removed.
 * await writeFile('avatar.jpg', await renderAvatar('photo.jpg'));
 *
 * // A whole folder with a shared preset, tree mirrored into avatars/.
 * const result = await renderBatch(['team/'], await loadPreset('campaign.json'), { output: 'avatars' });
 * console.log(result.totals); // { ok: 12, skipped: 0, failed: 0, ignored: 1, notStarted: 0 }
 */

/** One photo: `renderAvatar` for a single call, `createRenderer` to reuse one overlay for many. */
export { renderAvatar, createRenderer, clearOverlayCache, DEFAULT_MAX_PIXELS, DEFAULT_TIMEOUT_SECONDS } from './render/render.js';
export type { AvatarInput, AvatarRenderer, RenderedAvatar, RenderLimits } from './render/render.js';

/** Many photos: `renderBatch`, or `planBatch` (writes nothing) then `runPlan`. */
export { renderBatch, planBatch, runPlan, defaultConcurrency, DEFAULT_OUTPUT_FOLDER } from './batch/batch.js';
export type { BatchPlan, BatchResult, BatchSettings, BatchTotals, FileResult, FileStatus } from './batch/batch.js';
export type { PlannedFile } from './batch/plan.js';
export type { MissingInput } from './batch/collect.js';
export { makeContactSheet } from './batch/contact-sheet.js';
export type { ContactSheetEntry } from './batch/contact-sheet.js';

/** Presets: the built-in looks and shared preset files (validated like the options). */
export { loadPreset, parsePreset, BUILT_IN_PRESETS } from './presets.js';
export type { Preset } from './presets.js';

/** Options: the keys, their allowed values and defaults, and the one validator. */
export { resolveOptions, defaultFormat, DEFAULTS, DEFAULT_TEXT, MODES, CROPS, FRAMES, BANNERS, SHAPES, FORMATS } from './options.js';
export type { RenderOptions, ResolvedOptions, Mode, Crop, Frame, Banner, Shape, Format } from './options.js';
export { parseColour } from './colour.js';
export type { Rgba } from './colour.js';
export { RedframeError } from './errors.js';
export type { ErrorCode } from './errors.js';
