import { readFileSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CommanderError } from 'commander';
import type { BatchResult } from '../batch/batch.js';
import { isGlob } from '../batch/collect.js';
import { RedframeError, isUsageError } from '../errors.js';
import { describeFileError } from '../files/errno.js';
import { printable } from '../files/names.js';
import { checkOutput, renderToFile } from '../files/output.js';
import { removePendingTempFiles, removeStaleTempFiles } from '../files/write-atomic.js';
import { extensionOf, formatOfName, FORMATS, OUTPUT_EXTENSIONS, type Format } from '../formats.js';
import { resolveOptions, type RenderOptions } from '../options.js';
import { checkValue } from '../options/check.js';
import { OPTION_TABLE, longFlag } from '../options/table.js';
import { presetFileContent } from '../options/init-preset.js';
import { BUILT_IN_PRESETS, isPresetFile, loadPreset } from '../presets.js';
import type { RenderedAvatar, RenderLimits } from '../render/render.js';
import { withAdvice } from './advice.js';
import { buildProgram, toRequest, type CliRequest } from './program.js';
import { colours, formatJson, formatPlan, formatSummary, progressBar, seconds, type Terminal } from './report.js';

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
  const program = buildProgram(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  const request = toRequest(program);
  const c = colours(io.env, io.stderr);
  try {
    return await execute(request, io);
  } catch (error) {
    const status = isUsageError(error) ? EXIT.usage : EXIT.failed;
    if (error instanceof RedframeError) {
      io.stderr.write(`${c.red('redframe:')} ${printable(`${error.file ? `${error.file}: ` : ''}${withAdvice(error.message, error.code)}`)}\n`);
    } else {
      io.stderr.write(`${c.red('redframe:')} ${(error as Error).message ?? String(error)} (an unexpected error; run with --debug and report it)\n`);
    }
    if (request.debug && error instanceof Error) io.stderr.write(`${error.stack}\n${error.cause instanceof Error ? `caused by: ${error.cause.stack}\n` : ''}`);
    return status;
  }
}

function usage(message: string): RedframeError {
  return new RedframeError('INVALID_OPTION', message);
}

/** A batch or limit setting given as a flag, checked by its table entry and named by its flag. */
function integerSetting(key: 'concurrency' | 'maxDepth' | 'maxPixels' | 'timeoutSeconds', value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const entry = OPTION_TABLE.find((e) => e.key === key)!;
  return checkValue(entry, value, longFlag(entry)) as number;
}

