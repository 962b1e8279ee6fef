import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describe } from './colour.js';
import { RedframeError } from './errors.js';
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

/** Keys a preset file may carry besides the options. */
const PRESET_EXTRA_KEYS = ['$schema', 'description'] as const;

/**
 * Loads a built-in preset by name or a preset file (plain JSON with the same keys as the
 * options). A `font` path in a file is relative to the file. Everything is validated by the same
 * code as the command-line flags; the error names the file.
 *
 * @example const options = await loadPreset('team.json'); // { color: '#0a7d32', text: [...] }
 */
export async function loadPreset(nameOrFile: string): Promise<RenderOptions> {
  const builtIn = BUILT_IN_PRESETS.find((p) => p.name === nameOrFile);
  if (builtIn) return { ...builtIn.options };
  if (!/[./\\]/.test(nameOrFile)) {
    throw new RedframeError(
      'INVALID_PRESET',
      `Unknown preset "${nameOrFile}"; expected one of ${BUILT_IN_PRESETS.map((p) => p.name).join(', ')} or a path to a .json file`,
    );
  }
  let text: string;
  try {
    text = await readFile(nameOrFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such preset file; check the path' : (error as Error).message;
    throw new RedframeError('INVALID_PRESET', reason, nameOrFile);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RedframeError('INVALID_PRESET', `not valid JSON (${(error as Error).message}); fix the file or write a new one with --init-preset`, nameOrFile);
  }
  return parsePreset(json, nameOrFile);
}

/** Validates preset JSON; `file` is used for messages and to resolve a relative font path. */
export function parsePreset(json: unknown, file: string): RenderOptions {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RedframeError('INVALID_PRESET', `Expected a JSON object of options but received ${describe(json)}`, file);
  }
  const { $schema: _schema, description, ...options } = json as Record<string, unknown>;
  if (description !== undefined && typeof description !== 'string') {
    throw new RedframeError('INVALID_PRESET', `Expected a string for description but received ${describe(description)}`, file);
  }
  try {
    rejectUnknownKeys(options, [...OPTION_KEYS], 'preset key');
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
