/** `--list-presets` and `--init-preset FILE`: the built-in looks, and a starter preset file. */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RedframeError } from '../core/errors.js';
import { printable } from '../files/file-names.js';
import type { RenderOptions } from '../options/resolve.js';
import { BUILT_IN_PRESETS } from '../preset/load.js';
import { presetSchema } from '../preset/schema.js';
import { presetFileContent } from '../preset/starter.js';
import { EXIT, resolvePath, usage, type CliIo } from './io.js';

export function listPresets(io: CliIo): number {
  const width = Math.max(...BUILT_IN_PRESETS.map((p) => p.name.length));
  for (const preset of BUILT_IN_PRESETS) io.stdout.write(`${preset.name.padEnd(width)}  ${preset.description}\n`);
  io.stdout.write('\nOr give a preset file: --preset team.json (write one with --init-preset team.json).\n');
  return EXIT.ok;
}

/**
 * The schema travels with the preset: written beside it and named by a relative path, editors
 * find it offline and on every machine the folder is handed to, published package or not.
 */
export const SCHEMA_BESIDE_PRESET = './preset.schema.json';

export async function initPreset(file: string, options: RenderOptions, overwrite: boolean, io: CliIo): Promise<number> {
  if (file === '-') throw usage('--init-preset writes a preset file; give it a name, such as --init-preset team.json');
  const path = resolvePath(io, file);
  const content = presetFileContent(options, { presetFile: path, schema: SCHEMA_BESIDE_PRESET });
  // Checked and written as every output is: never over a folder or device, whole or not at all,
  // its folder made when missing (a new campaign folder is the usual place for it), and a
  // refusal named by the path as given.
  const target = { path, shown: file, overwrite };
  const { checkOutput, writeOutput } = await import('../render/to-file.js');
  await checkOutput(target, []);
  await writeOutput(target, Buffer.from(content)).catch((error: unknown) => {
    throw error instanceof RedframeError && error.file === path ? new RedframeError(error.code, error.message, file, { cause: error }) : error;
  });
  // A schema already there is left as it is (it may be the organiser's own copy).
  const schema = join(dirname(path), SCHEMA_BESIDE_PRESET);
  const wroteSchema = await writeFile(schema, `${JSON.stringify(presetSchema(), null, 2)}\n`, { flag: 'wx' }).then(() => true, () => false);
  const beside = wroteSchema ? ` and ${printable(join(dirname(file), 'preset.schema.json'))} beside it (for editors)` : '';
  io.stderr.write(`Wrote ${printable(file)}${beside}; use it with --preset ${printable(file)}\n`);
  return EXIT.ok;
}
