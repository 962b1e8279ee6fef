import sharp from 'sharp';
import { writeAtomic } from '../files/write-atomic.js';
import { formatOfName } from '../formats.js';
import { placeStraight, polygonsToPath } from '../overlay/geometry.js';
import { loadFont, type LoadedFont } from '../text/font.js';
import { missingCharacters, shapeLine } from '../text/shape.js';

export interface ContactSheetEntry {
  file: string;
  label: string;
}

const TILE = 200;
const LABEL = 28;
const GAP = 8;

/**
 * One image with a grid of avatars and their names, to check a whole batch at a glance. Names
 * are shaped like banner text (Arabic file names stay joined); characters the bundled font lacks
 * show as `?`. The format follows the file name (PNG unless it ends in .jpg/.webp).
 *
 * @example await makeContactSheet([{ file: 'out/ali.jpg', label: 'ali.jpg' }], 'sheet.png', { overwrite: true });
 */
export async function makeContactSheet(entries: ContactSheetEntry[], path: string, { overwrite }: { overwrite: boolean }): Promise<void> {
  const columns = Math.max(1, Math.min(8, Math.ceil(Math.sqrt(entries.length))));
  const rows = Math.max(1, Math.ceil(entries.length / columns));
  const width = columns * (TILE + GAP) + GAP;
  const height = rows * (TILE + LABEL + GAP) + GAP;
  const font = await loadFont();
  const tiles = await Promise.all(
    entries.map(async (entry, index) => {
      const left = GAP + (index % columns) * (TILE + GAP);
      const top = GAP + Math.floor(index / columns) * (TILE + LABEL + GAP);
      const input = await sharp(entry.file).resize(TILE, TILE, { fit: 'contain', background: '#ffffff' }).png().toBuffer();
      return { input, left, top };
    }),
  );
  const labels = entries.map((entry, index) => {
    const left = GAP + (index % columns) * (TILE + GAP);
    const top = GAP + Math.floor(index / columns) * (TILE + LABEL + GAP) + TILE;
    return labelPath(entry.label, font, left, top);
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><path d="${labels.join('')}" fill="#222"/></svg>`;
  const image = sharp({ create: { width, height, channels: 3, background: '#f4f4f4' } })
    .composite([...tiles, { input: Buffer.from(svg), left: 0, top: 0 }]);
  const format = formatOfName(path);
  const data = await (format === 'jpeg' ? image.jpeg({ quality: 85 }) : format === 'webp' ? image.webp() : image.png()).toBuffer();
  await writeAtomic(path, data, { overwrite });
}

function labelPath(label: string, font: LoadedFont, left: number, top: number): string {
  let text = label;
  for (const char of missingCharacters(label, font)) text = text.split(char).join('?');
  const line = shapeLine(text, font, 'ltr'); // a path reads left to right, like in a file manager
  const size = Math.min(14, ((TILE - 8) * font.upem) / Math.max(1, line.width));
  const scale = size / font.upem;
  const lineWidth = line.width * scale;
  return polygonsToPath(placeStraight(line, { left: left + (TILE - lineWidth) / 2, baseline: top + LABEL * 0.68, scale }));
}
