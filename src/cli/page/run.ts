/**
 * `redframe page`: writes the campaign page (index.html and preview.jpg) into a folder. The page
 * itself is made by the library (`makeCampaignPage`), so this file knows no pixels.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RedframeError } from '../../core/errors.js';
import { parsePageSection, type PageSection } from '../../preset/page-section.js';
import type { OutputTarget } from '../../render/to-file.js';
import { interruptedWhenAborted, loadSharp, untilAborted } from '../io.js';
import { lookOf } from '../look.js';
import { KIT_FILES, PAGE_FILES, type PageRequest } from './definition.js';

/** The part of the command's io the page command uses (the CLI's CliIo has it). */
export interface PageIo {
  cwd: string;
  stderr: { write(text: string): unknown };
  /** Aborted on Ctrl-C / SIGTERM: the command stops and writes nothing. */
  signal?: AbortSignal;
}

/**
 * Writes the page: the preset and its page section, the flags over them, then index.html,
 * preview.jpg and the covers and cards beside them through the same checks as every output, as
 * one set: all of them or none, index.html last (see writeOutputs). Ctrl-C before the last is in
 * place writes nothing (it throws Interrupted). Returns the exit status.
 */
export async function runPage(request: PageRequest, io: PageIo): Promise<number> {
  const at = (path: string) => resolve(io.cwd, path);
  if (request.flags.crop !== undefined) {
    throw new RedframeError('INVALID_OPTION', '--crop is not a page option: on the page each person places their own photo (drag, pinch, arrow keys)');
  }
  const { options, sections } = await lookOf(request.preset, request.flags, io.cwd);
  const page: PageSection = parsePageSection({ ...sections.page, ...(request.url === undefined ? {} : { url: request.url }) });

  // '' (an unset shell variable) would be the working folder itself.
  if (request.sample === '') throw new RedframeError('INVALID_OPTION', 'Expected a photo file path for --sample but received ""');
  const folder = at(request.output);
  // Named in messages under the folder as the user wrote it, absolute or relative.
  const target = (name: string): OutputTarget => ({ path: join(folder, name), shown: join(request.output, name), overwrite: request.overwrite });
  const targets = { html: target(PAGE_FILES.html), preview: target(PAGE_FILES.preview) };
  const existing = await stat(folder).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new RedframeError('OUTPUT_UNWRITABLE', 'is a file; give a folder for the page', request.output);
  // Both are checked before anything is made: a refusal leaves the folder as it was. The sample
  // photo is an input, never to be replaced.
  const sample = request.sample === undefined ? undefined : at(request.sample);
  const [, { checkOutput, writeOutputs }, { removeStaleTempFiles }, { makeCampaignPage }] = await Promise.all([
    loadSharp(),
    import('../../render/to-file.js'),
    import('../../files/write-atomic.js'),
    import('../../page/page.js'),
  ]);
  for (const file of Object.values(targets)) await checkOutput(file, sample ? [sample] : []);
  // The covers and cards beside the page: checked as well, before anything is made.
  const kitTargets = new Map(KIT_FILES.map((name) => [name, target(name)]));
  for (const file of kitTargets.values()) await checkOutput(file, sample ? [sample] : []);

  // Ctrl-C stops the command at once; the page is left to be made on its own, unused.
  const made = await untilAborted(makeCampaignPage({ ...options, page, ...(sample ? { sample } : {}) }), io.signal).catch((error: unknown) => {
    // Name the sample as it was written on the command line.
    if (error instanceof RedframeError && sample && error.file === sample) throw new RedframeError(error.code, error.message, request.sample, { cause: error });
    throw error;
  });
  // Leftovers of killed runs in this folder go first (only this folder, not below it).
  await removeStaleTempFiles(folder, { recursive: false });
  // index.html last, so that it never points at a card that is not there.
  const files = [
    { ...targets.preview, data: made.preview },
    ...made.kit.map((image) => ({ ...kitTargets.get(image.file)!, data: image.data })),
    { ...targets.html, data: Buffer.from(made.html) },
  ];
  await interruptedWhenAborted(writeOutputs(files, { signal: io.signal }), io.signal);
  if (!request.quiet) {
    const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
    io.stderr.write(
      `Wrote ${targets.html.shown} (${kb(Buffer.byteLength(made.html))}) and ${targets.preview.shown} (${kb(made.preview.length)}).\n` +
        'Open index.html in a browser to try it. Put the folder on a static host for iPhones (they need a web address); Android and computers also open index.html sent as a file.\n' +
        `Beside it, the covers and cards: ${made.kit.map((image) => image.file).join(', ')} (${kb(made.kit.reduce((sum, image) => sum + image.data.length, 0))}).\n`,
    );
    for (const { file, reason } of made.leftOut) io.stderr.write(`Left out ${file}: ${reason}; shorten the message to include it.\n`);
    for (const note of made.notes) io.stderr.write(`Note: ${note}.\n`);
  }
  return 0;
}