async function execute(request: CliRequest, io: CliIo): Promise<number> {
  if (request.listPresets) {
    const width = Math.max(...BUILT_IN_PRESETS.map((p) => p.name.length));
    for (const preset of BUILT_IN_PRESETS) io.stdout.write(`${preset.name.padEnd(width)}  ${preset.description}\n`);
    io.stdout.write('\nOr give a preset file: --preset team.json (write one with --init-preset team.json).\n');
    return EXIT.ok;
  }
  const { preset } = request;
  const presetOptions = preset ? await loadPreset(isPresetFile(preset) ? resolvePath(io, preset) : preset) : {};
  const options: RenderOptions = { ...presetOptions, ...request.flags };
  // Fonts given as flags are relative to the working folder (a preset's are relative to the preset).
  if (request.flags.font !== undefined) options.font = [request.flags.font].flat().map((font) => resolvePath(io, font));

  if (request.initPreset) return initPreset(request.initPreset, options, io);
  if (request.inputs.length === 0) throw usage('no photo given; try redframe photo.jpg (or --help)');

  const limits: RenderLimits = {
    maxPixels: integerSetting('maxPixels', request.maxPixels),
    timeoutSeconds: integerSetting('timeoutSeconds', request.timeoutSeconds),
    firstFrame: request.firstFrame,
  };
  const concurrency = integerSetting('concurrency', request.concurrency);
  const maxDepth = integerSetting('maxDepth', request.maxDepth);

  if (await isSinglePhoto(request, io)) return renderOne(request, options, limits, io);
  if (request.inputs.length === 1 && !isGlob(request.inputs[0]!) && !(await stat(resolvePath(io, request.inputs[0]!)).catch(() => undefined))) {
    throw new RedframeError('IO_ERROR', 'no such file or folder; check the path', request.inputs[0]);
  }

  if (request.inputs.includes('-')) throw usage('standard input (-) can only be used alone, for one photo');
  if (request.output === '-') throw usage('-o - writes one photo to standard output; give a folder for several inputs');
  const resolved = resolveOptions(options);
  const { createResolvedRenderer, planBatch, runPlan, DEFAULT_OUTPUT_FOLDER } = await loadEngine();
  const renderer = createResolvedRenderer(resolved, limits);
  const plan = await planBatch(request.inputs, { output: request.output ?? DEFAULT_OUTPUT_FOLDER, maxDepth, cwd: io.cwd }, renderer.format);
  const c = colours(io.env, io.stderr);
  // The contact sheet is an output like the others: checked before any photo is rendered.
  const sheetPath = request.contactSheet ? resolvePath(io, request.contactSheet) : undefined;
  const batchInputs = plan.files.map((f) => f.source ?? resolvePath(io, f.input));
  if (sheetPath) {
    await checkOutput({ path: sheetPath, shown: request.contactSheet!, overwrite: request.overwrite }, batchInputs);
    const clash = plan.files.find((f) => f.kind !== 'other-name' && resolvePath(io, f.output) === sheetPath);
    if (clash) throw new RedframeError('OUTPUT_IS_INPUT', `the contact sheet would replace the output of ${clash.input}; choose another name`, request.contactSheet);
  }
  if (request.dryRun) {
    if (request.json) io.stdout.write(`${JSON.stringify({ dryRun: true, ...plan }, null, 2)}\n`);
    else io.stdout.write(formatPlan(plan, c));
    return EXIT.ok;
  }
  const showProgress = Boolean(io.stderr.isTTY) && !request.quiet && !io.env.CI;
  const total = plan.files.length + plan.missing.length;
  const bar = showProgress && total > 0 ? progressBar(io.stderr, total) : undefined;
  let result: BatchResult;
  try {
    result = await runPlan(plan, renderer, {
      overwrite: request.overwrite,
      concurrency,
      signal: io.signal,
      cwd: io.cwd,
      ...limits,
      onStart: (file) => bar?.startFile(file),
      onFile: (_, done) => bar?.fileDone(done),
    });
  } finally {
    bar?.stop();
    await removePendingTempFiles();
  }
  if (request.contactSheet && !result.interrupted && !result.fatal) {
    const { makeContactSheet } = await import('../batch/contact-sheet.js');
    const entries = result.files.filter((f) => (f.status === 'ok' || f.status === 'skipped') && f.output).map((f) => ({ file: resolve(io.cwd, f.output!), label: relative(resolve(io.cwd, plan.outputFolder), resolve(io.cwd, f.output!)).split(sep).join('/') }));
    const pages = await makeContactSheet(entries, sheetPath!, { overwrite: request.overwrite, inputs: batchInputs });
    const more = pages.length > 1 ? ` and ${pages.length - 1} more page${pages.length > 2 ? 's' : ''} to ${relative(io.cwd, pages.at(-1)!)}` : '';
    if (!request.quiet && !request.json) io.stderr.write(`Contact sheet: ${request.contactSheet}${more}\n`);
  }
  if (request.json) io.stdout.write(formatJson(result));
  else if (!request.quiet || result.totals.failed > 0 || result.fatal) io.stderr.write(formatSummary(result, c));
  if (result.interrupted) return EXIT.interrupted;
  return result.totals.failed > 0 || result.fatal ? EXIT.failed : EXIT.ok;
}

/**
 * The image engine (sharp, libvips and everything that renders) is loaded only when there is
 * something to render, so --help, --version, --list-presets and usage errors answer quickly.
 */
async function loadEngine() {
  const [render, batch, { default: sharp }] = await Promise.all([import('../render/render.js'), import('../batch/batch.js'), import('sharp')]);
  // libvips' operation cache pays off when the same image is processed again; a batch never does,
  // and the cache (up to 50 MB by default) only made a long batch's memory creep up: 500 photos
  // peaked 13% above 24 with it, within the noise of 24 without it (see test/bench). The process
  // is the command's, so the setting is made here and not in the library, which leaves sharp to
  // its host.
  sharp.cache(false);
  return { ...render, ...batch };
}

