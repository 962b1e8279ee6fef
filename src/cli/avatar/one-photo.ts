/**
 * The photo command on one photo (a file or standard input): its output named beside it, given
 * with -o, or standard output. It stops at once on Ctrl-C: there is nothing else to finish.
 */
import { opendir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { RedframeError, type ErrorCode } from '../../core/errors.js';
import { FORMATS, OUTPUT_EXTENSIONS, extensionOf, formatOfName, type Format } from '../../core/formats.js';
import { describeFileError } from '../../files/errno.js';
import { printable } from '../../files/file-names.js';
import { avatarNameBeside } from '../../portable/avatar-name.js';
import { resolveOptions, type RenderOptions } from '../../options/resolve.js';
import type { RenderLimits } from '../../options/settings.js';
import type { RenderedAvatar } from '../../render/render.js';
import { withAdvice } from '../advice.js';
import { EXIT, Interrupted, loadSharp, reportedAsJson, resolvePath, untilAborted, usage, type CliIo } from '../io.js';
import { seconds, softPhotos } from '../report.js';
import { writeContactSheet } from './contact-sheet.js';
import type { CliRequest } from './definition.js';
import { readStdin } from './stdin.js';

/** Output format: --format, else the output's extension, else the default for the shape. */
function chooseFormat(options: RenderOptions, output: string | undefined): Format | undefined {
  if (!output || output === '-') return options.format;
  const extension = extname(output).toLowerCase();
  const fromName = formatOfName(output);
  if (options.format) {
    const wanted = resolveOptions({ format: options.format }).format;
    if (fromName && fromName !== wanted) {
      throw usage(`the output name ${output} says ${fromName} but --format says ${wanted}; make them agree`);
    }
    if (!fromName && extension) throw usage(`the output name ${output} ends in ${extension}, which is not ${wanted}; name it ${basename(output, extname(output))}${extensionOf(wanted!)}`);
    return wanted;
  }
  if (!fromName) {
    // A name with no extension at all may have been meant as a folder that does not exist yet.
    const folder = extension === '' ? `; for a folder, end it with /: -o ${output}/` : '';
    throw usage(`cannot tell the output format from ${output}; end the name in ${OUTPUT_EXTENSIONS.join(', ')} or add --format ${FORMATS.join('|')}${folder}`);
  }
  return fromName;
}

export async function renderOne(request: CliRequest, options: RenderOptions, limits: RenderLimits, io: CliIo): Promise<number> {
  const [input] = request.inputs as [string];
  const toStdout = request.output === '-' || (input === '-' && request.output === undefined);
  if (toStdout && request.contactSheet) throw usage('--contact-sheet needs the avatar in a file; give -o FILE');
  if (toStdout && request.json) throw usage('--json writes its report to standard output, where the image would go; give -o FILE with --json');
  const format = chooseFormat(options, toStdout ? undefined : request.output);
  const [, { createRenderer }, { checkOutput, renderToFile }, { removeStaleTempFiles }] = await Promise.all([
    loadSharp(),
    import('../../render/render.js'),
    import('../../render/to-file.js'),
    import('../../files/write-atomic.js'),
  ]);
  const renderer = createRenderer({ ...options, ...(format ? { format } : {}) }, limits);
  const output = toStdout
    ? '-'
    : request.output ?? join(dirname(input), avatarNameBeside(basename(input), extensionOf(renderer.format), await namesBeside(resolvePath(io, input))));
  const outputPath = resolvePath(io, output);

  if (toStdout && io.stdout.isTTY) throw usage('refusing to write image data to a terminal; redirect it (> avatar.jpg) or use -o FILE');
  const target = { path: outputPath, shown: output, overwrite: request.overwrite };
  const inputs = input === '-' ? [] : [resolvePath(io, input)];
  const started = performance.now();
  let rendered: RenderedAvatar;
  try {
    // Checked before standard input is read or anything decoded: a refusal costs nothing.
    if (!toStdout) await checkOutput(target, inputs);
    if (request.contactSheet) {
      const { checkContactSheet } = await import('../../batch/contact-sheet.js');
      await checkContactSheet(resolvePath(io, request.contactSheet), request.contactSheet, 1, { overwrite: request.overwrite, inputs, outputs: new Map([[outputPath, input]]) });
    }
    // A one-photo run has nothing to finish when it is interrupted: it stops reading or decoding at
    // once, writes nothing, and the abandoned decoder is not waited for (see main.ts).
    const bytes = input === '-' ? await untilAborted(readStdin(io, limits.maxBytes), io.signal) : undefined;
    const name = input === '-' ? 'standard input' : input;
    const interruptible = { ...renderer, render: (...args: Parameters<typeof renderer.render>) => untilAborted(renderer.render(...args), io.signal) };
    if (toStdout) {
      rendered = await interruptible.render(bytes ?? resolvePath(io, input), name);
      const data = rendered.data;
      await new Promise<void>((done, fail) => io.stdout.write(data, (error) => (error ? fail(error) : done()))).catch((error: unknown) => {
        throw new RedframeError('OUTPUT_UNWRITABLE', `cannot write the image: ${describeFileError(error, 'write')}`, 'standard output', { cause: error });
      });
    } else {
      // Leftovers of killed runs beside this output go first (only this folder, not below it).
      await removeStaleTempFiles(dirname(outputPath), { recursive: false });
      // One photo writes one file, and no record beside it (as a batch does in its output folder):
      // a one-off avatar often goes to a shared place (a desktop, a home folder), where a record
      // would be litter, and visible on Windows. A default name (NAME.redframe.EXT) is known by
      // itself; an output named with -o is taken as a photo by a later folder run.
      rendered = await renderToFile(interruptible, { source: bytes ?? resolvePath(io, input), name }, target);
    }
  } catch (error) {
    // Scripts always get a report to parse: the failure, with its code, as JSON (--json never
    // comes with the image on standard output: refused above).
    if (request.json && error instanceof Object) {
      const details = error instanceof RedframeError
        ? { code: error.code, reason: withAdvice(error.message, error.code) }
        : { reason: error instanceof Interrupted ? 'interrupted; nothing was written' : String((error as Error).message ?? error) };
      io.stdout.write(`${JSON.stringify(oneReport(input, output, 'failed', started, details), null, 2)}\n`);
      reportedAsJson.add(error);
    }
    throw error;
  }
  if (request.contactSheet) await writeContactSheet(request, io, [output], dirname(output), inputs);
  if (request.json) {
    const report = oneReport(input, output, 'ok', started, { format: rendered.format, size: rendered.width, photoSide: rendered.photoSide });
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else if (!request.quiet) {
    if (!toStdout) io.stderr.write(`${printable(`${input} -> ${output}`)} (${rendered.width}x${rendered.height} ${rendered.format}, ${seconds(Math.round(performance.now() - started))})\n`);
    const soft = softPhotos([{ input, photoSide: rendered.photoSide }], rendered.width);
    if (soft) io.stderr.write(soft);
  }
  return EXIT.ok;
}

/**
 * The names beside a photo that share its stem (`photo.*` for `photo.jpg`), which decide its
 * default output name (see `avatarNameBeside`); none when the folder cannot be listed. The folder
 * is read entry by entry, so a folder of a million files costs no memory.
 */
async function namesBeside(photoPath: string): Promise<string[]> {
  const name = basename(photoPath);
  const prefix = `${name.slice(0, Math.max(0, name.lastIndexOf('.')) || name.length)}.`;
  const names: string[] = [];
  try {
    for await (const entry of await opendir(dirname(photoPath))) if (entry.name.startsWith(prefix)) names.push(entry.name);
  } catch {
    // An unlistable folder: the photo keeps the plain name.
  }
  return names;
}

/** The JSON report of the one-photo command, the same shape whether it worked or not. */
function oneReport(input: string, output: string, status: 'ok' | 'failed', started: number, details: { code?: ErrorCode; reason?: string; format?: Format; size?: number; photoSide?: number }) {
  return { input, output, status, code: details.code ?? null, reason: details.reason ?? null, ...details, milliseconds: Math.round(performance.now() - started) };
}
