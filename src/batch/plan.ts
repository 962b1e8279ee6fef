import { extname, join } from 'node:path';
import { extensionOf, type Format } from '../formats.js';
import type { FoundFile } from './collect.js';


export interface PlannedFile {
  input: string;
  /** Output path (joined to the output folder). */
  output: string;
  kind: FoundFile['kind'];
  /** Set when the name was changed to avoid a collision: says why. */
  renamed?: string;
}

/**
 * Maps every input to its output path before anything is written, mirroring the tree below each
 * input root. Outputs that would clash get distinct names by one deterministic rule:
 *
 * - two outputs clash when their paths are equal after Unicode NFC normalisation and lower-casing
 *   (so `Ali.jpg`/`ali.png`, or `é` composed/decomposed, clash on every file system);
 * - inputs are taken in code-point order of their paths; the first keeps the name, each later
 *   one gets `-2`, `-3`, ... before the extension (the first number that is free).
 *
 * @example planOutputs(files, 'avatars', 'jpeg') // photos/one.png -> avatars/one.jpg
 */
export function planOutputs(files: FoundFile[], outputFolder: string, format: Format): PlannedFile[] {
  const extension = extensionOf(format);
  const taken = new Set<string>();
  const keyOf = (path: string) => path.normalize('NFC').toLowerCase();
  // Files whose names say they are not images are planned (to be reported) but claim no name.
  const order = files.map((file, index) => ({ file, index })).sort((a, b) => compare(a.file.path, b.file.path));
  const planned: PlannedFile[] = new Array(files.length);
  for (const { file, index } of order) {
    const stem = file.relative.slice(0, file.relative.length - extname(file.relative).length);
    let relative = stem + extension;
    let renamed: string | undefined;
    if (file.kind !== 'other-name') {
      if (taken.has(keyOf(relative))) {
        let n = 2;
        while (taken.has(keyOf(`${stem}-${n}${extension}`))) n++;
        renamed = `${relative} is also the output name of another photo, so this one is ${stem}-${n}${extension}`;
        relative = `${stem}-${n}${extension}`;
      }
      taken.add(keyOf(relative));
    }
    planned[index] = { input: file.path, output: join(outputFolder, relative), kind: file.kind, ...(renamed ? { renamed } : {}) };
  }
  return planned;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
