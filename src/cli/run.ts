import { readFileSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CommanderError } from 'commander';
// The command is built on the public API alone: `redframe/options` here (no image engine, so
// --help and usage errors answer at once), `redframe` itself once there is something to render.
import type { BatchResult, ErrorCode, RenderedAvatar, RenderLimits } from '../index.js';
import {
  BUILT_IN_PRESETS, DEFAULT_MAX_BYTES, DEFAULT_OUTPUT_FOLDER, FORMATS, OPTION_TABLE, OUTPUT_EXTENSIONS, RedframeError, checkOption, describeFileError,
  extensionOf, formatOfName, isUsageError, longFlag, presetFileContent, presetSchema, printable, quote, resolveOptions,
  type Format, type RenderOptions,
} from '../options/index.js';
import { errorLine, withAdvice } from './advice.js';
import { lookOf } from './look.js';
import { PAGE_COMMAND, toPageRequest } from './page-command.js';
import { runPage } from './page.js';
import { buildProgram, lookFlags, toRequest, type CliRequest } from './program.js';
import { colours, formatJson, formatPlan, formatSummary, progressBar, seconds, softPhotos, type Terminal } from './report.js';

export interface CliIo {
  stdout: Writable & Terminal;
  stderr: Writable & Terminal;
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C / SIGTERM: start nothing new, finish what is in flight. */
  signal?: AbortSignal;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/**
 * Runs the command line and returns the exit status. Everything the command prints goes to
 * `io`, so tests run it in-process exactly as a user would in a shell.
 *
 * @example process.exitCode = await runCli(process.argv.slice(2), { ...processIo });
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(VERSION);
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // commander quotes the values it refuses in full: a long one is cut like every echoed value.
      writeErr: (text) => io.stderr.write(text.replace(/'([^'\n]{41,})'/g, (_, value: string) => quote(value))),
    });
  }
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  const request = toRequest(program);
  // A first word `page` ran the page command (a photo of that name is given as ./page).
  const pageCommand = program.args[0] === PAGE_COMMAND ? program.commands.find((c) => c.name() === PAGE_COMMAND) : undefined;
  const pageRequest = pageCommand ? toPageRequest(pageCommand, lookFlags(pageCommand)) : undefined;
  const c = colours(io.env, io.stderr);
  try {
    if (pageRequest && Object.values(program.opts()).some((value) => value !== undefined)) {
      throw usage('options of redframe page go after the word page (redframe page --overwrite ...)');
    }
    return pageRequest ? await runPage(pageRequest, io) : await execute(request, io);
  } catch (error) {
    if (error instanceof Interrupted) {
      io.stderr.write(`${c.yellow('Interrupted:')} nothing was written\n`);
      return EXIT.interrupted;
    }
    const status = isUsageError(error) ? EXIT.usage : EXIT.failed;
    if (error instanceof RedframeError) {
      io.stderr.write(`${c.red('redframe:')} ${printable(errorLine(error))}\n`);
    } else {
      io.stderr.write(`${c.red('redframe:')} ${(error as Error).message ?? String(error)} (an unexpected error; run with --debug and report it)\n`);
    }
    if ((pageRequest?.debug ?? request.debug) && error instanceof Error) io.stderr.write(`${error.stack}\n${error.cause instanceof Error ? `caused by: ${error.cause.stack}\n` : ''}`);
    return status;
  }
}

/** A one-photo run stopped by Ctrl-C or SIGTERM. */
class Interrupted extends Error {}

/** The work's result, or Interrupted as soon as `signal` aborts (the work itself is left to end on its own). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      work.catch(() => undefined); // abandoned: whatever it ends with is no one's error
      reject(new Interrupted());
      return;
    }
    const onAbort = () => reject(new Interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function usage(message: string): RedframeError {
  return new RedframeError('INVALID_OPTION', message);
}

/** A batch or limit setting given as a flag, checked by its table entry and named by its flag. */
function numberSetting(key: 'concurrency' | 'maxDepth' | 'maxPixels' | 'maxBytes' | 'timeoutSeconds', value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return checkOption(key, value, longFlag(OPTION_TABLE.find((entry) => entry.key === key)!)) as number;
}

async function execute(request: CliRequest, io: CliIo): Promise<number> {
  if (request.listPresets) {
    const width = Math.max(...BUILT_IN_PRESETS.map((p) => p.name.length));
    for (const preset of BUILT_IN_PRESETS) io.stdout.write(`${preset.name.padEnd(width)}  ${preset.description}\n`);
    io.stdout.write('\nOr give a preset file: --preset team.json (write one with --init-preset team.json).\n');
    return EXIT.ok;
  }
  const { options } = await lookOf(request.preset, request.flags, io.cwd);

  if (request.initPreset) return initPreset(request.initPreset, options, request.overwrite, io);
  if (request.inputs.length === 0) throw usage('no photo given; try redframe photo.jpg (or --help)');

  const limits: RenderLimits = {
    ...(request.maxPixels === undefined ? {} : { maxPixels: numberSetting('maxPixels', request.maxPixels) }),
    ...(request.maxBytes === undefined ? {} : { maxBytes: numberSetting('maxBytes', request.maxBytes) }),
    ...(request.timeoutSeconds === undefined ? {} : { timeoutSeconds: numberSetting('timeoutSeconds', request.timeoutSeconds) }),
    firstFrame: request.firstFrame,
  };
  const concurrency = numberSetting('concurrency', request.concurrency);
  const maxDepth = numberSetting('maxDepth', request.maxDepth);

  if (await isSinglePhoto(request, io)) return renderOne(request, options, limits, io);

  if (request.inputs.includes('-')) throw usage('standard input (-) can only be used alone, for one photo');
  if (request.output === '-') throw usage('-o - writes one photo to standard output; give a folder for several inputs');
  if (request.output && formatOfName(request.output) && !(await isFolder(io, request.output))) {
    // `-o two.jpg` with several photos (or a folder) would silently make a folder named two.jpg.
    throw usage(`several photos go into a folder, but -o ${request.output} names an image file; give a folder, such as -o ${basename(request.output, extname(request.output))}/`);
  }
  const { createRenderer, planBatch, runPlan, checkOutput } = await loadEngine();
  const renderer = createRenderer(options, limits);
  if (!request.dryRun) renderer.prepare().catch(() => undefined); // built while the folders are walked; runPlan awaits it
  const plan = await planBatch(request.inputs, { output: request.output ?? DEFAULT_OUTPUT_FOLDER, ...(maxDepth === undefined ? {} : { maxDepth }), cwd: io.cwd }, renderer.format);
  const [missing] = plan.missing;
  if (request.inputs.length === 1 && missing && plan.files.length === 0 && (plan.ignored ?? []).length === 0) {
    throw new RedframeError('IO_ERROR', `${missing.reason}; check the path`, missing.path); // one argument, and it leads nowhere
  }
  const c = colours(io.env, io.stderr);
  // The contact sheet is an output like the others: checked before any photo is rendered.
  const sheetPath = request.contactSheet ? resolvePath(io, request.contactSheet) : undefined;
  const batchInputs = sheetPath ? plan.files.map((f) => f.source ?? resolvePath(io, f.input)) : [];
  if (sheetPath) {
    await checkOutput({ path: sheetPath, shown: request.contactSheet!, overwrite: request.overwrite }, batchInputs);
    const clash = plan.files.find((f) => f.kind !== 'other-name' && resolvePath(io, f.output) === sheetPath);
    if (clash) throw new RedframeError('OUTPUT_IS_INPUT', `the contact sheet would replace the output of ${clash.input}; choose another name`, request.contactSheet);
  }
  if (request.dryRun) {
    if (request.json) io.stdout.write(`${JSON.stringify({ dryRun: true, ...plan }, null, 2)}\n`);
    else io.stdout.write(formatPlan(plan, c, request.overwrite));
    return EXIT.ok;
  }
  const showProgress = Boolean(io.stderr.isTTY) && !request.quiet && !io.env.CI;
  const total = plan.files.length + plan.missing.length;
  const bar = showProgress && total > 0 ? progressBar(io.stderr, total) : undefined;
  let result: BatchResult;
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
    bar?.stop();
    await (await loadEngine()).removePendingTempFiles();
  }
  if (request.contactSheet && !result.interrupted && !result.fatal) {
    const outputs = result.files.filter((f) => (f.status === 'ok' || f.status === 'skipped') && f.output).map((f) => f.output!);
    await writeContactSheet(request, io, outputs, plan.outputFolder, batchInputs);
  }
  if (request.json) io.stdout.write(formatJson(result));
  else if (!request.quiet || result.totals.failed > 0 || result.fatal) io.stderr.write(formatSummary(result, c, renderer.options.size));
  if (result.interrupted) return EXIT.interrupted;
  return result.totals.failed > 0 || result.fatal ? EXIT.failed : EXIT.ok;
}

