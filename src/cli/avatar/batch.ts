/**
 * The photo command on several inputs, folders or globs: plan, check every output (the contact
 * sheet's too) before any photo is rendered, run with a progress bar, then the summary or --json.
 */
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { RedframeError } from '../../core/errors.js';
import { formatOfName, readableFormatsText } from '../../core/formats.js';
import { notAnImage } from '../../batch/plan.js';
import { printable } from '../../files/file-names.js';
import { errorLine } from '../advice.js';
import type { RenderOptions } from '../../options/resolve.js';
import type { RenderLimits } from '../../options/settings.js';
import { DEFAULT_OUTPUT_FOLDER } from '../../options/table.js';
import { loadSharp, reportedAsJson, resolvePath, usage, EXIT, type CliIo } from '../io.js';
import { colours, formatJson, formatPlan, formatSummary, progressBar } from '../report.js';
import { writeContactSheet } from './contact-sheet.js';
import type { CliRequest } from './definition.js';

export async function isFolder(io: CliIo, path: string): Promise<boolean> {
  return /[/\\]$/.test(path) || Boolean((await stat(resolvePath(io, path)).catch(() => undefined))?.isDirectory());
}

export async function runBatch(
  request: CliRequest,
  options: RenderOptions,
  limits: RenderLimits,
  settings: { concurrency: number | undefined; maxDepth: number | undefined },
  io: CliIo,
): Promise<number> {
  if (request.inputs.includes('-')) throw usage('standard input (-) can only be used alone, for one photo');
  if (request.output === '-') throw usage('-o - writes one photo to standard output; give a folder for several inputs');
  const [, { createRenderer }, { planBatch, runPlan }, { checkContactSheet }] = await Promise.all([
    loadSharp(),
    import('../../render/render.js'),
    import('../../batch/batch.js'),
    import('../../batch/contact-sheet.js'),
  ]);
  const renderer = createRenderer(options, limits);
  if (!request.dryRun) renderer.prepare().catch(() => undefined); // built while the folders are walked; runPlan awaits it
  const { maxDepth, concurrency } = settings;
  const plan = await planBatch(request.inputs, { output: request.output ?? DEFAULT_OUTPUT_FOLDER, ...(maxDepth === undefined ? {} : { maxDepth }), cwd: io.cwd }, renderer.format, renderer.options);
  // The inputs are looked at before the output is judged: a photo that is not there (or a pipe)
  // is said to be so, whatever -o names.
  const [missing] = plan.missing;
  if (request.inputs.length === 1 && missing && plan.files.length === 0 && (plan.ignored ?? []).length === 0) {
    throw new RedframeError('IO_ERROR', missing.reason, missing.path); // one argument, and it leads nowhere
  }
  if (request.output && formatOfName(request.output) && !(await isFolder(io, request.output))) {
    // `-o two.jpg` with several photos (or a folder) would silently make a folder named two.jpg.
    throw usage(`several photos go into a folder, but -o ${request.output} names an image file; give a folder, such as -o ${basename(request.output, extname(request.output))}/`);
  }
  const c = colours(io.env, io.stderr);
  // The contact sheet is an output like the others: every page it can have is checked before any
  // photo is rendered (a sheet an earlier run made may be made again: see checkContactSheet).
  const sheetPath = request.contactSheet ? resolvePath(io, request.contactSheet) : undefined;
  const batchInputs = sheetPath ? plan.files.map((f) => f.source ?? resolvePath(io, f.input)) : [];
  if (sheetPath) {
    const photos = plan.files.filter((f) => f.kind !== 'other-name');
    const outputs = new Map(photos.map((f) => [resolvePath(io, f.output), f.input]));
    await checkContactSheet(sheetPath, request.contactSheet!, photos.length, { overwrite: request.overwrite, inputs: batchInputs, outputs });
  }
  if (request.dryRun) {
    if (request.json) io.stdout.write(`${JSON.stringify({ dryRun: true, ...plan }, null, 2)}\n`);
    else io.stdout.write(formatPlan(plan, c, request.overwrite));
    // Names alone decide here: a file with no extension may still turn out to be a photo.
    if (!request.json && plan.missing.length === 0 && plan.files.every((f) => f.kind === 'other-name')) {
      const ignored = [...plan.files.map((f) => ({ input: f.input, reason: notAnImage(f.input) })), ...(plan.ignored ?? []).map((m) => ({ input: m.path, reason: m.reason }))];
      io.stdout.write(`${printable(noPhotosError(request.inputs, ignored).message)}\n`);
    }
    return EXIT.ok;
  }
  const showProgress = Boolean(io.stderr.isTTY) && !request.quiet && !io.env.CI;
  const total = plan.files.length + plan.missing.length;
  const bar = showProgress && total > 0 ? progressBar(io.stderr, total) : undefined;
  let result;
  try {
    result = await runPlan(plan, renderer, {
      overwrite: request.overwrite,
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(io.signal ? { signal: io.signal } : {}),
      cwd: io.cwd,
      onStart: (file) => bar?.startFile(file),
      onFile: (_, done) => bar?.fileDone(done),
    });
  } finally {
    // No removal of temporary files here: runPlan has waited for every write it started, each of
    // which removes its own on failure, and a removal now would take the temporary file of a write
    // still in flight elsewhere in this process (the overlay cache's, another command's).
    bar?.stop();
  }
  // A run that found no photo at all (only files that are not photos, or an empty folder) did not
  // do what was asked: said so, in place of a summary of zeros, with exit status 1.
  const t = result.totals;
  const noPhotos = t.ok + t.skipped + t.failed === 0 && !result.interrupted && !result.fatal
    ? noPhotosError(request.inputs, result.files.filter((f) => f.status === 'ignored'))
    : undefined;
  let sheetError: unknown;
  if (request.contactSheet && !result.interrupted && !result.fatal && !noPhotos) {
    const outputs = result.files.filter((f) => (f.status === 'ok' || f.status === 'skipped') && f.output).map((f) => f.output!);
    // A sheet that cannot be written is said after the batch's own report, which stays whole.
    sheetError = await writeContactSheet(request, io, outputs, plan.outputFolder, batchInputs).then(() => undefined, (error: unknown) => error);
  }
  if (request.json) {
    const sheetStop = sheetError === undefined ? undefined : sheetError instanceof RedframeError ? sheetError : { message: String((sheetError as Error).message ?? sheetError), file: undefined };
    io.stdout.write(formatJson(result, noPhotos ?? sheetStop));
    if (sheetError instanceof Object) reportedAsJson.add(sheetError);
  } else if (noPhotos) {
    io.stderr.write(`${c.red('redframe:')} ${printable(errorLine(noPhotos))}\n`);
  } else if (!request.quiet || result.totals.failed > 0 || result.fatal) {
    io.stderr.write(formatSummary(result, c, renderer.options.size));
  }
  if (sheetError) throw sheetError;
  if (result.interrupted) return EXIT.interrupted;
  return result.totals.failed > 0 || result.fatal || noPhotos ? EXIT.failed : EXIT.ok;
}

/** "no photos found in notes (1 file ignored: ...)": a run whose inputs held no photo at all. */
function noPhotosError(inputs: string[], ignored: { input: string; reason: string | undefined }[]): RedframeError {
  const names = ignored.slice(0, 3).map((f) => `${f.input}, ${f.reason ?? 'ignored'}`).join('; ');
  const more = ignored.length > 3 ? `; and ${ignored.length - 3} more` : '';
  const what = ignored.length === 0 ? 'no files' : `${ignored.length} ${ignored.length === 1 ? 'file' : 'files'} ignored: ${names}${more}`;
  const where = inputs.length > 3 ? `${inputs.slice(0, 3).join(', ')} and ${inputs.length - 3} more` : inputs.join(', ');
  return new RedframeError('UNSUPPORTED_INPUT', `no photos found in ${where} (${what}); give photos, or folders of photos (${readableFormatsText()})`);
}
