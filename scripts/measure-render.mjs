#!/usr/bin/env node
// Times one 800 px render from a 12-megapixel JPEG, in one process, with the overlay built for
// that render (uncached: text shaping, SVG raster) and with it reused (cached), as the renderer
// does for every image after the first. Usage: npm run build && node scripts/measure-render.mjs [rounds]
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createRenderer } from '../dist/api/index.js';
import { clearOverlayCache } from '../dist/render/render.js'; // internal: the library keeps its cache to itself

const rounds = Number(process.argv[2] ?? 15);
const dir = await mkdtemp(join(tmpdir(), 'redframe-measure-'));
const photo = join(dir, 'phone-12mp.jpg');
// A 4032x3024 photo with sensor-like noise, so it compresses (and decodes) like a phone photo.
const noise = await sharp({ create: { width: 4032, height: 3024, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 24 } } }).raw().toBuffer();
const base = await sharp(new URL('../fixtures/photos/astronaut.jpg', import.meta.url).pathname).resize(4032, 3024, { fit: 'cover' }).raw().toBuffer();
for (let i = 0; i < base.length; i++) base[i] = Math.max(0, Math.min(255, base[i] + (noise[i] - 128) * 0.25));
await writeFile(photo, await sharp(base, { raw: { width: 4032, height: 3024, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => { const t = performance.now(); await fn(); return performance.now() - t; };

await createRenderer().render(photo); // warm up: module loading, HarfBuzz, libvips caches
const uncached = [];
const cached = [];
const overlayOnly = [];
for (let i = 0; i < rounds; i++) {
  clearOverlayCache();
  uncached.push(await time(() => createRenderer().render(photo)));
  cached.push(await time(() => createRenderer().render(photo)));
  clearOverlayCache();
  overlayOnly.push(await time(() => createRenderer().prepare()));
}
const fmt = (xs) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
console.log(`12 MP JPEG (${((await stat(photo)).size / 1e6).toFixed(1)} MB) -> 800x800 JPEG, default preset, ${rounds} rounds`);
console.log(`  overlay uncached: ${fmt(uncached)}`);
console.log(`  overlay cached:   ${fmt(cached)}`);
console.log(`  overlay alone:    ${fmt(overlayOnly)}`);
