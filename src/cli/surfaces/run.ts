/**
 * `redframe cover` and `redframe card`: write one image per surface into a folder. The images are
 * made by the library (`renderCover`, `renderCard`), so this file knows no pixels.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RedframeError } from '../../core/errors.js';
import type { OutputTarget } from '../../render/to-file.js';
import { limitsFromFlags } from '../../options/settings.js';
import { readStdin } from '../avatar/stdin.js';
import { interruptedWhenAborted, loadSharp, untilAborted, type CliIo } from '../io.js';
import { lookOf } from '../look.js';
import { SURFACES, type SurfaceRequest } from './definition.js';

/** The part of the command's io these commands use (the CLI's CliIo has it). */
export interface SurfaceIo {
  cwd: string;
  stderr: { write(text: string): unknown };
  /** Read for the photo `-`, until the signal aborts. */
  stdin: CliIo['stdin'];
  /** Aborted on Ctrl-C / SIGTERM: the command stops and writes nothing. */
  signal?: AbortSignal;
}

/**
 * Checks every output first (nothing is made when one exists without --overwrite or is the
 * photo), renders all the images, then writes them as one set: all of them or none, also when the
 * disk fills up, another run writes into the same folder, or Ctrl-C comes before the last is in
 * place (then it throws Interrupted). Returns the exit status.
 */
export async function runSurfaces(request: SurfaceRequest, io: SurfaceIo): Promise<number> {
  const at = (path: string) => resolve(io.cwd, path);
  const { options } = await lookOf(request.preset, request.flags, io.cwd);
  const limits = limitsFromFlags(request.limits);
  const [, { checkOutput, writeOutputs }, { removeStaleTempFiles }, { chooseSurfaces, renderCard, renderCover }] = await Promise.all([
    loadSharp(),
    import('../../render/to-file.js'),
    import('../../files/write-atomic.js'),
    import('../../render/cover-card.js'),
  ]);
  const surfaces = chooseSurfaces(SURFACES[request.kind], request.for, '--for');
  const folder = at(request.output);
  const existing = await stat(folder).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new RedframeError('OUTPUT_UNWRITABLE', `is a file; give a folder for the ${request.kind}s`, request.output);
  // Named in messages under the folder as the user wrote it, absolute or relative.
  const targets = new Map<string, OutputTarget>(surfaces.map((s) => {
    const file = `${s.name}.jpg`;
    return [s.name, { path: join(folder, file), shown: join(request.output, file), overwrite: request.overwrite }];
  }));
  const photo = request.photo === undefined || request.photo === '-' ? undefined : at(request.photo);
  for (const target of targets.values()) await checkOutput(target, photo ? [photo] : []);
  // `-` is the photo on standard input, read within --max-bytes as the photo command reads it.
  const bytes = request.photo === '-' ? await untilAborted(readStdin(io, limits.maxBytes, `redframe ${request.kind} -`), io.signal) : undefined;

  // Ctrl-C stops the command at once; the render is left to end on its own, unused.
  const render = (...args: Parameters<typeof renderCover>) => untilAborted((request.kind === 'cover' ? renderCover : renderCard)(...args), io.signal);
  const ground = bytes ?? photo;
  const made = await render({ ...options, for: surfaces.map((s) => s.name), ...(ground ? { photo: ground } : {}) }, limits).catch((error: unknown) => {
    // Name the photo as it was written on the command line.
    if (error instanceof RedframeError && photo && error.file === photo) throw new RedframeError(error.code, error.message, request.photo, { cause: error });
    throw error;
  });
  // Leftovers of killed runs in this folder go first (only this folder, not below it).
  await removeStaleTempFiles(folder, { recursive: false });
  const files = made.map((image) => ({ ...targets.get(image.name)!, data: image.data }));
  await interruptedWhenAborted(writeOutputs(files, { signal: io.signal }), io.signal);
  if (!request.quiet) {
    const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
    io.stderr.write(`Wrote ${made.map((image) => `${targets.get(image.name)!.shown} (${image.width}x${image.height}, ${kb(image.data.length)})`).join(', ')}.\n`);
  }
  return 0;
}
