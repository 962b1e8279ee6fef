/**
 * The `redframe cover` and `redframe card` commands' definitions: flags, help and request. The
 * two differ only in their table of surfaces (words/surfaces.ts); kept apart from the code that
 * runs them (run.ts), so that `--help` loads no image engine.
 */
import { Command, Option } from 'commander';
import type { RenderOptions } from '../../options/resolve.js';
import { optionsOf } from '../../options/table.js';
import { CARDS, COVERS, type Surface } from '../../words/surfaces.js';
import { attribute, commanderOption, folderFlag, repeatable } from '../flags.js';
import { usage } from '../io.js';

export type SurfaceKind = 'cover' | 'card';
export const SURFACE_COMMANDS: readonly SurfaceKind[] = ['cover', 'card'];
export const DEFAULT_KIT_FOLDER = 'kit';
export const SURFACES: Readonly<Record<SurfaceKind, readonly Surface[]>> = { cover: COVERS, card: CARDS };

/**
 * Look flags that mean nothing for a cover or a card, each with the reason: left out of these
 * commands' help, and refused with the reason when given (a usage error, not silently ignored,
 * and not a bare "unknown option" either). A preset may still carry them: it is the avatars'
 * preset too.
 */
const NOT_FOR_SURFACES: Readonly<Record<string, (kind: SurfaceKind) => string>> = {
  size: (kind) => `each ${kind} has its platform's size`,
  shape: (kind) => `each ${kind} is a rectangle of its platform's size`,
  format: (kind) => `each ${kind} is a JPEG, which every platform takes`,
  frame: (kind) => `a ${kind} has no ring (the avatar's profile picture has it)`,
  frameWidth: (kind) => `a ${kind} has no ring (the avatar's profile picture has it)`,
};

/** The main command's limits (--max-pixels, --max-bytes, --timeout) but --first-frame: a cover is a still. */
const SURFACE_LIMITS = optionsOf('limits').filter((entry) => entry.key !== 'firstFrame');

/** What `redframe cover` or `redframe card` was asked for. */
export interface SurfaceRequest {
  kind: SurfaceKind;
  photo: string | undefined;
  output: string;
  preset: string | undefined;
  /** Look options given as flags (`--message` among them): they override the preset. */
  flags: RenderOptions;
  /** The names given to --for, each a comma list (the flag may be given again): all when none. */
  for: string[] | undefined;
  /** The limits given as flags, unchecked, under their API keys (`timeoutSeconds`). */
  limits: Record<string, unknown>;
  overwrite: boolean;
  quiet: boolean;
  debug: boolean;
}

const list = (kind: SurfaceKind) => SURFACES[kind].map((s) => `  ${`${s.name}.jpg`.padEnd(14)} ${`${s.width}x${s.height}`.padEnd(10)} ${s.title}`).join('\n');

const EXAMPLES: Record<SurfaceKind, string> = {
  cover: `
Examples:
  redframe cover -o kit/                    the campaign colour and the hashtags
  redframe cover march.jpg --for facebook,x -o kit/
  redframe cover --preset team.json --message "أوقفوا قصف حلب" \\
                 --message "Stop the bombing of Aleppo" -o kit/`,
  card: `
Examples:
  redframe card --message "Saturday 12:00, Trafalgar Square" -o kit/
  redframe card march.jpg --for story --preset team.json -o kit/`,
};

const AFTER = (kind: SurfaceKind) => `${EXAMPLES[kind]}

Writes into the folder:
${list(kind)}

The words (the hashtags of --text, then each --message as a paragraph) stay in
the part of each image that no crop and no profile picture covers (the README
names each platform's figures), at a size readable on a phone, or the command
says how much to cut. Nothing of the photo's metadata (EXIF, GPS, XMP) is kept.

Exit status: 0 written, 1 not written (the files exist, the folder cannot be
written, the photo cannot be read), 2 wrong usage (a flag, the preset, or
words too long to be legible), 130 interrupted (Ctrl-C): nothing is written.
The files are one set: all of them or none.`;

/**
 * The `cover` or `card` subcommand. `lookOptions` are the main command's look options, shared so
 * that a flag means the same in every command and is defined once.
 */
export function buildSurfaceCommand(kind: SurfaceKind, lookOptions: readonly Option[]): Command {
  const names = SURFACES[kind].map((s) => s.name).join(', ');
  const command = new Command(kind)
    .description(kind === 'cover'
      ? 'Write cover images for every platform (Facebook, X, LinkedIn, YouTube) with the campaign\'s look and words.'
      : 'Write post and story cards (square, portrait, story) with the campaign\'s look, hashtags and message.')
    .argument('[photo]', "the ground: a photo with the look's treatment, - reads standard input (default: the campaign colour)")
    .helpOption('-h, --help', 'show this help')
    .showHelpAfterError(`(run redframe ${kind} --help for the options)`)
    .addHelpText('after', AFTER(kind))
    .option('-o, --output <folder>', `the folder to write into (default: ${DEFAULT_KIT_FOLDER})`)
    .addOption(new Option('--for <list>', `which ones: a comma list of ${names}, or all; given again, adds to the list (default: all)`).argParser(repeatable))
    .option('--preset <name|file.json>', 'a built-in look or a preset file; flags override it')
    .option('--overwrite', 'replace the images when they exist')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--debug', 'show stack traces with errors')
    .action(() => {});
  command.optionsGroup('Look:');
  for (const option of lookOptions) {
    // Known but hidden, and taking any value: refused with its reason by toSurfaceRequest.
    if (Object.hasOwn(NOT_FOR_SURFACES, option.attributeName())) command.addOption(new Option(option.flags).hideHelp());
    else command.addOption(option);
  }
  for (const entry of SURFACE_LIMITS) command.addOption(commanderOption(entry));
  return command;
}

/** The request of a parsed `cover` or `card` command, with its look flags (read by the main command's table). */
export function toSurfaceRequest(kind: SurfaceKind, command: Command, flags: RenderOptions): SurfaceRequest {
  const o = command.opts<Record<string, unknown>>();
  for (const option of command.options) {
    const name = option.attributeName();
    const reason = Object.hasOwn(NOT_FOR_SURFACES, name) ? NOT_FOR_SURFACES[name] : undefined;
    if (reason && o[name] !== undefined) throw usage(`${option.long} is not an option of redframe ${kind}: ${reason(kind)}`);
  }
  return {
    kind,
    photo: command.args[0],
    output: folderFlag(o.output as string | undefined, '--output') ?? DEFAULT_KIT_FOLDER,
    preset: o.preset as string | undefined,
    flags,
    for: o.for as string[] | undefined,
    limits: Object.fromEntries(SURFACE_LIMITS.flatMap((entry) => (o[attribute(entry)] === undefined ? [] : [[entry.key, o[attribute(entry)]]]))),
    overwrite: Boolean(o.overwrite),
    quiet: Boolean(o.quiet),
    debug: Boolean(o.debug),
  };
}
