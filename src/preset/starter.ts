/**
 * The preset file `redframe --init-preset` writes: every look option of the table with its value
 * (given, else the default), so the file shows what can be changed.
 */
import { dirname, relative, sep } from 'node:path';
import { resolveOptions, type RenderOptions } from '../options/resolve.js';
import { optionsOf } from '../options/table.js';

/**
 * The text of a preset file for these options. Colours keep the spelling they were given in;
 * font paths become relative to the preset file, the way `loadPreset` reads them back.
 *
 * @example presetFileContent({ mode: 'wash' }, { presetFile: '/campaign/team.json', schema: './preset.schema.json' })
 */
export function presetFileContent(options: RenderOptions, where: { presetFile: string; schema: string }): string {
  const resolved = resolveOptions(options) as unknown as Record<string, unknown>;
  const given = options as Record<string, unknown>;
  const preset: Record<string, unknown> = { $schema: where.schema, description: 'My campaign avatar' };
  for (const entry of optionsOf('look')) {
    let value: unknown;
    if (entry.value.type === 'message') value = given[entry.key]; // as written: a map stays a map
    else if (entry.value.type === 'colour') value = given[entry.key] ?? ('default' in entry ? entry.default : undefined);
    else if (entry.value.type === 'files') {
      const fonts = (resolved[entry.key] as string[]).map((font) => relative(dirname(where.presetFile), font).split(sep).join('/'));
      value = fonts.length === 0 ? undefined : fonts.length === 1 ? fonts[0] : fonts;
    } else value = resolved[entry.key];
    if (value !== undefined) preset[entry.key] = value;
  }
  return `${JSON.stringify(preset, null, 2)}\n`;
}
