#!/usr/bin/env node
// Makes the fixtures under fixtures/formats/ and fixtures/hostile/ (run: node scripts/make-fixtures.mjs).
//
// Most files come from sharp alone. Three tools from Debian's packages make what sharp cannot
// write: heif-enc (libheif-examples, with its x265 encoder) for the HEVC-coded HEIC, and exiftool
// (libimage-exiftool-perl) for IPTC, comments and thumbnails. `npm test` needs none of them: it
// reads the committed files. The output is committed; run again only to change the fixtures.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

const root = fileURLToPath(new URL('..', import.meta.url));
const formats = join(root, 'fixtures', 'formats');
const hostile = join(root, 'fixtures', 'hostile');
const photos = join(root, 'fixtures', 'photos');
mkdirSync(formats, { recursive: true });
mkdirSync(hostile, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'redframe-fixtures-'));
const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'] }).toString();

// The colour patches every format test reads back: four quadrants of known sRGB colours.
export const PATCHES = { topLeft: [200, 30, 30], topRight: [30, 150, 60], bottomLeft: [30, 60, 190], bottomRight: [230, 200, 40] };
const SIDE = 256;

function quadrants(width, height, colours) {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const key = (y < height / 2 ? 'top' : 'bottom') + (x < width / 2 ? 'Left' : 'Right');
      data.set(colours[key], (y * width + x) * 3);
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

const patches = () => quadrants(SIDE, SIDE, PATCHES);
const out = (name) => join(formats, name);

// One file per accepted format, same pixels.
await patches().png().toFile(out('patches.png'));
await patches().jpeg({ quality: 95 }).toFile(out('patches.jpg'));
await patches().webp({ quality: 95 }).toFile(out('patches.webp'));
await patches().gif().toFile(out('patches.gif'));
await patches().avif({ quality: 80 }).toFile(out('patches.avif'));
await patches().tiff({ compression: 'lzw' }).toFile(out('patches.tiff'));
// HEVC (x265), as an iPhone writes it: the prebuilt libvips in sharp cannot decode this one.
run('heif-enc', ['-q', '90', '-o', out('patches.heic'), out('patches.png')]); // x265, the default HEIC encoder
await sharp(join(photos, 'chelsea.jpg')).resize(320).png().toFile(join(scratch, 'cat.png'));
run('heif-enc', ['-q', '60', '-o', out('cat.heic'), join(scratch, 'cat.png')]);
if (!run('heif-info', [out('cat.heic')]).includes('image/heic')) throw new Error('heif-enc did not write HEVC');

// Unusual colour and bit depths.
// CMYK as a print workflow or stock photo site writes it: separated with a CMYK profile (sharp's
// built-in SWOP one), the profile then dropped (it alone is 1 MB), so the decoder has to use its
// own CMYK fallback. The colours are inside the CMYK gamut, so they survive the round trip.
export const CMYK_PATCHES = { topLeft: [190, 50, 40], topRight: [60, 140, 70], bottomLeft: [50, 80, 150], bottomRight: [230, 200, 60] };
await quadrants(SIDE, SIDE, CMYK_PATCHES).withIccProfile('cmyk').jpeg({ quality: 95 }).toFile(out('cmyk.jpg'));
run('exiftool', ['-overwrite_original', '-q', '-ICC_Profile:all=', out('cmyk.jpg')]);
await patches().toColourspace('rgb16').png().toFile(out('16bit.png'));
// Pixels in Display P3 with the profile embedded: right colours only if the profile is applied.
await patches().withIccProfile('p3').jpeg({ quality: 95 }).toFile(out('display-p3.jpg'));
await quadrants(SIDE, SIDE, { topLeft: [40, 40, 40], topRight: [200, 200, 200], bottomLeft: [110, 110, 110], bottomRight: [250, 250, 250] })
  .toColourspace('b-w').png().toFile(out('grey.png'));
// Palette PNG with transparency: left half fully transparent, right half opaque red.
{
  const data = Buffer.alloc(SIDE * SIDE * 4);
  for (let p = 0; p < SIDE * SIDE; p++) if (p % SIDE >= SIDE / 2) data.set([200, 30, 30, 255], p * 4);
  await sharp(data, { raw: { width: SIDE, height: SIDE, channels: 4 } }).png({ palette: true, colours: 4 }).toFile(out('palette-alpha.png'));
}
await sharp({ create: { width: 1, height: 1, channels: 3, background: { r: 30, g: 150, b: 60 } } }).png().toFile(out('1x1.png'));
// A 3000x500 panorama: grey, with a blue 500x500 square in the middle and red ends.
{
  const width = 3000;
  const height = 500;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = x >= 1250 && x < 1750 ? [30, 60, 190] : x < 250 || x >= 2750 ? [200, 30, 30] : [128, 128, 128];
      data.set(colour, (y * width + x) * 3);
    }
  }
  await sharp(data, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toFile(out('panorama-3000x500.jpg'));
}
// EXIF orientation 6: a portrait (200x300) with a red top-left corner, stored turned a quarter
// anticlockwise; a viewer that applies the tag shows the red corner top left.
{
  const width = 200;
  const height = 300;
  const data = Buffer.alloc(width * height * 3, 150);
  for (let y = 0; y < 100; y++) for (let x = 0; x < 100; x++) data.set([220, 20, 20], (y * width + x) * 3);
  const stored = await sharp(data, { raw: { width, height, channels: 3 } }).rotate(-90).raw().toBuffer({ resolveWithObject: true });
  await sharp(stored.data, { raw: stored.info }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toFile(out('orientation-6.jpg'));
  if (run('exiftool', ['-s3', '-n', '-Orientation', out('orientation-6.jpg')]).trim() !== '6') throw new Error('orientation tag not written');
}
// Animations: four frames of distinct colours, 100-400 ms each, looping for ever.
{
  const width = 240;
  const height = 160;
  const colours = [[220, 20, 20], [20, 160, 40], [20, 40, 200], [240, 220, 20]];
  const data = Buffer.alloc(width * height * 3 * colours.length);
  colours.forEach((colour, frame) => {
    for (let p = 0; p < width * height; p++) data.set(colour, (frame * width * height + p) * 3);
  });
  const frames = () => sharp(data, { raw: { width, height: height * colours.length, channels: 3, pageHeight: height } });
  await frames().gif({ delay: [100, 200, 300, 400], loop: 0 }).toFile(out('animated.gif'));
  await frames().webp({ delay: [100, 200, 300, 400], loop: 0, quality: 90 }).toFile(out('animated.webp'));
}

// Metadata a photo should never pass on: EXIF with GPS (Aleppo), author, camera, comment,
// XMP, IPTC and an EXIF thumbnail, written by exiftool. Every text holds "redframe-secret" so
// a test can also look for it in the raw bytes of an output.
{
  await sharp(join(photos, 'coffee.jpg')).resize(60).jpeg().toFile(join(scratch, 'thumb.jpg'));
  const tags = [
    '-overwrite_original', '-q',
    '-GPSLatitude=36.2021', '-GPSLatitudeRef=N', '-GPSLongitude=37.1343', '-GPSLongitudeRef=E', '-GPSAltitude=390',
    '-Artist=redframe-secret-artist', '-Copyright=redframe-secret-copyright', '-Make=redframe-secret-make', '-Model=redframe-secret-model',
    '-ImageDescription=redframe-secret-description', '-UserComment=redframe-secret-usercomment', '-SerialNumber=redframe-secret-serial',
    '-XMP-dc:Creator=redframe-secret-xmp-creator', '-XMP-photoshop:City=redframe-secret-xmp-city',
    '-IPTC:By-line=redframe-secret-iptc-byline', '-IPTC:City=redframe-secret-iptc-city',
  ];
  await sharp(join(photos, 'coffee.jpg')).resize(240).jpeg({ quality: 85 }).toFile(out('privacy.jpg'));
  run('exiftool', [...tags, '-Comment=redframe-secret-comment', `-ThumbnailImage<=${join(scratch, 'thumb.jpg')}`, out('privacy.jpg')]);
  await sharp(join(photos, 'coffee.jpg')).resize(240).png().toFile(out('privacy.png'));
  run('exiftool', [...tags.filter((t) => !t.startsWith('-IPTC')), '-PNG:Comment=redframe-secret-comment', '-PNG:Author=redframe-secret-png-author', out('privacy.png')]);
  await sharp(join(photos, 'coffee.jpg')).resize(240).webp({ quality: 85 }).toFile(out('privacy.webp'));
  run('exiftool', [...tags.filter((t) => !t.startsWith('-IPTC')), out('privacy.webp')]);
}

// Hostile and broken files.
const bad = (name, data) => writeFileSync(join(hostile, name), data);
const jpeg = readFileSync(out('patches.jpg'));
const png = readFileSync(out('patches.png'));
bad('zero-bytes.jpg', Buffer.alloc(0));
bad('text.jpg', 'This is not a photo, just some text that someone saved as photo.jpg.\n');
bad('svg.jpg', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="red"/></svg>\n');
bad('pdf.jpg', '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
bad('html.jpg', '<!DOCTYPE html><html><body><img src="photo.jpg"></body></html>\n');
bad('truncated.png', png.subarray(0, Math.floor(png.length / 2)));
bad('truncated.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 2)));
bad('truncated.webp', readFileSync(out('patches.webp')).subarray(0, 200));
bad('truncated.heic', readFileSync(out('cat.heic')).subarray(0, 1500));
bad('truncated.gif', readFileSync(out('animated.gif')).subarray(0, 300));
bad('truncated.tiff', readFileSync(out('patches.tiff')).subarray(0, 500));
// A 2x2 24-bit Windows bitmap named .jpg (BMP is not on the list).
{
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54 + 16, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(2, 18);
  header.writeInt32LE(2, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(16, 34);
  bad('bmp.jpg', Buffer.concat([header, Buffer.alloc(16, 0x80)]));
}
// A valid signature, then noise (fixed seed, so the file is the same on every run).
{
  let seed = 0x2016;
  const noise = Buffer.alloc(4096, 0).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
  bad('png-signature-then-noise.png', Buffer.concat([png.subarray(0, 8), noise]));
  bad('jpeg-signature-then-noise.jpg', Buffer.concat([jpeg.subarray(0, 3), noise]));
}
// A JPEG whose frame header says 0x0 pixels.
{
  const broken = Buffer.from(jpeg);
  const sof = broken.indexOf(Buffer.from([0xff, 0xc0]));
  broken.writeUInt16BE(0, sof + 5);
  broken.writeUInt16BE(0, sof + 7);
  bad('jpeg-zero-size-header.jpg', broken);
}
// An MP4-like ISO file named .heic (ftyp isom): not a photo.
bad('video.heic', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1'), Buffer.alloc(64)]));
// A GIF whose screen claims 65535x65535 pixels around a 1x1 frame.
bad('gif-huge-screen.gif', Buffer.concat([
  Buffer.from('GIF89a', 'latin1'), Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00]),
  Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0]), Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00]), Buffer.from([0x3b]),
]));
/** A PNG chunk, built byte by byte. */
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
// The decompression bomb: a complete, valid PNG of 60000x60000 black pixels (3.6 gigapixels,
// 450 MB of pixel data at 1 bit per pixel), deflated to a few hundred kilobytes.
{
  const width = 60000;
  const height = 60000;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // 1 bit, greyscale, deflate, no filter, no interlace
  const rows = Buffer.alloc(height * (1 + width / 8)); // each row: filter byte 0, then zeros
  bad('bomb-60000x60000.png', Buffer.concat([png.subarray(0, 8), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
}

// Images too thin to make a useful square (portable/photo-shape.ts): complete, valid 8-bit grey
// PNGs of a white-to-black gradient, 1 px wide, 1 px high, and 4 px wide. Scaled to cover an 800 px
// square, the first is 800 x 8,000,000 pixels: libvips' attention crop once ran on it for ever.
for (const [width, height] of [[1, 10000], [10000, 1], [4, 2000]]) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8 bits, greyscale, deflate, no filter, no interlace
  const rows = Buffer.alloc(height * (1 + width));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const along = width > height ? x / (width - 1) : y / (height - 1);
      rows[y * (1 + width) + 1 + x] = Math.round(255 * (1 - along));
    }
  }
  bad(`thin-${width}x${height}.png`, Buffer.concat([png.subarray(0, 8), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
}

rmSync(scratch, { recursive: true, force: true });
console.log('fixtures written to fixtures/formats and fixtures/hostile');
