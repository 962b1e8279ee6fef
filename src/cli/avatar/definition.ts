/**
 * The photo command's definition (`redframe PHOTO...`): its flags, help and request. Kept apart
 * from the code that runs it (run.ts), so that `--help` loads no image engine.
 */
import { Command } from 'commander';
import type { RenderOptions } from '../../options/resolve.js';
import { OPTION_GROUPS, OPTION_TABLE } from '../../options/table.js';
import { attribute, commanderOption } from '../flags.js';

/** What the command line asked for, before any file is touched. */
export interface CliRequest {
  inputs: string[];
  output: string | undefined;
  preset: string | undefined;
  /** Only the look options given as flags: they override the preset. */
  flags: RenderOptions;
  overwrite: boolean;
  listPresets: boolean;
  initPreset: string | undefined;
  dryRun: boolean;
  json: boolean;
  quiet: boolean;
  debug: boolean;
  concurrency: unknown;
  maxDepth: unknown;
  maxPixels: unknown;
  maxBytes: unknown;
  timeoutSeconds: unknown;
  firstFrame: boolean;
  contactSheet: string | undefined;
}

// Fits 80 columns, as commander's own help does on a terminal of that width (a test holds it).
export const EXAMPLES = `
Examples:
  redframe photo.jpg                      writes photo.redframe.jpg beside it
  redframe photo.heic -o me.png --shape circle
  redframe team/ -o avatars/              a whole folder, tree mirrored; resumes
  redframe "photos/**/*.jpg" -o avatars/  globs are expanded by redframe itself
  redframe photo.jpg --mode duotone --color "#0a7d32" --text "#FreeThemAll"
  redframe photo.jpg --preset solid       the flat 2016 red square
  redframe photo.jpg --preset team.json   a shared preset; flags override it
  cat photo.jpg | redframe - -o - > avatar.jpg
  redframe page -o campaign/              the campaign page (page --help)
  redframe cover -o kit/                  covers, every platform (cover --help)
  redframe card --message "..." -o kit/   post and story cards (card --help)

Exit status: 0 done, 1 a photo failed (or no photo was found), 2 wrong usage,
130 interrupted.
Works offline: nothing is uploaded; location and author metadata are removed.`;

/**
 * The command definition, every option from the option table. Parsing is separate from running
 * so the CLI can be tested in-process.
 */
export function buildAvatarCommand(version: string): Command {
  const program = new Command('redframe')
    .description('Turn profile pictures red, frame them with a ring and add a bilingual hashtag banner.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[inputs...]', 'photos, folders or quoted globs; - reads standard input')
    .showHelpAfterError('(run redframe --help for the options)')
    .addHelpText('after', EXAMPLES);
  // Groups in the table's order, options in table order within each.
  for (const group of OPTION_GROUPS) {
    for (const entry of OPTION_TABLE) if (entry.group === group) program.addOption(commanderOption(entry));
  }
  return program.action(() => {});
}

/** Turns parsed commander options into a request: values under their API keys. */
export function toRequest(program: Command): CliRequest {
  const o = program.opts<Record<string, unknown>>();
  const given: Record<string, unknown> = {};
  const flags: Record<string, unknown> = {};
  for (const entry of OPTION_TABLE) {
    const value = o[attribute(entry)];
    if (value === undefined) continue;
    given[entry.key] = value;
    if (entry.scope === 'look') flags[entry.key] = value;
  }
  return {
    inputs: program.args,
    output: given.output as string | undefined,
    preset: given.preset as string | undefined,
    flags: flags as RenderOptions,
    overwrite: Boolean(given.overwrite),
    listPresets: Boolean(given.listPresets),
    initPreset: given.initPreset as string | undefined,
    dryRun: Boolean(given.dryRun),
    json: Boolean(given.json),
    quiet: Boolean(given.quiet),
    debug: Boolean(given.debug),
    concurrency: given.concurrency,
    maxDepth: given.maxDepth,
    maxPixels: given.maxPixels,
    maxBytes: given.maxBytes,
    timeoutSeconds: given.timeoutSeconds,
    firstFrame: Boolean(given.firstFrame),
    contactSheet: given.contactSheet as string | undefined,
  };
}
