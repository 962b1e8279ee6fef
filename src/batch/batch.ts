import { availableParallelism } from 'node:os';
import { constants } from 'node:fs';
import { access, lstat, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { invalid, RedframeError, type ErrorCode } from '../core/errors.js';
import { FORMATS } from '../core/formats.js';
import { describeFileError, isDeviceFull } from '../files/errno.js';
import { renderToFile } from '../render/to-file.js';
import { isOutputFatal, isSameFile, removeStaleTempFiles } from '../files/write-atomic.js';
import type { RenderOptions, ResolvedOptions } from '../options/resolve.js';
import { checkBatchSettings, checkInputList, limitsOf } from '../options/settings.js';
import { DEFAULT_OUTPUT_FOLDER } from '../options/table.js';
import { createRenderer, type AvatarRenderer, type RenderLimits } from '../render/render.js';
import { collectInputs, type MissingInput } from './collect.js';
import { lookFingerprint, madeWithAnotherLook, nameKey, recordOutputs, type Manifest } from './manifest.js';
import { MADE_WITH_ANOTHER_LOOK, notAnImage, planOutputs, type PlannedFile } from './plan.js';

export type FileStatus = 'ok' | 'skipped' | 'failed' | 'ignored';

export interface FileResult {
  input: string;
  output: string | undefined;
  status: FileStatus;
  /** Why a file was skipped, failed or ignored, or how it was renamed. */
  reason: string | undefined;
  /**
   * The error code behind a file that failed, was skipped or ignored (`CORRUPT_INPUT`,
   * `OUTPUT_EXISTS`, `UNSUPPORTED_INPUT`, ...), to group and act on without reading `reason`;
   * undefined for files rendered and for unexpected errors.
   */
  code: ErrorCode | undefined;
  /** For a file rendered: the shorter side of the photo in pixels; below the output size it was enlarged. */
  photoSide?: number;
  milliseconds: number;
}

export interface BatchSettings extends RenderLimits {
  /** Output folder. Default `redframe-out`. */
  output?: string;
  /** Replace existing outputs instead of skipping them. */
  overwrite?: boolean;
  /** Images in flight at once. Default: the number of cores + 1. */
  concurrency?: number;
  /** Folder levels to enter below each input folder. Default: all. */
  maxDepth?: number;
  /** Stop starting new images when this aborts (Ctrl-C); images in flight finish. */
  signal?: AbortSignal;
  /** Called after each file, for progress bars. */
  onFile?: (result: FileResult, done: number, total: number) => void;
  /** Called when a file starts. */
  onStart?: (input: string) => void;
  cwd?: string;
}

export interface BatchPlan {
  outputFolder: string;
  files: PlannedFile[];
  /** Arguments and walk entries that could not be read: reported as failed, with the reason. */
  missing: MissingInput[];
  /** What the walk left out on purpose (links not followed, pipes, devices): reported as ignored. */
  ignored?: MissingInput[];
  /**
   * What redframe wrote itself, found inside an input folder and left out (the output folder,
   * avatars named `NAME.redframe.EXT`, outputs recorded in a folder's `.redframe.json`), with why.
   */
  leftOut?: MissingInput[];
}

export interface BatchTotals {
  ok: number;
  skipped: number;
  failed: number;
  ignored: number;
  /** Files not started because the batch was interrupted or stopped. */
  notStarted: number;
  /** redframe's own outputs found inside an input folder and left out (see `BatchPlan.leftOut`). */
  leftOut?: number;
}

export interface BatchResult {
  outputFolder: string;
  files: FileResult[];
  /** redframe's own outputs found inside an input folder and left out, with why (not in `files`). */
  leftOut?: MissingInput[];
  totals: BatchTotals;
  milliseconds: number;
  interrupted: boolean;
  /** An output-side error that stopped the whole batch (no space, unwritable folder). */
  fatal: RedframeError | undefined;
}

export { DEFAULT_OUTPUT_FOLDER };

/** Outputs recorded in the folder's `.redframe.json` at a time, during a run. */
const RECORD_EVERY = 256;

/** Images in flight at once when none is asked for: one per core, as sharp uses one thread per image. */
export function defaultConcurrency(): number {
  // One more than the cores: while one image is in JavaScript (treatment, overlay) or on disk,
  // the others keep every core decoding. Measured with test/bench: 2 cores, 24 photos, 1.41 s
  // with 2 in flight, 1.30 s with 3, no gain beyond; each extra image costs about 8 MB.
  return Math.max(1, availableParallelism() + 1);
}

/**
 * Finds the files and plans every output path, writing nothing. Given the look (a renderer's
 * `options`), it also marks the existing outputs that the output folder's record says another
 * look made.
 *
 * @example const plan = await planBatch(['photos/'], { output: 'avatars' }, 'jpeg');
 */
export async function planBatch(inputs: string[], settings: BatchSettings, format: AvatarRenderer['format'], look?: ResolvedOptions): Promise<BatchPlan> {
  inputs = checkInputList(inputs);
  settings = checkBatchSettings(settings);
  if (!(FORMATS as readonly unknown[]).includes(format)) throw invalid('format', `one of ${FORMATS.join(', ')}`, format);
  const cwd = settings.cwd ?? process.cwd();
  const outputFolder = settings.output ?? DEFAULT_OUTPUT_FOLDER;
  const outputAbsolute = resolve(cwd, outputFolder);
  for (const input of inputs) {
    const info = await stat(resolve(cwd, input)).catch(() => undefined);
    if (info?.isDirectory() && (await isSameFile(resolve(cwd, input), outputAbsolute))) {
      throw new RedframeError('INVALID_OPTION', `the output folder is the input folder ${input}; choose another output folder`);
    }
  }
  const { files, missing, ignored, leftOut } = await collectInputs(inputs, { maxDepth: settings.maxDepth, exclude: [outputFolder], cwd });
  const planned = planOutputs(files, outputFolder, format);
  // Whether each output is there already: a dry run tells "to render" from "existing", and, given
  // the look, which existing ones another look made.
  const otherLook = look ? await madeWithAnotherLook(outputAbsolute, lookFingerprint(look, format)) : undefined;
  await Promise.all(planned.map(async (file) => {
    if (file.kind === 'other-name') return;
    file.exists = Boolean(await lstat(resolve(cwd, file.output)).catch(() => undefined));
    if (file.exists && (await otherLook?.(resolve(cwd, file.output)))) file.madeWithAnotherLook = true;
  }));
  return { outputFolder, files: planned, missing, ignored, leftOut };
}

/**
 * Renders photos, folders and globs into an output folder that mirrors their tree. Outputs that
 * already exist are skipped (so a rerun resumes) unless `overwrite` is set; a photo that fails is
 * reported in the result and the others go on. A fixed number of workers pull files one at a
 * time, so memory stays flat however many files there are; the overlay is built once, first.
 *
 * @example
 * import { loadPreset, renderBatch } from 'redframe';
 * const result = await renderBatch(['photos/'], await loadPreset('team.json'), { output: 'avatars' });
 * console.log(result.totals); // { ok: 12, skipped: 0, failed: 1, ignored: 2, notStarted: 0, leftOut: 0 }
 * for (const file of result.files) if (file.status === 'failed') console.error(file.input, file.reason);
 */
export async function renderBatch(inputs: string[], options: RenderOptions = {}, settings?: BatchSettings): Promise<BatchResult> {
  inputs = checkInputList(inputs);
  settings = checkBatchSettings(settings);
  const renderer = createRenderer(options, limitsOf(settings));
  const plan = await planBatch(inputs, settings, renderer.format);
  return runPlan(plan, renderer, settings);
}

/**
 * Runs a plan made by `planBatch` with a renderer made by `createRenderer`: the two halves of
 * `renderBatch`, for callers that show the plan (or ask) before writing anything.
 *
 * @example
 * const renderer = createRenderer({ mode: 'wash' });
 * const plan = await planBatch(['photos/'], { output: 'avatars' }, renderer.format);
 * const result = await runPlan(plan, renderer, { output: 'avatars', concurrency: 2 });
 */
export async function runPlan(plan: BatchPlan, renderer: AvatarRenderer, settings?: BatchSettings): Promise<BatchResult> {
  settings = checkBatchSettings(settings);
  const started = performance.now();
  const cwd = settings.cwd ?? process.cwd();
  const results: FileResult[] = [
    ...plan.missing.map((m): FileResult => ({ input: m.path, output: undefined, status: 'failed', reason: m.reason, code: 'IO_ERROR', milliseconds: 0 })),
    ...(plan.ignored ?? []).map((m): FileResult => ({ input: m.path, output: undefined, status: 'ignored', reason: m.reason, code: 'UNSUPPORTED_INPUT', milliseconds: 0 })),
  ];
  const total = plan.files.length + results.length;
  let done = results.length;
  let fatal: RedframeError | undefined;

  // The overlay (text shaping, SVG raster) is built while the output folder is checked, and is
  // ready before any photo is read: banner text that cannot be drawn or read (missing glyphs, too
  // long, too small for the size) stops the batch once, before it starts.
  const overlayReady = renderer.prepare();
  overlayReady.catch(() => undefined); // awaited below, after the folder checks
  const outputRoot = resolve(cwd, plan.outputFolder);
  // An output folder that cannot be made or written fails every file: say so before decoding any.
  if (plan.files.some((file) => file.kind !== 'other-name')) fatal = await checkOutputFolder(outputRoot, plan.outputFolder);
  // Leftovers of a killed run are removed first; the folder itself is made with the first output.
  if (!fatal) await removeStaleTempFiles(outputRoot);
  await overlayReady;
  const folders = new Set<string>();

  // The record of the outputs already in the folder (which look made each), and this run's, kept
  // in the folder as the run goes (every RECORD_EVERY outputs, and at the end) so that a run
  // that is killed loses few.
  const look = lookFingerprint(renderer.options, renderer.format);
  const otherLook = await madeWithAnotherLook(outputRoot, look);
  const madeElsewhere = (file: PlannedFile) => otherLook(resolve(cwd, file.output));
  const keyOf = (file: PlannedFile) => nameKey(relative(outputRoot, resolve(cwd, file.output)));
  let made: Manifest = new Map();
  let recording = Promise.resolve();
  const record = () => {
    const batch = made;
    made = new Map();
    recording = recording.then(() => recordOutputs(outputRoot, batch).then(() => undefined));
  };

  // Results are kept in plan order (the walk's sorted order), not in the order images finish,
  // so reports and contact sheets come out the same on every run.
  const inPlanOrder: (FileResult | undefined)[] = new Array(plan.files.length);
  let next = 0;
  const worker = async () => {
    while (!fatal && !settings.signal?.aborted && next < plan.files.length) {
      const index = next++;
      const file = plan.files[index]!;
      settings.onStart?.(file.input);
      const result = await processFile(file, renderer, settings, cwd, folders, madeElsewhere);
      if (result.bytes !== undefined) {
        made.set(keyOf(file), { look, bytes: result.bytes });
        if (made.size >= RECORD_EVERY) record();
      }
      if (stopsTheBatch(result.error, outputRoot, resolve(cwd, file.output))) fatal ??= result.error as RedframeError;
      inPlanOrder[index] = result.result;
      done++;
      settings.onFile?.(result.result, done, total);
    }
  };
  const concurrency = Math.max(1, Math.min(settings.concurrency ?? defaultConcurrency(), plan.files.length || 1));
  await Promise.all(Array.from({ length: concurrency }, worker));
  record();
  await recording;
  for (const result of inPlanOrder) if (result) results.push(result);

  const leftOut = plan.leftOut ?? [];
  const totals: BatchTotals = { ok: 0, skipped: 0, failed: 0, ignored: 0, notStarted: plan.files.length - next, leftOut: leftOut.length };
  for (const r of results) totals[r.status]++;
  return {
    outputFolder: plan.outputFolder,
    files: results,
    leftOut,
    totals,
    milliseconds: performance.now() - started,
    interrupted: Boolean(settings.signal?.aborted),
    fatal,
  };
}

/**
 * Checks, without writing, that the output folder exists and is writable or can be made: the
 * nearest existing folder on its path must be a folder we may write to.
 */
async function checkOutputFolder(path: string, shown: string): Promise<RedframeError | undefined> {
  for (let folder = path; ; folder = dirname(folder)) {
    const info = await stat(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error));
    if (info instanceof Error) return outputFolderError(info, shown);
    if (info) {
      if (!info.isDirectory()) return outputFolderError(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }), shown);
      const writable = await access(folder, constants.W_OK).then(() => undefined, (error: unknown) => error);
      return writable ? outputFolderError(writable, shown) : undefined;
    }
    if (dirname(folder) === folder) return undefined;
  }
}

