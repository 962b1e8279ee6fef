/**
 * The command line: parses argv, runs the command it names, prints errors as one line each and
 * returns the exit status. The runners load the image engine only when there is something to
 * render, so --help, --version and usage errors load no sharp.
 */
import { readFileSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { CommanderError, type Command } from 'commander';
import { isUsageError, quote, RedframeError } from '../core/errors.js';
import { printable } from '../files/file-names.js';
import { didYouMean } from '../options/check.js';
import { overlayCacheFolderOf, overlayCacheSettled, useOverlayCache } from '../overlay/cache-folder.js';
import { DEFAULT_OUTPUT_FOLDER } from '../options/table.js';
import { errorLine } from './advice.js';
import { toRequest, type CliRequest } from './avatar/definition.js';
import { runAvatarCommand } from './avatar/run.js';
import { lookFlags } from './flags.js';
import { EXIT, Interrupted, reportedAsJson, resolvePath, usage, type CliIo } from './io.js';
import { PAGE_COMMAND, toPageRequest, type PageRequest } from './page/definition.js';
import { runPage } from './page/run.js';
import { SURFACE_COMMANDS, toSurfaceRequest, type SurfaceKind, type SurfaceRequest } from './surfaces/definition.js';
import { runSurfaces } from './surfaces/run.js';
import { buildProgram } from './program.js';
import { colours, formatJsonFailure } from './report.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/**
 * Runs the command line and returns the exit status. Everything the command prints goes to
 * `io`, so tests run it in-process exactly as a user would in a shell.
 *
 * @example process.exitCode = await runCli(process.argv.slice(2), { ...processIo });
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(VERSION);
  const c = colours(io.env, io.stderr);
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // commander quotes the values it refuses in full: a long one is cut like every echoed value.
      writeErr: (text) => io.stderr.write(text.replace(/'([^'\n]{41,})'/g, (_, value: string) => quote(value))),
      // Its usage errors start as redframe's own, whoever found the mistake.
      outputError: (text, write) => write(text.replace(/^error: /, `${c.red('redframe:')} `)),
    });
  }
  // The command that ran: a subcommand named by the first word, else the photo command.
  const ran = (): Command => program.commands.find((command) => command.name() === program.args[0]) ?? program;
  let request: CliRequest | undefined;
  let pageRequest: PageRequest | undefined;
  let surfaceRequest: SurfaceRequest | undefined;
  useOverlayCache(overlayCacheFolderOf(io.env));
  try {
    try {
      program.parse(argv, { from: 'user' });
    } catch (error) {
      if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      throw error; // a flag's own check (flags.ts): printed below like every usage error
    }
    request = toRequest(program);
    // A first word `page` ran the page command (a photo of that name is given as ./page).
    const pageCommand = program.args[0] === PAGE_COMMAND ? ran() : undefined;
    pageRequest = pageCommand ? toPageRequest(pageCommand, lookFlags(pageCommand)) : undefined;
    // `cover` and `card` likewise (a photo of that name is ./cover).
    const kind = SURFACE_COMMANDS.find((k) => k === program.args[0]) as SurfaceKind | undefined;
    surfaceRequest = kind ? toSurfaceRequest(kind, ran(), lookFlags(ran())) : undefined;
    const subcommand = pageRequest ? 'page' : surfaceRequest?.kind;
    if (subcommand && Object.values(program.opts()).some((value) => value !== undefined)) {
      throw usage(`options of redframe ${subcommand} go after the word ${subcommand} (redframe ${subcommand} --overwrite ...)`);
    }
    if (pageRequest) return await runPage(pageRequest, io);
    if (surfaceRequest) return await runSurfaces(surfaceRequest, io);
    await refuseMisspeltCommand(request, io);
    return await runAvatarCommand(request, io);
  } catch (error) {
    if (error instanceof Interrupted) {
      io.stderr.write(`${c.yellow('Interrupted:')} nothing was written\n`);
      return EXIT.interrupted;
    }
    const status = isUsageError(error) ? EXIT.usage : EXIT.failed;
    // --json promises one report on standard output, whatever stopped the run.
    const photoCommand = ran() === program;
    if (photoCommand && (request?.json ?? program.opts().json === true) && !(error instanceof Object && reportedAsJson.has(error))) {
      io.stdout.write(formatJsonFailure(error, request && request.inputs.length > 0 && !request.initPreset ? request.output ?? DEFAULT_OUTPUT_FOLDER : undefined));
    }
    if (error instanceof RedframeError) {
      // Advice names only flags of the command that ran (`redframe page` has no --max-pixels),
      // and its -o as what it is (the subcommands' is a folder).
      const options = ran().options;
      const takes = (flag: string) => options.some((option) => option.long === flag || option.short === flag);
      const outputIsFolder = options.some((option) => option.long === '--output' && option.flags.endsWith('<folder>'));
      io.stderr.write(`${c.red('redframe:')} ${printable(errorLine(error, { takes, outputIsFolder }))}\n`);
    } else {
      io.stderr.write(`${c.red('redframe:')} ${(error as Error).message ?? String(error)} (an unexpected error; run with --debug and report it)\n`);
    }
    const debug = pageRequest?.debug ?? surfaceRequest?.debug ?? request?.debug ?? ran().opts().debug === true;
    if (debug && error instanceof Error) io.stderr.write(`${error.stack}\n${error.cause instanceof Error ? `caused by: ${error.cause.stack}\n` : ''}`);
    return status;
  } finally {
    // An overlay still being written to the cache is finished first (on a signal it is abandoned
    // like any other write, and main.ts removes its temporary file).
    if (!io.signal?.aborted) await overlayCacheSettled();
  }
}

/** The commands a first word names, for the guess at a misspelt one. */
const COMMAND_NAMES: readonly string[] = [PAGE_COMMAND, ...SURFACE_COMMANDS];

/**
 * A first word that is no file or folder but is a typo or two away from a command (`covers`,
 * `cards`, `pgae`: didYouMean's distance, as for preset names) was meant as the command: refused
 * with the guess (usage, status 2), not taken as a missing photo. A file of that name is still a
 * photo, as it has always been.
 */
async function refuseMisspeltCommand(request: CliRequest, io: CliIo): Promise<void> {
  const first = request.inputs[0];
  // --list-presets and --init-preset read no photo.
  if (first === undefined || first === '-' || request.listPresets || request.initPreset !== undefined) return;
  const guess = didYouMean(first, COMMAND_NAMES);
  if (guess === undefined) return;
  const missing = await lstat(resolvePath(io, first)).then(() => false, (error: NodeJS.ErrnoException) => error.code === 'ENOENT' || error.code === 'ENOTDIR');
  if (missing) throw usage(`no such photo or command ${quote(first)}; did you mean redframe ${guess}?`);
}
