import { lstat, open } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import sharp from 'sharp';
import { received, RedframeError } from '../core/errors.js';
import { checkOutput } from '../render/to-file.js';
import { writeAtomic } from '../files/write-atomic.js';
import { formatOfName } from '../core/formats.js';
import { fail, plainObject, readGuarded } from '../options/check.js';
import { placeStraight, polygonsToPath } from '../words/geometry.js';
import { loadFont } from '../text/font.js';
import type { LoadedFont } from '../words/font.js';
import { missingCharacters, shapeLine } from '../words/shaping.js';

export interface ContactSheetEntry {
  file: string;
  label: string;
}

const TILE = 200;
const LABEL = 28;
const GAP = 8;
/**
 * Tiles per page side: 8 x 8 = 64 avatars a page (1,672 x 1,896 px, about 10 MB of pixels while
 * it is drawn), so a sheet of 10,000 outputs is 157 pages made one after the other, in the memory
 * of one page, and each page's label drawing stays far below librsvg's size limit.
 */
const PAGE_SIDE = 8;
const CONTACT_SHEET_PAGE_SIZE = PAGE_SIDE * PAGE_SIDE;
/** Tiles read at once: enough to keep two cores busy, few enough to hold little memory. */
const TILE_READERS = 4;

/**
 * The file of each page: the path as given for the first, then `-2`, `-3`, ... before the
 * extension (`sheet.png`, `sheet-2.png`).
 *
 * @example contactSheetPages('out/sheet.png', 130) // ['out/sheet.png', 'out/sheet-2.png', 'out/sheet-3.png']
 */
export function contactSheetPages(path: string, entries: number): string[] {
  const pages = Math.max(1, Math.ceil(entries / CONTACT_SHEET_PAGE_SIZE));
  const extension = extname(path);
  const stem = path.slice(0, path.length - extension.length);
  return Array.from({ length: pages }, (_, i) => (i === 0 ? path : `${stem}-${i + 1}${extension}`));
}

/**
 * What every page carries in its EXIF `Software` field, so that a later run knows the file as a
 * sheet it made and may replace it without `overwrite` (see `checkContactSheet`).
 */
export const CONTACT_SHEET_MARK = 'redframe contact sheet';

/** Bytes read at each end of a file to find the mark: JPEG and PNG have it near the start, WebP at the end. */
const MARK_SEARCH_BYTES = 4096;

/**
 * Whether a file is a contact sheet page made by redframe: a regular file with the mark in its
 * first or last 4 KB (two small reads, whatever the file's size; no decoder sees it).
 */
export async function isContactSheet(path: string): Promise<boolean> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const length = Math.min(MARK_SEARCH_BYTES, info.size);
    const ends = Buffer.alloc(length * 2);
    await handle.read(ends, 0, length, 0);
    await handle.read(ends, length, length, Math.max(0, info.size - length));
    return ends.includes(CONTACT_SHEET_MARK);
  } finally {
    await handle.close();
  }
}

/**
 * Checks every page a contact sheet of up to `entries` outputs could have, before a batch: a page
 * is never one of `inputs`, never one of the batch's own `outputs` (even with `overwrite`), and an
 * existing file is kept unless `overwrite` or it is a sheet redframe made (`isContactSheet`): so
 * rerunning a batch with the same sheet, after photos were added, makes the sheet again.
 *
 * @example await checkContactSheet('out/sheet.png', 'out/sheet.png', 130, { overwrite: false, inputs: [], outputs: new Map() });
 */
