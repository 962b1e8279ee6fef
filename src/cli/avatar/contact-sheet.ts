/** `--contact-sheet FILE`: one image of a run's avatars, labelled by their paths. */
import { relative, resolve, sep } from 'node:path';
import { printable } from '../../files/file-names.js';
import { loadSharp, resolvePath, type CliIo } from '../io.js';
import type { CliRequest } from './definition.js';

/** The contact sheet of a run's outputs, labelled by their paths below the output folder. */
export async function writeContactSheet(request: CliRequest, io: CliIo, outputs: string[], outputFolder: string, inputs: (string | Buffer)[]): Promise<void> {
  const [, { makeContactSheet }] = await Promise.all([loadSharp(), import('../../batch/contact-sheet.js')]);
  const entries = outputs.map((output) => ({ file: resolve(io.cwd, output), label: relative(resolve(io.cwd, outputFolder), resolve(io.cwd, output)).split(sep).join('/') }));
  const pages = await makeContactSheet(entries, resolvePath(io, request.contactSheet!), { overwrite: request.overwrite, inputs });
  const more = pages.length > 1 ? ` and ${pages.length - 1} more page${pages.length > 2 ? 's' : ''} to ${relative(io.cwd, pages.at(-1)!)}` : '';
  if (!request.quiet && !request.json) io.stderr.write(`Contact sheet: ${printable(request.contactSheet!)}${more}\n`);
}