/**
 * The image engine (sharp, libvips and everything that renders) is loaded only when there is
 * something to render, so --help, --version, --list-presets and usage errors answer quickly.
 */
async function loadEngine() {
  const [engine, { default: sharp }] = await Promise.all([import('../index.js'), import('sharp')]);
  // libvips' operation cache pays off when the same image is processed again; a batch never does,
  // and the cache (up to 50 MB by default) only made a long batch's memory creep up: 500 photos
  // peaked 13% above 24 with it, within the noise of 24 without it (see test/bench). The process
  // is the command's, so the setting is made here and not in the library, which leaves sharp to
  // its host.
  sharp.cache(false);
  return engine;
}

async function isFolder(io: CliIo, path: string): Promise<boolean> {
  return /[/\\]$/.test(path) || Boolean((await stat(resolvePath(io, path)).catch(() => undefined))?.isDirectory());
}

/** The contact sheet of a run's outputs, labelled by their paths below the output folder. */
async function writeContactSheet(request: CliRequest, io: CliIo, outputs: string[], outputFolder: string, inputs: (string | Buffer)[]): Promise<void> {
  const { makeContactSheet } = await loadEngine();
  const entries = outputs.map((output) => ({ file: resolve(io.cwd, output), label: relative(resolve(io.cwd, outputFolder), resolve(io.cwd, output)).split(sep).join('/') }));
  const pages = await makeContactSheet(entries, resolvePath(io, request.contactSheet!), { overwrite: request.overwrite, inputs });
  const more = pages.length > 1 ? ` and ${pages.length - 1} more page${pages.length > 2 ? 's' : ''} to ${relative(io.cwd, pages.at(-1)!)}` : '';
  if (!request.quiet && !request.json) io.stderr.write(`Contact sheet: ${printable(request.contactSheet!)}${more}\n`);
}