function resolvePath(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}

/** One input that is a file (or -), and an output that is not a folder: the one-photo command. */
async function isSinglePhoto(request: CliRequest, io: CliIo): Promise<boolean> {
  if (request.inputs.length !== 1) return false;
  const [input] = request.inputs as [string];
  if (request.output && (/[/\\]$/.test(request.output) || (await stat(resolvePath(io, request.output)).catch(() => undefined))?.isDirectory())) {
    return false;
  }
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
  const format = chooseFormat(options, toStdout ? undefined : request.output);
  const resolved = resolveOptions({ ...options, ...(format ? { format } : {}) });
  const { createResolvedRenderer } = await loadEngine();
  const renderer = createResolvedRenderer(resolved, limits);
  const extension = extensionOf(renderer.format);
  const output = toStdout
    ? '-'
    : request.output ?? join(dirname(input), `${basename(input, extname(input))}.redframe${extension}`);
  const outputPath = resolvePath(io, output);

  if (toStdout && io.stdout.isTTY) throw usage('refusing to write image data to a terminal; redirect it (> avatar.jpg) or use -o FILE');
  const target = { path: outputPath, shown: output, overwrite: request.overwrite };
  // Checked before standard input is read or anything decoded: a refusal costs nothing.
  if (!toStdout) await checkOutput(target, input === '-' ? [] : [resolvePath(io, input)]);
  const started = performance.now();
  const bytes = input === '-' ? await readStdin(io) : undefined;
  const name = input === '-' ? 'standard input' : input;
  let rendered: RenderedAvatar;
  if (toStdout) {
    rendered = await renderer.render(bytes ?? resolvePath(io, input), name);
    await new Promise<void>((done, fail) => io.stdout.write(rendered.data, (error) => (error ? fail(error) : done()))).catch((error: unknown) => {
      throw new RedframeError('OUTPUT_UNWRITABLE', `cannot write the image: ${describeFileError(error, 'write')}`, 'standard output', { cause: error });
    });
  } else {
    // Leftovers of killed runs beside this output go first (only this folder, not below it).
    await removeStaleTempFiles(dirname(outputPath), { recursive: false });
    rendered = await renderToFile(renderer, { source: bytes ?? resolvePath(io, input), name }, target);
  }
  const milliseconds = Math.round(performance.now() - started);
  if (request.json) {
    io.stdout.write(`${JSON.stringify({ input, output, status: 'ok', format: rendered.format, size: rendered.width, milliseconds }, null, 2)}\n`);
  } else if (!request.quiet && !toStdout) {
    io.stderr.write(`${printable(`${input} -> ${output}`)} (${rendered.width}x${rendered.height} ${rendered.format}, ${seconds(milliseconds)})\n`);
  }
  return EXIT.ok;
}

async function readStdin(io: CliIo): Promise<Buffer> {
  if (io.stdin.isTTY) throw usage('- reads a photo from standard input, but it is a terminal; pipe a file in (cat photo.jpg | redframe -)');
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * The schema of the exact version that wrote the preset, from the npm CDN: a preset is shared
 * between machines and global installs, so a local path would be wrong everywhere but here.
 */
export const PRESET_SCHEMA_URL = `https://cdn.jsdelivr.net/npm/redframe@${VERSION}/preset.schema.json`;

async function initPreset(file: string, options: RenderOptions, io: CliIo): Promise<number> {
  const path = resolvePath(io, file);
  const content = presetFileContent(options, { presetFile: path, schema: PRESET_SCHEMA_URL });
  if (await stat(path).catch(() => undefined)) throw new RedframeError('OUTPUT_EXISTS', 'already exists; choose another name for the preset', file);
  await mkdir(dirname(path), { recursive: true }); // a new campaign folder is the usual place for it
  await writeFile(path, content, { flag: 'wx' });
  io.stderr.write(`Wrote ${file}; use it with --preset ${file}\n`);
  return EXIT.ok;
}