export async function checkContactSheet(
  path: string,
  shown: string,
  entries: number,
  { overwrite, inputs, outputs }: { overwrite: boolean; inputs: Iterable<string | Buffer>; outputs: ReadonlyMap<string, string> },
): Promise<void> {
  const shownPages = contactSheetPages(shown, entries);
  const inputList = [...inputs];
  for (const [index, page] of contactSheetPages(path, entries).entries()) {
    const pageShown = shownPages[index]!;
    const photo = outputs.get(resolve(page));
    if (photo !== undefined) {
      throw new RedframeError('OUTPUT_IS_INPUT', `the contact sheet${index > 0 ? `'s page ${index + 1}` : ''} would replace the avatar of ${photo}`, pageShown);
    }
    await checkOutput({ path: resolve(page), shown: pageShown, overwrite: overwrite || (await isContactSheet(page)) }, inputList).catch((error: unknown) => {
      if (!(error instanceof RedframeError && error.code === 'OUTPUT_IS_INPUT')) throw error;
      throw new RedframeError('OUTPUT_IS_INPUT', `the contact sheet${index > 0 ? `'s page ${index + 1}` : ''} would replace an input photo`, pageShown);
    });
  }
}

/**
 * Images with a grid of avatars and their names, to check a whole batch at a glance: 64 a page,
 * pages written one at a time (see `contactSheetPages` for their names), each checked like every
 * output first: never one of `inputs`, never an existing file unless `overwrite` or it is a sheet
 * redframe made (each page carries `CONTACT_SHEET_MARK`), written atomically. Names are shaped like banner text (Arabic file names stay joined); characters the
 * bundled font lacks show as `?`. The format follows the file name (PNG unless it ends in
 * .jpg/.webp). Returns the files written.
 *
 * @example await makeContactSheet([{ file: 'out/ali.jpg', label: 'ali.jpg' }], 'sheet.png', { overwrite: true });
 */
export async function makeContactSheet(
  entries: ContactSheetEntry[],
  path: string,
  settings: { overwrite: boolean; inputs?: Iterable<string | Buffer> },
): Promise<string[]> {
  const entryOk = (e: unknown) => typeof e === 'object' && e !== null && typeof (e as ContactSheetEntry).file === 'string' && typeof (e as ContactSheetEntry).label === 'string';
  // Read once, guarded: a Proxy's trap that throws is the caller's error, named.
  entries = readGuarded('entries', () => {
    if (!Array.isArray(entries)) fail('entries', 'a list of { file, label } with two strings each', entries);
    // Holes first, by the count of items: a sparse list of length 1e9 never got past naming its pages.
    if (Object.keys(entries).length !== entries.length) fail('entries', 'a list without holes', received(`a sparse array of length ${entries.length}`));
    const plain = entries.map((e) => (entryOk(e) ? { file: e.file, label: e.label } : undefined));
    if (!plain.every((e) => e !== undefined)) fail('entries', 'a list of { file, label } with two strings each', entries);
    return plain as ContactSheetEntry[];
  });
  if (typeof path !== 'string' || path === '') fail('path', 'a file path for the sheet', path);
  const { overwrite, inputs = [] } = plainObject(settings, 'contact sheet setting') as { overwrite: unknown; inputs?: Iterable<string | Buffer> };
  if (typeof overwrite !== 'boolean') fail('overwrite', 'true or false', overwrite);
  const pages = contactSheetPages(path, entries.length);
  const inputList = [...inputs];
  const replaceable = new Set<string>();
  for (const page of pages) {
    if (!overwrite && (await isContactSheet(page))) replaceable.add(page);
    await checkOutput({ path: resolve(page), shown: page, overwrite: overwrite || replaceable.has(page) }, inputList);
  }
  const font = await loadFont();
  for (const [index, page] of pages.entries()) {
    const data = await drawPage(entries.slice(index * CONTACT_SHEET_PAGE_SIZE, (index + 1) * CONTACT_SHEET_PAGE_SIZE), page, font);
    await writeAtomic(page, data, { overwrite: overwrite || replaceable.has(page) });
  }
  return pages;
}

async function drawPage(entries: ContactSheetEntry[], path: string, font: LoadedFont): Promise<Buffer> {
  const columns = Math.max(1, Math.min(PAGE_SIDE, Math.ceil(Math.sqrt(entries.length))));
  const rows = Math.max(1, Math.ceil(entries.length / columns));
  const width = columns * (TILE + GAP) + GAP;
  const height = rows * (TILE + LABEL + GAP) + GAP;
  // The page is one pixel buffer that tiles are copied into as they are read, a few at a time:
  // one composite of 64 overlays held every tile and its canvas-sized step at once.
  const page = Buffer.alloc(width * height * 3, 0xf4); // PAGE_BACKGROUND
  let next = 0;
  const reader = async () => {
    while (next < entries.length) {
      const index = next++;
      const tile = await sharp(entries[index]!.file)
        .resize(TILE, TILE, { fit: 'contain', background: '#ffffff' })
        .flatten({ background: '#ffffff' })
        .removeAlpha()
        .raw()
        .toBuffer();
      const left = GAP + (index % columns) * (TILE + GAP);
      const top = GAP + Math.floor(index / columns) * (TILE + LABEL + GAP);
      for (let y = 0; y < TILE; y++) tile.copy(page, ((top + y) * width + left) * 3, y * TILE * 3, (y + 1) * TILE * 3);
      // The name under it, drawn alone and copied in the same way. One drawing of the whole page's
      // names composited over the page cost more memory than the rest of the page: 10,000 outputs
      // peaked at 453 MB that way and at 250 MB this way (test/bench/contact-sheet.mjs).
      const label = await sharp(Buffer.from(labelSvg(entries[index]!.label, font)))
        .flatten({ background: PAGE_BACKGROUND })
        .raw()
        .toBuffer();
      for (let y = 0; y < LABEL; y++) label.copy(page, ((top + TILE + y) * width + left) * 3, y * TILE * 3, (y + 1) * TILE * 3);
    }
  };
  await Promise.all(Array.from({ length: TILE_READERS }, reader));
  const image = sharp(page, { raw: { width, height, channels: 3 } }).withExif({ IFD0: { Software: CONTACT_SHEET_MARK } });
  const format = formatOfName(path);
  return (format === 'jpeg' ? image.jpeg({ quality: 85 }) : format === 'webp' ? image.webp() : image.png()).toBuffer();
}

/** The page's grey (0xf4 in every channel), behind the tiles and under the names. */
const PAGE_BACKGROUND = '#f4f4f4';

/** One name as a TILE x LABEL drawing: glyph outlines, never `<text>`, so no system font is used. */
function labelSvg(label: string, font: LoadedFont): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${TILE}" height="${LABEL}"><path d="${labelPath(label, font, 0, 0)}" fill="#222"/></svg>`;
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
