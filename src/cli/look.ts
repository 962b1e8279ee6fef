/**
 * The look a command was asked for, the same for the photo command and `redframe page`: the
 * preset (a built-in name, or a file relative to the working folder) with the look flags over it.
 */
import { resolve } from 'node:path';
import type { RenderOptions } from '../options/resolve.js';
import { isPresetFile, loadPresetContent, type PresetContent } from '../preset/load.js';

export async function lookOf(preset: string | undefined, flags: RenderOptions, cwd: string): Promise<PresetContent> {
  const at = (path: string) => resolve(cwd, path);
  const loaded: PresetContent = preset ? await loadPresetContent(isPresetFile(preset) ? at(preset) : preset) : { options: {}, sections: {} };
  const options: RenderOptions = { ...loaded.options, ...flags };
  // Fonts given as flags are relative to the working folder (a preset's are relative to the preset).
  if (flags.font !== undefined) options.font = [flags.font].flat().map(at);
  return { options, sections: loaded.sections };
}
