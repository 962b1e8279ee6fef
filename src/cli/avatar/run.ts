/**
 * Runs the photo command: `--list-presets` and `--init-preset`, else one photo (a file or standard
 * input) or a batch (several inputs, folders, globs), each in its own file beside this one.
 */
import { stat } from 'node:fs/promises';
import type { RenderLimits } from '../../options/settings.js';
import { checkOption } from '../../options/check.js';
import { OPTION_TABLE, longFlag } from '../../options/table.js';
import { usage, resolvePath, type CliIo } from '../io.js';
import { lookOf } from '../look.js';
import { initPreset, listPresets } from '../presets.js';
import { runBatch, isFolder } from './batch.js';
import type { CliRequest } from './definition.js';
import { renderOne } from './one-photo.js';

/** A batch or limit setting given as a flag, checked by its table entry and named by its flag. */
function numberSetting(key: 'concurrency' | 'maxDepth' | 'maxPixels' | 'maxBytes' | 'timeoutSeconds', value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return checkOption(key, value, longFlag(OPTION_TABLE.find((entry) => entry.key === key)!)) as number;
}

export async function runAvatarCommand(request: CliRequest, io: CliIo): Promise<number> {
  if (request.listPresets) return listPresets(io);
  // A path flag given '' (an unset shell variable) would mean the working folder: refused by the
  // table's own check, as in a preset.
  const paths: Record<string, string | undefined> = { output: request.output, preset: request.preset, initPreset: request.initPreset, contactSheet: request.contactSheet };
  for (const entry of OPTION_TABLE) {
    if (entry.value.type === 'path' && paths[entry.key] !== undefined) checkOption(entry.key, paths[entry.key], longFlag(entry));
  }
  const { options } = await lookOf(request.preset, request.flags, io.cwd);

  if (request.initPreset) return initPreset(request.initPreset, options, request.overwrite, io);
  if (request.inputs.length === 0) throw usage('no photo given; try redframe photo.jpg (or --help)');

  const limits: RenderLimits = {
    ...(request.maxPixels === undefined ? {} : { maxPixels: numberSetting('maxPixels', request.maxPixels) }),
    ...(request.maxBytes === undefined ? {} : { maxBytes: numberSetting('maxBytes', request.maxBytes) }),
    ...(request.timeoutSeconds === undefined ? {} : { timeoutSeconds: numberSetting('timeoutSeconds', request.timeoutSeconds) }),
    firstFrame: request.firstFrame,
  };
  const concurrency = numberSetting('concurrency', request.concurrency);
  const maxDepth = numberSetting('maxDepth', request.maxDepth);

  if (await isSinglePhoto(request, io)) return renderOne(request, options, limits, io);
  return runBatch(request, options, limits, { concurrency, maxDepth }, io);
}

/** One input that is a file (or -), and an output that is not a folder: the one-photo command. */
async function isSinglePhoto(request: CliRequest, io: CliIo): Promise<boolean> {
  if (request.inputs.length !== 1) return false;
  const [input] = request.inputs as [string];
  if (request.output && (await isFolder(io, request.output))) return false;
  if (input === '-') return true;
  return Boolean((await stat(resolvePath(io, input)).catch(() => undefined))?.isFile());
}
