import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExifReader from 'exifreader';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Format } from '../../src/api/index.js';
import { deltaE, fixture, photo, pixels, runCommand, tempDir } from '../helpers.js';

/** Every text the fixtures hide in their metadata contains this. */
const SECRET = 'redframe-secret';
const OUTPUT_FORMATS: Format[] = ['jpeg', 'png', 'webp', 'avif', 'gif'];

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${SECRET}-sharp-xmp</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** A photo with EXIF (author, GPS in Aleppo) and XMP, written by sharp, in the given format. */
function taggedWithSharp(format: 'jpeg' | 'png' | 'webp' | 'avif'): Promise<Buffer> {
  return sharp(photo('astronaut.jpg'))
    .resize(200)
    .withExif({
      IFD0: { Artist: `${SECRET}-sharp-artist`, Copyright: `${SECRET}-sharp-copyright`, Make: `${SECRET}-sharp-make` },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 12/1 756/100', GPSLongitudeRef: 'E', GPSLongitude: '37/1 8/1 348/100' },
    })
    .withXmp(XMP)
    .toFormat(format)
    .toBuffer();
}

// What a metadata parser may find in an output: the image's own structure, nothing about the
// photo's origin. (ExifReader puts the header fields of each format in these groups.)
const ALLOWED_GROUPS = new Set(['file', 'jfif', 'pngFile', 'png', 'riff', 'gif']);
const ALLOWED_PNG_FIELDS = new Set(['Image Width', 'Image Height', 'Bit Depth', 'Color Type', 'Compression', 'Filter', 'Interlace', 'Pixels Per Unit X', 'Pixels Per Unit Y', 'Pixel Units']);
const ALLOWED_FILE_FIELDS = new Set(['Bits Per Sample', 'Image Height', 'Image Width', 'Color Components', 'Subsampling', 'FileType']);

/** Containers of metadata, by their markers in the bytes, whatever a parser makes of them. */
const MARKERS: [string, string][] = [
  ['EXIF block', 'Exif\0\0'],
  ['XMP packet', 'http://ns.adobe.com/'],
  ['XMP packet', 'x:xmpmeta'],
  ['IPTC (Photoshop) block', 'Photoshop 3.0'],
  ['PNG text chunk', 'tEXt'],
  ['PNG text chunk', 'iTXt'],
  ['PNG text chunk', 'zTXt'],
  ['PNG EXIF chunk', 'eXIf'],
  ['WebP EXIF chunk', 'EXIF'],
  ['WebP XMP chunk', 'XMP '],
];

function leftovers(output: Buffer): string[] {
  const found: string[] = [];
  const tags = ExifReader.load(output, { expanded: true, includeUnknown: true }) as Record<string, Record<string, unknown> | undefined>;
  for (const [group, fields] of Object.entries(tags)) {
    if (!ALLOWED_GROUPS.has(group)) {
      found.push(`${group}: ${Object.keys(fields ?? {}).join(', ')}`);
      continue;
    }
    const allowed = group === 'file' ? ALLOWED_FILE_FIELDS : group === 'png' || group === 'pngFile' ? ALLOWED_PNG_FIELDS : undefined;
    for (const field of Object.keys(fields ?? {})) if (allowed && !allowed.has(field)) found.push(`${group}.${field}`);
  }
  const bytes = output.toString('latin1');
  if (bytes.includes(SECRET)) found.push(`the text "${SECRET}"`);
  for (const [what, marker] of MARKERS) if (bytes.includes(marker)) found.push(what);
  return found;
}

