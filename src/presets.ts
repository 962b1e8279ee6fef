import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describe } from './colour.js';
import { RedframeError } from './errors.js';
import { describeFileError, errnoCode } from './files/errno.js';
import { OPTION_KEYS, rejectUnknownKeys, resolveOptions, type RenderOptions } from './options.js';

export interface Preset {
  name: string;
  description: string;
  options: RenderOptions;
}

/** Built-in looks. `aleppo` is the default: every default option comes from it. */
export const BUILT_IN_PRESETS: readonly Preset[] = [
  {
    name: 'aleppo',
    description: 'red tint, red ring, #حلب_تحترق / #AleppoIsBurning on the arc (the default)',
    options: {},
  },
  {
    name: 'solid',
    description: 'the 2016 flat red square, no photo, with the hashtags on the arc',
    options: { mode: 'solid', frame: 'none' },
  },
  {
    name: 'plain',
    description: 'red tint only: no frame, no banner',
    options: { frame: 'none', banner: 'none' },
  },
];

/** A bare word names a built-in preset; anything with a dot or a slash is a file. */
export function isPresetFile(nameOrFile: string): boolean {
  return /[./\\]/.test(nameOrFile);
}

/** Keys a preset file may carry besides the options. */
const PRESET_EXTRA_KEYS = ['$schema', 'description'] as const;

/**
 * Loads a built-in preset by name (`aleppo`, `solid`, `plain`) or a preset file: plain JSON with
 * the same keys as the options, plus `$schema` and `description`. A `font` path in a file is
 * relative to the file, and the font must exist when the preset is loaded. Everything is checked
 * by the same code as the command-line flags; errors are `RedframeError`s with code
 * `INVALID_PRESET` whose `file` is the preset file.
 *
 * @example
 * import { loadPreset, renderAvatar } from 'redframe';
 * const options = await loadPreset('campaign/team.json'); // { color: '#0a7d32', text: [...], font: '/abs/campaign/Amiri.ttf' }
 * const jpeg = await renderAvatar('photo.jpg', { ...options, size: 400 }); // options override the preset
 */
export async function loadPreset(nameOrFile: string): Promise<RenderOptions> {
  const builtIn = BUILT_IN_PRESETS.find((p) => p.name === nameOrFile);
  if (builtIn) return { ...builtIn.options };
  if (!isPresetFile(nameOrFile)) {
    throw new RedframeError(
      'INVALID_PRESET',
      `Unknown preset "${nameOrFile}"; expected one of ${BUILT_IN_PRESETS.map((p) => p.name).join(', ')} or a path to a .json file`,
    );
  }
  let text: string;
  try {
    text = await readFile(nameOrFile, 'utf8');
  } catch (error) {
    const reason = describeFileError(error, 'read', { ENOENT: 'no such preset file; check the path' });
    throw new RedframeError('INVALID_PRESET', reason, nameOrFile);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RedframeError('INVALID_PRESET', `not valid JSON (${(error as Error).message}); fix the file or write a new one with --init-preset`, nameOrFile);
  }
  const options = parsePreset(json, nameOrFile);
  if (options.font !== undefined) await checkFontFile(options.font, (json as { font: string }).font, nameOrFile);
  return options;
}

/**
 * A font named in a shared preset is the file most often left behind when the preset is passed
 * on, so it is checked when the preset is loaded, naming both files, rather than at the first render.
 */
async function checkFontFile(path: string, asWritten: string, presetFile: string): Promise<void> {
  const where = path === asWritten ? `"${asWritten}"` : `"${asWritten}" (${path})`;
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const reason = errnoCode(error) === 'ENOENT'
      ? 'does not exist; a font path in a preset is relative to the preset file, so keep the font beside it'
      : `cannot be read (${describeFileError(error, 'read')})`;
    throw new RedframeError('INVALID_PRESET', `the font ${where} ${reason}`, presetFile);
  }
  if (!info.isFile()) throw new RedframeError('INVALID_PRESET', `the font ${where} is not a file; give a .ttf or .otf file`, presetFile);
}

/**
 * Checks preset JSON without touching the disk (`loadPreset` adds the font-file check). `file` names
 * the preset in messages and anchors a relative `font` path. Returns the options, `$schema` and
 * `description` removed.
 *
 * @example
 * parsePreset({ mode: 'wash', text: '#FreeThemAll' }, 'team.json'); // { mode: 'wash', text: '#FreeThemAll' }
 * parsePreset({ colour: 'red' }, 'team.json'); // throws: Unknown preset key "colour"; expected one of size, crop, ...
 */
export function parsePreset(json: unknown, file: string): RenderOptions {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RedframeError('INVALID_PRESET', `Expected a JSON object of options but received ${describe(json)}`, file);
  }
  const { $schema, description, ...options } = json as Record<string, unknown>;
  for (const [key, value] of [['$schema', $schema], ['description', description]] as const) {
    if (value !== undefined && typeof value !== 'string') {
      throw new RedframeError('INVALID_PRESET', `Expected a string for ${key} but received ${describe(value)}`, file);
    }
  }
  try {
    rejectUnknownKeys(options, [...OPTION_KEYS, ...PRESET_EXTRA_KEYS], 'preset key');
    const preset = options as RenderOptions;
    if (typeof preset.font === 'string' && preset.font !== '') preset.font = resolve(dirname(file), preset.font);
    resolveOptions(preset); // same checks as the flags; throws with what was expected
    return preset;
  } catch (error) {
    if (error instanceof RedframeError) throw new RedframeError('INVALID_PRESET', error.message.replace(/^Unknown option/, 'Unknown preset key'), file);
    throw error;
  }
}

export { PRESET_EXTRA_KEYS };
