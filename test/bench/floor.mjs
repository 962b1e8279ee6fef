// The floor: the least any sharp pipeline must do to make an 800x800 JPEG avatar from a photo.
// Decode (shrink-on-load), auto-orient, cover-resize, encode JPEG q90 with the same encoder
// settings as redframe (no Huffman optimisation), write; nothing else.
// With `attention` as the last argument it cuts with sharp's attention crop, the crop of
// redframe's default look, instead of the centre: what bare sharp pays for that crop alone.
// Usage: node test/bench/floor.mjs <photo folder | photo.jpg> <output folder | out.jpg> [images in flight] [centre | attention]
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { eachPhoto } from './each-photo.mjs';

const [input, output, inFlightArg, position = 'centre'] = process.argv.slice(2);
const SIZE = 800;
if (position !== 'centre' && position !== 'attention') {
  process.stderr.write(`floor: Expected centre or attention as the crop but received ${JSON.stringify(position)}\n`);
  process.exit(2);
}

const avatar = (from, to) =>
  sharp(from, { autoOrient: true }).resize(SIZE, SIZE, { fit: 'cover', position }).jpeg({ quality: 90, optimiseCoding: false }).toFile(to);

if ((await stat(input)).isFile()) {
  await avatar(input, output);
} else {
  // The same number of images in flight as redframe's default (cores + 1) unless told.
  await eachPhoto(input, output, Number(inFlightArg || availableParallelism() + 1), avatar);
}
