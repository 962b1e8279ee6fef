// The contact sheet of a large batch: time and peak memory (RSS) of makeContactSheet for N
// outputs (default 10,000), each tile read from an 800x800 JPEG avatar as a batch writes them.
//
//   npm run build && node test/bench/contact-sheet.mjs [--count 10000]
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { makeContactSheet } from '../../dist/api/index.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' } } });
const count = Number(values.count);
sharp.cache(false); // as the command sets it
const dir = await mkdtemp(join(tmpdir(), 'redframe-sheet-'));
try {
  const avatar = join(dir, 'avatar.jpg');
  await sharp(new URL('../../fixtures/photos/rocket.jpg', import.meta.url).pathname).resize(800, 800).jpeg().toFile(avatar);
  const entries = Array.from({ length: count }, (_, i) => ({ file: avatar, label: `team/member-${String(i).padStart(5, '0')}.jpg` }));
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const pages = await makeContactSheet(entries, join(dir, 'sheet.jpg'), { overwrite: false });
  const seconds = (performance.now() - started) / 1000;
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({
    outputs: count, pages: pages.length, seconds: Number(seconds.toFixed(1)),
    rssBeforeMB: Math.round(before / 2 ** 20), peakRssMB: Math.round(peak), loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