describe('the inputs really carry the metadata (else the tests below prove nothing)', () => {
  it('exiftool fixtures: GPS, EXIF, XMP, IPTC, comment and thumbnail are all there', async () => {
    const jpeg = ExifReader.load(await readFile(fixture('formats', 'privacy.jpg')), { expanded: true, includeUnknown: true });
    expect(jpeg.gps?.Latitude).toBeCloseTo(36.2, 1);
    expect(jpeg.exif?.Artist?.description).toContain(SECRET);
    const byLine = jpeg.iptc?.['By-line']; // one tag, or a list when the field repeats
    expect((Array.isArray(byLine) ? byLine[0] : byLine)?.description).toContain(SECRET);
    expect(jpeg.xmp?.creator?.description).toContain(SECRET);
    expect(jpeg.Thumbnail?.image).toBeDefined();
    expect((await readFile(fixture('formats', 'privacy.jpg'))).toString('latin1')).toContain(`${SECRET}-comment`);
    const png = ExifReader.load(await readFile(fixture('formats', 'privacy.png')), { expanded: true, includeUnknown: true });
    expect(png.gps?.Latitude).toBeCloseTo(36.2, 1);
    expect(String(png.pngText?.Comment?.description)).toContain(SECRET);
    const webp = ExifReader.load(await readFile(fixture('formats', 'privacy.webp')), { expanded: true, includeUnknown: true });
    expect(webp.gps?.Longitude).toBeCloseTo(37.1, 1);
  });

  it('sharp-tagged inputs: GPS and author in every format', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'avif'] as const) {
      const tags = ExifReader.load(await taggedWithSharp(format), { expanded: true, includeUnknown: true });
      expect(tags.gps?.Latitude, format).toBeCloseTo(36.2, 1);
      expect(tags.exif?.Artist?.description, format).toContain(SECRET);
      expect(leftovers(await taggedWithSharp(format)).length, format).toBeGreaterThan(0);
    }
  });
});

describe('no metadata in any output format', () => {
  const inputs: Record<string, () => Promise<Buffer>> = {
    'privacy.jpg (exiftool)': () => readFile(fixture('formats', 'privacy.jpg')),
    'privacy.png (exiftool)': () => readFile(fixture('formats', 'privacy.png')),
    'privacy.webp (exiftool)': () => readFile(fixture('formats', 'privacy.webp')),
    'JPEG tagged by sharp': () => taggedWithSharp('jpeg'),
    'PNG tagged by sharp': () => taggedWithSharp('png'),
    'WebP tagged by sharp': () => taggedWithSharp('webp'),
    'AVIF tagged by sharp': () => taggedWithSharp('avif'),
  };
  const bytes: Record<string, Buffer> = {};
  beforeAll(async () => {
    for (const [name, make] of Object.entries(inputs)) bytes[name] = await make();
  });

  for (const format of OUTPUT_FORMATS) {
    it.each(Object.keys(inputs))(`${format} output from %s: nothing left`, async (name) => {
      const renderer = createRenderer({ size: 160, format });
      const { data } = await renderer.render(bytes[name]!, name);
      expect((await sharp(data).metadata()).format).toBe(format === 'avif' ? 'heif' : format);
      expect(leftovers(data)).toEqual([]);
    });
  }

  it('circle avatars (PNG with transparency) and the solid square carry nothing either', async () => {
    const input = await readFile(fixture('formats', 'privacy.jpg'));
    for (const options of [{ shape: 'circle' as const, format: 'png' as const }, { shape: 'circle' as const, format: 'webp' as const }, { mode: 'solid' as const }]) {
      const { data } = await createRenderer({ size: 128, banner: 'none', ...options }).render(input);
      expect(leftovers(data), JSON.stringify(options)).toEqual([]);
    }
  });

  it('the built command writes files without metadata too', async () => {
    const dir = await tempDir();
    for (const extension of ['jpg', 'png', 'webp', 'avif', 'gif']) {
      const output = join(dir, `avatar.${extension}`);
      const run = await runCommand([fixture('formats', 'privacy.jpg'), '-o', output, '--size', '128', '--banner', 'none']);
      expect(run.status, extension).toBe(0);
      expect(leftovers(await readFile(output)), extension).toEqual([]);
    }
  });
});

describe('EXIF orientation is applied to the pixels before the tags go', () => {
  it.each(OUTPUT_FORMATS)('%s: no orientation tag, and the marked corner is top left', async (format) => {
    const input = await readFile(fixture('formats', 'orientation-6.jpg'));
    expect(ExifReader.load(input, { expanded: true }).exif?.Orientation?.value).toBe(6);
    const { data } = await createRenderer({ size: 128, format, strength: 0, frame: 'none', banner: 'none', crop: 'centre' }).render(input);
    expect(leftovers(data)).toEqual([]);
    expect((await sharp(data).metadata()).orientation).toBeUndefined();
    const { at } = await pixels(await sharp(data).png().toBuffer());
    expect(deltaE(at(16, 10), { r: 220, g: 20, b: 20 })).toBeLessThan(10);
    expect(deltaE(at(16, 118), { r: 150, g: 150, b: 150 })).toBeLessThan(10);
  });
});