const IN_THE_WAY = 'a file is in the way, so it cannot be a folder; choose another output folder';
const FOLDER_WORDING = {
  ENOTDIR: IN_THE_WAY,
  EEXIST: IN_THE_WAY,
  EACCES: 'permission denied; choose an output folder you can write to',
  EPERM: 'permission denied; choose an output folder you can write to',
  EROFS: 'read-only file system; choose another output folder',
};

function outputFolderError(error: unknown, folder: string): RedframeError {
  const why = describeFileError(error, 'write', FOLDER_WORDING);
  return new RedframeError('OUTPUT_UNWRITABLE', `cannot use the output folder: ${why}`, folder, { cause: error });
}

/**
 * A full disk stops the batch (no other file fits either), and so does an output root that cannot
 * be written; a subfolder that cannot be made or written fails only the photos that go there.
 */
function stopsTheBatch(error: unknown, outputRoot: string, outputPath: string): boolean {
  if (!isOutputFatal(error)) return false;
  return isDeviceFull((error as Error).cause) || dirname(outputPath) === outputRoot;
}

async function processFile(
  file: PlannedFile,
  renderer: AvatarRenderer,
  settings: BatchSettings,
  cwd: string,
  folders: Set<string>,
  madeElsewhere: (file: PlannedFile) => Promise<boolean>,
): Promise<{ result: FileResult; error?: unknown; bytes?: number }> {
  const started = performance.now();
  const result = (status: FileStatus, reason?: string, code?: ErrorCode): { result: FileResult } => ({
    result: {
      input: file.input,
      output: status === 'ignored' ? undefined : file.output,
      status,
      reason: reason ?? file.renamed,
      code,
      milliseconds: Math.round(performance.now() - started),
    },
  });
  if (file.kind === 'other-name') return result('ignored', notAnImage(file.input), 'UNSUPPORTED_INPUT');

  const photo = { source: file.source ?? resolve(cwd, file.input), pathBytes: Buffer.isBuffer(file.source), name: file.input };
  try {
    const rendered = await renderToFile(renderer, photo, { path: resolve(cwd, file.output), shown: file.output, overwrite: Boolean(settings.overwrite) }, folders);
    const done = result('ok');
    done.result.photoSide = rendered.photoSide;
    return { ...done, bytes: rendered.data.length };
  } catch (error) {
    if (error instanceof RedframeError && error.code === 'OUTPUT_EXISTS') {
      return result('skipped', (await madeElsewhere(file)) ? MADE_WITH_ANOTHER_LOOK : 'output exists', 'OUTPUT_EXISTS');
    }
    // The renderer recognises images by content: a file whose name says nothing is simply not a
    // photo; one named like a photo is reported, since someone expects an avatar from it.
    if (error instanceof RedframeError && error.code === 'UNSUPPORTED_INPUT' && file.kind === 'unknown-name') {
      return result('ignored', error.message, error.code);
    }
    return { ...result('failed', (error as Error).message, error instanceof RedframeError ? error.code : undefined), error };
  }
}
