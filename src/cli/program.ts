import { Command, Option } from 'commander';
import { OPTION_GROUPS, OPTION_TABLE, longFlag, type OptionEntry, type RenderOptions } from '../options/index.js';
import { buildPageCommand } from './page-command.js';

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

// Flag values stay strings unless they read as numbers, so validation can quote what was given.
const numeric = (value: string): number | string => (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value.trim()) ? Number(value) : value);
const repeatable = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export const EXAMPLES = `
Examples:
  redframe photo.jpg                      writes photo.redframe.jpg beside it (aleppo preset)
  redframe photo.heic -o me.png --shape circle
  redframe team/ -o avatars/              a whole folder, tree mirrored, resumable
  redframe "photos/**/*.jpg" -o avatars/  globs are expanded by redframe itself
  redframe photo.jpg --mode duotone --color "#0a7d32" --text "#FreeThemAll"
  redframe photo.jpg --preset solid       the flat 2016 red square
  redframe photo.jpg --preset team.json   a shared campaign preset (flags override it)
  cat photo.jpg | redframe - -o - > avatar.jpg
  redframe page -o campaign/              the campaign page: one offline web page for everyone (page --help)

Exit status: 0 done, 1 a photo failed, 2 wrong usage, 130 interrupted.
Works offline: nothing is uploaded; location and author metadata are removed.`;

/** The help line of a table entry: its text, its range, its default. */
export function helpLine(entry: OptionEntry): string {
  const value = entry.value;
  const range = (value.type === 'integer' || value.type === 'number') && value.max !== Number.MAX_SAFE_INTEGER ? `, ${value.min}-${value.max}` : '';
  const fallback = 'defaultText' in entry ? entry.defaultText : 'default' in entry && entry.default !== false ? String(entry.default) : undefined;
  return `${entry.help}${range}${fallback === undefined ? '' : ` (default: ${fallback})`}`;
}

/** A commander option for a table entry: its flag, help line, choices and value parser. */
function commanderOption(entry: OptionEntry): Option {
  const option = new Option(`${'short' in entry ? `${entry.short}, ` : ''}${entry.flag}`, helpLine(entry)).helpGroup(entry.group);
  const value = entry.value;
  if (value.type === 'choice') option.choices([...value.choices, ...Object.keys('aliases' in value ? value.aliases : {})]);
  if (value.type === 'integer' || value.type === 'number') option.argParser(numeric);
  if (value.type === 'lines' || value.type === 'files') option.argParser(repeatable);
  return option;
}

/**
 * The command definition, every option from the option table. Parsing is separate from running
 * so the CLI can be tested in-process.
 */
export function buildProgram(version: string): Command {
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
  // `redframe page` beside the photo command: options after `page` are the page's own (positional
  // options), and its look flags come from the same table, so they mean the same in both.
  program.enablePositionalOptions().action(() => {}).addCommand(buildPageCommand(LOOK.map(commanderOption)));
  return program;
}

/** The look options: the flags `redframe page` shares with the photo command. */
const LOOK = OPTION_TABLE.filter((entry) => entry.scope === 'look');

/** The look options given as flags to a command (the main one or `page`), under their API keys. */
export function lookFlags(command: Command): RenderOptions {
  const o = command.opts<Record<string, unknown>>();
  const flags: Record<string, unknown> = {};
  for (const entry of LOOK) if (o[attribute(entry)] !== undefined) flags[entry.key] = o[attribute(entry)];
  return flags as RenderOptions;
}

/** The commander attribute of an entry: `--timeout` is `timeout`, whatever the API key is. */
const attribute = (entry: OptionEntry) => longFlag(entry).slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

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
