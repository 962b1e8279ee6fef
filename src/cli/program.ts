import { Command, Option } from 'commander';
import { BANNERS, CROPS, FORMATS, FRAMES, MODES, SHAPES, type RenderOptions } from '../options.js';

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
  timeout: unknown;
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

Exit status: 0 done, 1 a photo failed, 2 wrong usage, 130 interrupted.
Works offline: nothing is uploaded; location and author metadata are removed.`;

/**
 * The command definition. Parsing is separate from running so the CLI can be tested in-process.
 */
export function buildProgram(version: string): Command {
  const program = new Command('redframe')
    .description('Turn profile pictures red, frame them with a ring and add a bilingual hashtag banner.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[inputs...]', 'photos, folders or quoted globs; - reads standard input')
    .showHelpAfterError('(run redframe --help for the options)')
    .addHelpText('after', EXAMPLES);

  program.optionsGroup('Input and output:');
  program
    .option('-o, --output <path>', 'output file, or folder for several inputs (default: NAME.redframe.EXT beside the photo; redframe-out/ for folders); - writes standard output')
    .addOption(new Option('--format <format>', 'output format (default: from the output name, else jpeg, or png for circles)').choices([...FORMATS, 'jpg']))
    .option('--quality <n>', 'encoder quality 1-100 (default: 90, avif 60)', numeric)
    .option('--overwrite', 'replace existing outputs (never an input)')
    .option('--preset <name|file.json>', 'a built-in look (aleppo, solid, plain) or a preset file; flags override it')
    .option('--list-presets', 'list the built-in presets and exit')
    .option('--init-preset <file.json>', 'write the current options as a preset file and exit');

  program.optionsGroup('Look:');
  program
    .option('--size <px>', 'width and height, 64-4096 (default: 800)', numeric)
    .addOption(new Option('--crop <strategy>', 'how the square is cut: attention keeps faces (default: attention)').choices([...CROPS, 'center']))
    .addOption(new Option('--mode <mode>', 'colour treatment (default: tint)').choices([...MODES]))
    .option('--color <css>', 'treatment colour: name, #rgb, #rrggbb, rgb() (default: #d10a0a)')
    .option('--strength <0..1>', 'mix of treatment and original photo (default: 1)', numeric)
    .addOption(new Option('--frame <frame>', 'ring survives circular crops (default: ring)').choices([...FRAMES]))
    .option('--frame-width <fraction>', 'frame thickness as a fraction of the size (default: 0.04)', numeric)
    .option('--frame-color <css>', 'frame and banner colour (default: the treatment colour)')
    .addOption(new Option('--shape <shape>', 'circle makes the corners transparent (default: square)').choices([...SHAPES]));

  program.optionsGroup('Text:');
  program
    .addOption(new Option('--banner <banner>', 'arc follows the ring, strip is a straight band (default: arc)').choices([...BANNERS]))
    .option('--text <text>', 'a banner segment; repeat for more (default: #حلب_تحترق and #AleppoIsBurning)', repeatable)
    .option('--text-color <css>', 'banner text colour (default: white)')
    .option('--font <file>', 'a .ttf or .otf font for other scripts (default: bundled Vazirmatn)');

  program.optionsGroup('Batch:');
  program
    .option('--dry-run', 'print the plan (every input and its output) and write nothing')
    .option('--concurrency <n>', 'images in flight at once, 1-64 (default: cores + 1)', numeric)
    .option('--max-depth <n>', 'folder levels to enter below each input folder (default: all)', numeric)
    .option('--contact-sheet <file>', 'after the batch, write one image with all outputs and their names')
    .option('--json', 'print one JSON report on standard output, nothing else')
    .option('-q, --quiet', 'no progress bar and no summary, only errors');

  program.optionsGroup('Safety:');
  program
    .option('--max-pixels <n>', 'refuse images with more pixels than this (default: 268402689)', numeric)
    .option('--timeout <seconds>', 'give up on an image after this many seconds (default: 60)', numeric)
    .option('--first-frame', 'animated GIF/WebP: keep only the first frame (animations stay animated only in webp output)')
    .option('--debug', 'show stack traces with errors');
  return program;
}

/** Turns parsed commander options into a request. */
export function toRequest(program: Command): CliRequest {
  const o = program.opts<Record<string, unknown>>();
  const flags: RenderOptions = {};
  const look: [keyof RenderOptions, string][] = [
    ['size', 'size'], ['crop', 'crop'], ['mode', 'mode'], ['color', 'color'], ['strength', 'strength'], ['frame', 'frame'],
    ['frameWidth', 'frameWidth'], ['frameColor', 'frameColor'], ['banner', 'banner'], ['text', 'text'],
    ['textColor', 'textColor'], ['font', 'font'], ['shape', 'shape'], ['format', 'format'], ['quality', 'quality'],
  ];
  for (const [key, flag] of look) if (o[flag] !== undefined) (flags as Record<string, unknown>)[key] = o[flag];
  return {
    inputs: program.args,
    output: o.output as string | undefined,
    preset: o.preset as string | undefined,
    flags,
    overwrite: Boolean(o.overwrite),
    listPresets: Boolean(o.listPresets),
    initPreset: o.initPreset as string | undefined,
    dryRun: Boolean(o.dryRun),
    json: Boolean(o.json),
    quiet: Boolean(o.quiet),
    debug: Boolean(o.debug),
    concurrency: o.concurrency,
    maxDepth: o.maxDepth,
    maxPixels: o.maxPixels,
    timeout: o.timeout,
    firstFrame: Boolean(o.firstFrame),
    contactSheet: o.contactSheet as string | undefined,
  };
}
