// The benchmark's photos: 12-megapixel JPEGs made from the fixtures, with photographic noise so
// they compress like phone photos (about 3-5 MB at quality 90), cached in the system temp folder.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WIDTH = 4032;
export const HEIGHT = 3024;
/** Distinct photos; larger workloads repeat them under new names (hard links), see photoFolder. */
export const DISTINCT = 24;
const QUALITY = 90;
/** Bump when the recipe changes so old caches are not reused. */
const RECIPE = 'v1';

export const CACHE = join(tmpdir(), 'redframe-bench');

/** A small deterministic PRNG (mulberry32), so every machine makes the same workload. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One photo: a fixture, mirrored and cropped differently per index, upscaled to 12 MP, with
 * luminance noise (sensor grain, sigma about 5) and a little chroma noise added per pixel.
 */
async function makePhoto(index, fixtures, file) {
  const source = fixtures[index % fixtures.length];
  const next = random(index * 7919 + 17);
  let image = sharp(source);
  if (index % 2 === 1) image = image.flop();
  const { width, height } = await sharp(source).metadata();
  // A slightly different crop each time, so no two photos are the same picture.
  const cut = 0.9 + next() * 0.1;
  const w = Math.round(width * cut);
  const h = Math.round(height * cut);
  const left = Math.floor(next() * (width - w + 1));
  const top = Math.floor(next() * (height - h + 1));
  const base = await image
    .extract({ left, top, width: w, height: h })
    .resize(WIDTH, HEIGHT, { fit: 'cover', kernel: 'cubic' })
    .removeAlpha()
    .raw()
    .toBuffer();
  // Grain: Gaussian-ish (sum of uniforms) luminance noise plus weaker per-channel noise.
  for (let i = 0; i < base.length; i += 3) {
    const grain = (next() + next() + next() - 1.5) * 10;
    base[i] = base[i] + grain + (next() - 0.5) * 6;
    base[i + 1] = base[i + 1] + grain + (next() - 0.5) * 6;
    base[i + 2] = base[i + 2] + grain + (next() - 0.5) * 6;
  }
  const temp = `${file}.part`;
  await sharp(base, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .jpeg({ quality: QUALITY })
    .withExif({ IFD0: { Make: 'redframe-bench', Model: 'synthetic 12MP', Orientation: '1' } })
    .toFile(temp);
  await rename(temp, file);
}

async function distinctPhotos(log) {
  const fixturesDir = join(ROOT, 'fixtures', 'photos');
  const fixtures = (await readdir(fixturesDir)).filter((n) => n.endsWith('.jpg')).sort().map((n) => join(fixturesDir, n));
  const key = createHash('sha256').update(`${RECIPE}:${WIDTH}x${HEIGHT}:q${QUALITY}:${fixtures.map((f) => f.split('/').pop()).join(',')}`).digest('hex').slice(0, 10);
  const folder = join(CACHE, `photos-${key}`);
  await mkdir(folder, { recursive: true });
  const files = [];
  for (let i = 0; i < DISTINCT; i++) {
    const file = join(folder, `photo-${String(i).padStart(3, '0')}.jpg`);
    if (!existsSync(file)) {
      if (i === 0 || !existsSync(files.at(-1))) log(`making ${DISTINCT} 12 MP test photos in ${folder} (once)...`);
      await makePhoto(i, fixtures, file);
    }
    files.push(file);
  }
  return { folder, files, key };
}

/**
 * A folder holding exactly `count` photos, made once and cached. Beyond the 24 distinct photos the
 * same files reappear under new names (hard links): a batch decodes each one again, which is what
 * matters for time and memory, without writing gigabytes to the temp folder.
 */
export async function photoFolder(count, log = () => {}) {
  const distinct = await distinctPhotos(log);
  const folder = join(CACHE, `batch-${distinct.key}-${count}`);
  const names = Array.from({ length: count }, (_, i) => `photo-${String(i).padStart(4, '0')}.jpg`);
  if (existsSync(folder) && (await readdir(folder)).length === count) return { folder, files: names.map((n) => join(folder, n)) };
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  for (const [i, name] of names.entries()) await link(distinct.files[i % DISTINCT], join(folder, name));
  return { folder, files: names.map((n) => join(folder, n)) };
}

/** A folder of `count` empty files named like photos, for timing the planning step alone. */
export async function emptyFolder(count, log = () => {}) {
  const folder = join(CACHE, `empty-${count}`);
  if (existsSync(folder) && (await readdir(folder)).length === count) return folder;
  log(`making ${count} empty files in ${folder} (once)...`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const names = Array.from({ length: count }, (_, i) => `empty-${String(i).padStart(6, '0')}.jpg`);
  for (let i = 0; i < names.length; i += 500) {
    await Promise.all(names.slice(i, i + 500).map((n) => writeFile(join(folder, n), '')));
  }
  return folder;
}

// `node test/bench/workload.mjs [count]` makes the workload and prints where it is.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const count = Number(process.argv[2] ?? DISTINCT);
  const started = performance.now();
  const { folder, files } = await photoFolder(count, (m) => process.stderr.write(`${m}\n`));
  const sizes = await Promise.all(files.slice(0, DISTINCT).map(async (f) => (await import('node:fs')).statSync(f).size));
  const mb = sizes.map((s) => s / 1e6);
  process.stdout.write(`${folder}: ${count} photos, ${Math.min(...mb).toFixed(2)}-${Math.max(...mb).toFixed(2)} MB each (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
