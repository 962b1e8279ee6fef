import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { invalid, quote, RedframeError } from '../core/errors.js';
import type { PageSection } from './page-section.js';
import { describeFileError, errnoCode } from '../files/errno.js';
import { readBounded } from '../files/read-bounded.js';
import { resolveOptions, type RenderOptions } from '../options/resolve.js';
import { OPTION_KEYS } from '../options/table.js';
import { didYouMean, isRecord, plainObject, rejectUnknownKeys } from '../options/check.js';
import { PRESET_ONLY_KEYS, PRESET_ONLY_KEY_NAMES } from './preset-keys.js';

export interface Preset {
  name: string;
  description: string;
  options: RenderOptions;
}

/**
 * Built-in looks. `aleppo` is the default: every default option comes from it.
 *
 * @example BUILT_IN_PRESETS.map((preset) => preset.name) // ['aleppo', 'solid', 'plain', ...]
 */
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

/** The largest preset file read: a preset is a few hundred bytes of settings. */
export const PRESET_MAX_BYTES = 1024 * 1024;

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
  return (await loadPresetContent(nameOrFile)).options;
}

/**
 * As `loadPreset`, keeping the preset-only sections (`page` for `redframe page`), checked.
 *
 * @example const { options, sections } = await loadPresetContent('campaign/team.json'); // sections.page: { title: {...} }
 */
export async function loadPresetContent(nameOrFile: string): Promise<PresetContent> {
  if (typeof nameOrFile !== 'string' || nameOrFile === '') {
    throw invalid(undefined, `a built-in preset name (${BUILT_IN_PRESETS.map((p) => p.name).join(', ')}) or a path to a .json file`, nameOrFile, { code: 'INVALID_PRESET' });
  }
  const builtIn = BUILT_IN_PRESETS.find((p) => p.name === nameOrFile);
  if (builtIn) return { options: { ...builtIn.options }, sections: {} };
  if (!isPresetFile(nameOrFile)) {
    const names = BUILT_IN_PRESETS.map((p) => p.name);
    const guess = didYouMean(nameOrFile, names);
    throw new RedframeError(
      'INVALID_PRESET',
      `Unknown preset ${quote(nameOrFile)}${guess ? ` (did you mean ${quote(guess)}?)` : ''}; expected one of ${names.join(', ')} or a path to a .json file`,
    );
  }
  const bytes = await readBounded(nameOrFile, {
    maxBytes: PRESET_MAX_BYTES,
    code: 'INVALID_PRESET',
    limitName: 'the limit for presets',
    wording: { ENOENT: 'no such preset file; check the path' },
  });
  let text: string;
  try {
    // A byte-order mark (Windows Notepad writes one) is dropped by the decoder; invalid UTF-8 is refused.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RedframeError('INVALID_PRESET', 'not UTF-8 text; save the preset as UTF-8 JSON', nameOrFile);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8's message may quote a few characters of the file, line breaks included: keep it one line.
    const why = (error as Error).message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, 120);
    throw new RedframeError('INVALID_PRESET', `not valid JSON (${why}); fix the file`, nameOrFile);
  }
  const content = readPresetJson(json, nameOrFile);
  const written = [(json as { font?: string | string[] }).font ?? []].flat();
  for (const [i, font] of [content.options.font ?? []].flat().entries()) await checkFontFile(font, written[i] ?? font, nameOrFile);
  return content;
}

/**
 * A font named in a shared preset is the file most often left behind when the preset is passed
 * on, so it is checked when the preset is loaded, naming both files, rather than at the first render.
 */
async function checkFontFile(path: string, asWritten: string, presetFile: string): Promise<void> {
  const where = path === asWritten ? quote(asWritten) : `${quote(asWritten)} (${path})`;
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
  return readPresetJson(json, file).options;
}

/** The preset-only keys of a preset file, each checked by its own validator (src/options/preset-keys.ts). */
export interface PresetSections {
  $schema?: string;
  description?: string;
  /** What `redframe page` and `makeCampaignPage` write on the campaign page. */
  page?: PageSection;
}

/** A preset file's content, checked: its look options, and its preset-only sections as written. */
export interface PresetContent {
  options: RenderOptions;
  /** `$schema`, `description` and `page` when the file has them. */
  sections: PresetSections;
}

/** As `parsePreset`, keeping the preset-only sections (`page` for the campaign page). */
export function readPresetJson(json: unknown, file: string): PresetContent {
  const options: Record<string, unknown> = {};
  const sections: Record<string, unknown> = {};
  try {
    if (!isRecord(json, 'the preset')) throw invalid(undefined, 'a JSON object of options', json, { code: 'INVALID_PRESET', file });
    const given = plainObject(json, 'preset key');
    rejectUnknownKeys(given, [...OPTION_KEYS, ...PRESET_ONLY_KEY_NAMES], 'preset key');
    for (const [key, value] of Object.entries(given)) {
      const section = PRESET_ONLY_KEYS.find((k) => k.key === key);
      if (section) sections[key] = section.check(value, key);
      else options[key] = value;
    }
    const preset = options as RenderOptions;
    // A font path in a preset is relative to the preset file: the folder is what gets passed on.
    const fonts = preset.font;
    if (typeof fonts === 'string' && fonts !== '') preset.font = resolve(dirname(file), fonts);
    else if (Array.isArray(fonts) && fonts.every((f) => typeof f === 'string' && f !== '')) preset.font = fonts.map((f) => resolve(dirname(file), f));
    resolveOptions(preset); // same checks as the flags; throws with what was expected
    return { options: preset, sections: sections as PresetSections };
  } catch (error) {
    if (error instanceof RedframeError) throw new RedframeError('INVALID_PRESET', error.message, file);
    throw error;
  }
}
