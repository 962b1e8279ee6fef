import { basename, dirname, extname, join, sep } from 'node:path';
import { fitName, NAME_MAX_BYTES } from '../files/file-names.js';
import { extensionOf, type Format } from '../core/formats.js';
import type { FoundFile } from './collect.js';


/** Why a file whose name says it is no photo (`.txt`, `.pdf`, a hidden file) is ignored. */
export function notAnImage(path: string): string {
  return `not an image (${extname(path) || 'hidden file'})`;
}

/**
 * Why an existing output is skipped when the output folder's record (`.redframe.json`) says
 * another look made it: kept, as every existing output is without `overwrite` (the folder is the
 * user's), but said apart from "output exists", since the run did not make what was asked.
 */
export const MADE_WITH_ANOTHER_LOOK = 'made with another look';

export interface PlannedFile {
  input: string;
  /** Output path (joined to the output folder). */
  output: string;
  kind: FoundFile['kind'];
  /** Set when the name was changed (a clash, or too long for the file system): says why. */
  renamed?: string;
  /** The input's absolute path as bytes, for a name that is not valid UTF-8 (see `FoundFile`). */
  source?: Buffer;
  /** Set by `planBatch`: the output is there already (skipped, or replaced with `overwrite`). */
  exists?: boolean;
  /** Set by `planBatch` given a look: the output there was made with another look (see `MADE_WITH_ANOTHER_LOOK`). */
  madeWithAnotherLook?: boolean;
}

/**
 * Maps every input to its output path before anything is written, mirroring the tree below each
 * input root. Files and folders of the output share one namespace, and outputs that would clash
 * get distinct names by one deterministic rule:
 *
 * - two names clash when their paths are equal after Unicode NFC normalisation and lower-casing
 *   (so `Ali.jpg`/`ali.png`, or `é` composed/decomposed, clash on every file system);
 * - a folder of the output tree keeps its name (photos live in it); a file whose output name is
 *   also a folder's is renamed;
 * - inputs are taken in code-point order of their paths; the first keeps the name, each later
 *   one gets `-2`, `-3`, ... before the extension (the first number that is free);
 * - a name that the extension or the suffix pushes past 255 bytes is shortened, keeping whole
 *   characters.
 *
 * @example planOutputs(files, 'avatars', 'jpeg') // photos/one.png -> avatars/one.jpg
 */
export function planOutputs(files: FoundFile[], outputFolder: string, format: Format): PlannedFile[] {
  const extension = extensionOf(format);
  const taken = new Set<string>();
  const keyOf = (path: string) => path.normalize('NFC').toLowerCase();
  // Every folder the output tree will have, whoever comes first.
  const folders = new Set<string>();
  for (const file of files) {
    if (file.kind === 'other-name') continue;
    for (let folder = dirname(file.relative); folder !== '.' && folder !== sep; folder = dirname(folder)) folders.add(keyOf(folder));
  }
  // Files whose names say they are not images are planned (to be reported) but claim no name.
  const order = files.map((file, index) => ({ file, index })).sort((a, b) => compare(a.file.path, b.file.path));
  const planned: PlannedFile[] = new Array(files.length);
  for (const { file, index } of order) {
    const wanted = file.relative.slice(0, file.relative.length - extname(file.relative).length) + extension;
    let relative = wanted;
    let renamed: string | undefined;
    if (file.kind !== 'other-name') {
      const folder = dirname(file.relative);
      const stem = basename(file.relative, extname(file.relative));
      let cut = false;
      const nameFor = (n: number) => {
        const suffix = `${n > 1 ? `-${n}` : ''}${extension}`;
        const fitted = fitName(stem, suffix);
        cut = fitted !== stem;
        return folder === '.' ? `${fitted}${suffix}` : join(folder, `${fitted}${suffix}`);
      };
      let n = 1;
      relative = nameFor(n);
      const why: string[] = [];
      if (cut) why.push(`${wanted} is longer than ${NAME_MAX_BYTES} bytes`);
      while (taken.has(keyOf(relative)) || folders.has(keyOf(relative))) {
        if (n === 1) why.push(folders.has(keyOf(relative)) ? `${relative} is also the name of a folder in the output` : `${relative} is also the output name of another photo`);
        relative = nameFor(++n);
      }
      if (why.length) renamed = `${why.join(' and ')}, so this one is ${relative}${cut ? ` (shortened to ${NAME_MAX_BYTES} bytes, whole characters kept)` : ''}`;
      taken.add(keyOf(relative));
    }
    planned[index] = {
      input: file.path,
      output: join(outputFolder, relative),
      kind: file.kind,
      ...(renamed ? { renamed } : {}),
      ...(file.source ? { source: file.source } : {}),
    };
  }
  return planned;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
