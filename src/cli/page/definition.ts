/**
 * The `redframe page` command's definition: its flags, help and request. Kept apart from the code
 * that runs it (run.ts), so that `--help` loads neither the image engine nor the page writer.
 */
import { Command, Option } from 'commander';
import type { RenderOptions } from '../../options/resolve.js';
import { CARDS, COVERS } from '../../words/surfaces.js';
import { folderFlag } from '../flags.js';

export const PAGE_COMMAND = 'page';
export const DEFAULT_PAGE_FOLDER = 'campaign';
export const PAGE_FILES = { html: 'index.html', preview: 'preview.jpg' } as const;
/** The covers and cards written beside the page (see words/surfaces.ts). */
export const KIT_FILES = [...COVERS, ...CARDS].map((surface) => `${surface.name}.jpg`);
/** What a browser encodes everywhere: the page's download formats (jpg is jpeg). */
export const PAGE_FORMATS = ['jpeg', 'jpg', 'png'];

/** What `redframe page` was asked for. */
export interface PageRequest {
  output: string;
  preset: string | undefined;
  /** Look options given as flags: they override the preset. */
  flags: RenderOptions;
  sample: string | undefined;
  url: string | undefined;
  overwrite: boolean;
  quiet: boolean;
  debug: boolean;
}

// Fits 80 columns, as commander's own help does on a terminal of that width (a test holds it).
const PAGE_EXAMPLES = `
Examples:
  redframe page                     writes campaign/index.html and preview.jpg
  redframe page --preset team.json -o site/   a preset's look and page texts
  redframe page --mode duotone --color "#0a7d32" --text "#FreeThemAll"
  redframe page --sample me.jpg --url https://example.org/aleppo/

index.html is one file with everything inside: no server, no upload, no request
of any kind. Put the folder on any static host (GitHub Pages, Codeberg Pages,
Cloudflare Pages, Netlify): iPhones and iPads need the page on a web address,
as they run no script in a file opened from Files. Android and computers also
open index.html itself, sent as a file, offline. The page's texts (title,
description, call to action, credits, per language) come from the preset's
"page" section. preview.jpg is the link-preview card; its photo is --sample, or
a drawn silhouette. Beside them go the covers and cards of redframe cover and
redframe card (facebook.jpg ... story.jpg) with the preset's message; one whose
words cannot be legible is left out and said why. A photo named "page" is given
as ./page to the main command.

Exit status: 0 written, 1 not written (the files exist, the folder cannot be
written, the sample photo cannot be read), 2 wrong usage (a flag, the preset or
its page section), 130 interrupted (Ctrl-C): nothing is written. The files are
one set: all of them or none.`;

/**
 * The `page` subcommand. `lookOptions` are the main command's look options, shared so that a flag
 * means the same in both and is defined once.
 */
export function buildPageCommand(lookOptions: readonly Option[]): Command {
  const command = new Command(PAGE_COMMAND)
    .description('Write the campaign page: one offline HTML file where anyone makes the avatar in their browser, with no upload.')
    .helpOption('-h, --help', 'show this help')
    .showHelpAfterError('(run redframe page --help for the options)')
    .addHelpText('after', PAGE_EXAMPLES)
    .option('-o, --output <folder>', `the folder to write index.html and preview.jpg into (default: ${DEFAULT_PAGE_FOLDER})`)
    .option('--preset <name|file.json>', 'a built-in look or a preset file, with its page section; flags override it')
    .option('--sample <photo>', 'the photo on the link-preview card (default: a drawn silhouette, never a real face)')
    .option('--url <address>', "the page's published address, for absolute link-preview tags (default: the preset's page.url, else relative)")
    .option('--overwrite', 'replace index.html, preview.jpg and the covers and cards when they exist')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--debug', 'show stack traces with errors')
    .action(() => {});
  command.optionsGroup('Look:');
  for (const option of lookOptions) command.addOption(pageOption(option));
  return command;
}

/**
 * The page's own words for what its download is; `--crop` stays known (hidden) so that it is
 * refused with a reason, not as an unknown flag: on the page each person places their photo.
 */
function pageOption(option: Option): Option {
  if (option.long === '--format') {
    return new Option('--format <format>', "the format of the avatar people download: jpeg or png (default: png for circle looks, else jpeg; a preset's webp, avif or gif gives the default)")
      .choices(PAGE_FORMATS)
      .helpGroup('Download:');
  }
  if (option.long === '--quality') {
    option.description = 'the JPEG quality of the avatar people download, 1-100 (default: 90)';
    option.helpGroup('Download:');
  }
  if (option.long === '--crop') option.hideHelp();
  return option;
}

/** The request of a parsed `page` command, with its look flags (read by the main command's table). */
export function toPageRequest(command: Command, flags: RenderOptions): PageRequest {
  const o = command.opts<Record<string, unknown>>();
  return {
    output: folderFlag(o.output as string | undefined, '--output') ?? DEFAULT_PAGE_FOLDER,
    preset: o.preset as string | undefined,
    flags,
    sample: o.sample as string | undefined,
    url: o.url as string | undefined,
    overwrite: Boolean(o.overwrite),
    quiet: Boolean(o.quiet),
    debug: Boolean(o.debug),
  };
}