function resolvePath(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}

/** One input that is a file (or -), and an output that is not a folder: the one-photo command. */
async function isSinglePhoto(request: CliRequest, io: CliIo): Promise<boolean> {
  if (request.inputs.length !== 1) return false;
  const [input] = request.inputs as [string];
  if (request.output && (await isFolder(io, request.output))) return false;
  if (input === '-') return true;
  return Boolean((await stat(resolvePath(io, input)).catch(() => undefined))?.isFile());
}

/** Output format: --format, else the output's extension, else the default for the shape. */
function chooseFormat(options: RenderOptions, output: string | undefined): Format | undefined {
  if (!output || output === '-') return options.format;
  const extension = extname(output).toLowerCase();
  const fromName = formatOfName(output);
  if (options.format) {
    const wanted = resolveOptions({ format: options.format }).format;
    if (fromName && fromName !== wanted) {
      throw usage(`the output name ${output} says ${fromName} but --format says ${wanted}; make them agree`);
    }
    if (!fromName && extension) throw usage(`the output name ${output} ends in ${extension}, which is not ${wanted}; name it ${basename(output, extname(output))}${extensionOf(wanted!)}`);
    return wanted;
  }
  if (!fromName) {
    throw usage(`cannot tell the output format from ${output}; end the name in ${OUTPUT_EXTENSIONS.join(', ')} or add --format ${FORMATS.join('|')}`);
  }
  return fromName;
}

