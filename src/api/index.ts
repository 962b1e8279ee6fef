/**
 * redframe as a library: render avatars with a red treatment, a ring frame and a bilingual
 * hashtag banner, one photo or whole folders, and the campaign page, without any terminal code.
 * Every function takes the same options as the command line (camelCase: `frameWidth` for
 * `--frame-width`), validated by the same code; errors are `RedframeError`s with a `code` and a
 * one-line message naming the file.
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
 * console.log(result.totals); // { ok: 12, skipped: 0, failed: 0, ignored: 1, notStarted: 0, leftOut: 0 }
 */

/** One photo: `renderAvatar` for a single call, `createRenderer` to reuse one overlay for many. */
export { renderAvatar, createRenderer } from '../render/render.js';
export type { AvatarInput, AvatarRenderer, RenderedAvatar } from '../render/render.js';

/** Many photos: `renderBatch`, or `planBatch` (writes nothing) then `runPlan`; and a contact sheet of the results. */
export { renderBatch, planBatch, runPlan } from '../batch/batch.js';
export type { BatchPlan, BatchResult, BatchSettings, BatchTotals, FileResult, FileStatus } from '../batch/batch.js';
export type { PlannedFile } from '../batch/plan.js';
export type { MissingInput } from '../batch/collect.js';
export { makeContactSheet } from '../batch/contact-sheet.js';
export type { ContactSheetEntry } from '../batch/contact-sheet.js';

/** The campaign page: one offline HTML file where anyone makes the avatar in their browser. */
export { makeCampaignPage } from '../page/page.js';
export type { CampaignPage, CampaignPageOptions } from '../page/page.js';

/** Covers for every platform and post and story cards, from the same look: each image's words inside its safe zone. */
export { renderCover, renderCard } from '../render/cover-card.js';
export type { RenderedSurface, SurfaceOptions } from '../render/cover-card.js';
export { COVERS, CARDS } from '../words/surfaces.js';
export type { Surface, Zone } from '../words/surfaces.js';

/** Options, presets, formats, colours and errors: all of `redframe/options`, which loads no image engine. */
export * from './options.js';
