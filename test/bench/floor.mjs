// The floor: the least any sharp pipeline must do to make an 800x800 JPEG avatar from a photo.
// Decode (shrink-on-load), auto-orient, cover-resize, encode JPEG q90 with the same encoder
// settings as redframe (no Huffman optimisation), write; nothing else.
// Usage: node test/bench/floor.mjs <photo folder | photo.jpg> <output folder | out.jpg> [images in flight]
import { mkdir, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';

const [input, output, inFlightArg] = process.argv.slice(2);
const SIZE = 800;

const avatar = (from, to) =>
  sharp(from, { autoOrient: true }).resize(SIZE, SIZE, { fit: 'cover' }).jpeg({ quality: 90, optimiseCoding: false }).toFile(to);

if ((await stat(input)).isFile()) {
  await avatar(input, output);
} else {
  const names = (await readdir(input)).filter((n) => /\.jpe?g$/i.test(n)).sort();
  await mkdir(output, { recursive: true });
  // The same number of images in flight as redframe's default (one per core) unless told.
  const inFlight = Number(inFlightArg ?? availableParallelism());
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      await avatar(join(input, name), join(output, basename(name)));
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}