async function renderOne(request: CliRequest, options: RenderOptions, limits: RenderLimits, io: CliIo): Promise<number> {
  const [input] = request.inputs as [string];
  const toStdout = request.output === '-' || (input === '-' && request.output === undefined);
  if (toStdout && request.contactSheet) throw usage('--contact-sheet needs the avatar in a file; give -o FILE');
  const format = chooseFormat(options, toStdout ? undefined : request.output);
  const engine = await loadEngine();
  const renderer = engine.createRenderer({ ...options, ...(format ? { format } : {}) }, limits);
  const output = toStdout
    ? '-'
    : request.output ?? join(dirname(input), `${basename(input, extname(input))}.redframe${extensionOf(renderer.format)}`);
  const outputPath = resolvePath(io, output);

  if (toStdout && io.stdout.isTTY) throw usage('refusing to write image data to a terminal; redirect it (> avatar.jpg) or use -o FILE');
  const target = { path: outputPath, shown: output, overwrite: request.overwrite };
  const inputs = input === '-' ? [] : [resolvePath(io, input)];
  const started = performance.now();
  let rendered: RenderedAvatar;
  try {
    // Checked before standard input is read or anything decoded: a refusal costs nothing.
    if (!toStdout) await engine.checkOutput(target, inputs);
    if (request.contactSheet) await engine.checkOutput({ path: resolvePath(io, request.contactSheet), shown: request.contactSheet, overwrite: request.overwrite }, [...inputs, outputPath]);
    // A one-photo run has nothing to finish when it is interrupted: it stops reading or decoding at
    // once, writes nothing, and the abandoned decoder is not waited for (see main.ts).
    const bytes = input === '-' ? await untilAborted(readStdin(io, limits.maxBytes), io.signal) : undefined;
    const name = input === '-' ? 'standard input' : input;
    const interruptible = { ...renderer, render: (...args: Parameters<typeof renderer.render>) => untilAborted(renderer.render(...args), io.signal) };
    if (toStdout) {
      rendered = await interruptible.render(bytes ?? resolvePath(io, input), name);
      const data = rendered.data;
      await new Promise<void>((done, fail) => io.stdout.write(data, (error) => (error ? fail(error) : done()))).catch((error: unknown) => {
        throw new RedframeError('OUTPUT_UNWRITABLE', `cannot write the image: ${describeFileError(error, 'write')}`, 'standard output', { cause: error });
      });
    } else {
      // Leftovers of killed runs beside this output go first (only this folder, not below it).
      await engine.removeStaleTempFiles(dirname(outputPath), { recursive: false });
      rendered = await engine.renderToFile(interruptible, { source: bytes ?? resolvePath(io, input), name }, target);
    }
  } catch (error) {
    // Scripts always get a report to parse: the failure, with its code, as JSON.
    if (request.json && error instanceof RedframeError && !isUsageError(error)) {
      io.stdout.write(`${JSON.stringify(oneReport(input, output, 'failed', started, { code: error.code, reason: withAdvice(error.message, error.code) }), null, 2)}\n`);
    }
    throw error;
  }
  if (request.contactSheet) await writeContactSheet(request, io, [output], dirname(output), inputs);
  if (request.json) {
    const report = oneReport(input, output, 'ok', started, { format: rendered.format, size: rendered.width, photoSide: rendered.photoSide });
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else if (!request.quiet) {
    if (!toStdout) io.stderr.write(`${printable(`${input} -> ${output}`)} (${rendered.width}x${rendered.height} ${rendered.format}, ${seconds(Math.round(performance.now() - started))})\n`);
    const soft = softPhotos([{ input, photoSide: rendered.photoSide }], rendered.width);
    if (soft) io.stderr.write(soft);
  }
  return EXIT.ok;
}

/** The JSON report of the one-photo command, the same shape whether it worked or not. */
function oneReport(input: string, output: string, status: 'ok' | 'failed', started: number, details: { code?: ErrorCode; reason?: string; format?: Format; size?: number; photoSide?: number }) {
  return { input, output, status, code: details.code ?? null, reason: details.reason ?? null, ...details, milliseconds: Math.round(performance.now() - started) };
}

async function readStdin(io: CliIo, maxBytes: number | undefined): Promise<Buffer> {
  if (io.stdin.isTTY) throw usage('- reads a photo from standard input, but it is a terminal; pipe a file in (cat photo.jpg | redframe -)');
  const { readPhotoStream } = await loadEngine();
  return readPhotoStream(io.stdin, 'standard input', maxBytes ?? DEFAULT_MAX_BYTES);
}

/**
 * The schema travels with the preset: written beside it and named by a relative path, editors
 * find it offline and on every machine the folder is handed to, published package or not.
 */
export const SCHEMA_BESIDE_PRESET = './preset.schema.json';

async function initPreset(file: string, options: RenderOptions, overwrite: boolean, io: CliIo): Promise<number> {
  const path = resolvePath(io, file);
  const content = presetFileContent(options, { presetFile: path, schema: SCHEMA_BESIDE_PRESET });
  if (!overwrite && (await stat(path).catch(() => undefined))) throw new RedframeError('OUTPUT_EXISTS', 'already exists', file);
  await mkdir(dirname(path), { recursive: true }); // a new campaign folder is the usual place for it
  await writeFile(path, content, { flag: overwrite ? 'w' : 'wx' });
  // A schema already there is left as it is (it may be the organiser's own copy).
  const schema = join(dirname(path), SCHEMA_BESIDE_PRESET);
  const wroteSchema = await writeFile(schema, `${JSON.stringify(presetSchema(), null, 2)}\n`, { flag: 'wx' }).then(() => true, () => false);
  const beside = wroteSchema ? ` and ${printable(join(dirname(file), 'preset.schema.json'))} beside it (for editors)` : '';
  io.stderr.write(`Wrote ${printable(file)}${beside}; use it with --preset ${printable(file)}\n`);
  return EXIT.ok;
}
