#!/usr/bin/env node
// Renders the README's pictures from the fixtures with the built command, exactly as a user would
// run it, and rewrites the gallery table in README.md between its two marker comments, so every
// picture sits beside the command that made it. Run with `npm run gallery` (which builds first).
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'docs/gallery';
const SIZE = '400';

/** Each look: the photo, what it shows, and the options that make it (size and output are added). */
const LOOKS = [
  { name: 'default', photo: 'astronaut.jpg', title: 'The default (`aleppo` preset): red `tint`, ring, bilingual arc banner', args: [] },
  { name: 'wash', photo: 'chelsea.jpg', title: '`wash`: a translucent red layer', args: ['--mode', 'wash'] },
  { name: 'multiply', photo: 'rocket.jpg', title: '`multiply`: red multiplied into the photo', args: ['--mode', 'multiply'] },
  { name: 'duotone', photo: 'coffee.jpg', title: '`duotone`: dark red to light pink', args: ['--mode', 'duotone'] },
  { name: 'solid', photo: 'astronaut.jpg', title: '`solid`, the 2016 style: a flat red square with the hashtags', args: ['--preset', 'solid'] },
  { name: 'strip', photo: 'chelsea.jpg', title: 'A straight `strip` banner instead of the arc', args: ['--banner', 'strip'] },
  { name: 'circle', photo: 'rocket.jpg', title: '`circle` output: transparent corners (PNG)', args: ['--shape', 'circle'], ext: '.png' },
  { name: 'border', photo: 'astronaut.jpg', title: 'A square `border`, and `--strength 0.6` lets 40% of the original colour through', args: ['--frame', 'border', '--strength', '0.6'] },
  {
    name: 'persian', photo: 'chelsea.jpg', title: 'Persian, right to left, another colour: #زن_زندگی_آزادی (Woman, Life, Freedom)',
    args: ['--mode', 'duotone', '--color', '#239f40', '--text', '#زن_زندگی_آزادی', '--text', '#WomanLifeFreedom'],
  },
  { name: 'plain', photo: 'coffee.jpg', title: 'The `plain` preset: red tint only', args: ['--preset', 'plain'] },
];

const PHOTOS = [...new Set(LOOKS.map((look) => look.photo))];
const beforeName = (photo) => `${OUT}/before-${photo.replace(/\.[^.]+$/, '')}.jpg`;

async function redframe(args) {
  const { stderr } = await run(process.execPath, ['bin/redframe.js', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  return stderr.trim();
}

/** The command as it is shown in the README: `redframe` for `node bin/redframe.js`. */
const shown = (args) => ['redframe', ...args.map((a) => (/^[\w./#-]+$/u.test(a) && !a.startsWith('#') ? a : `"${a}"`))].join(' ');

await rm(join(ROOT, OUT), { recursive: true, force: true });
await mkdir(join(ROOT, OUT), { recursive: true });

// "Before": the same square crop as the renders, with no treatment, frame or banner.
const beforeArgs = (photo) => [`fixtures/photos/${photo}`, '--preset', 'plain', '--strength', '0', '--size', SIZE, '-o', beforeName(photo)];
for (const photo of PHOTOS) console.error(await redframe(beforeArgs(photo)));

const rows = [];
let total = 0;
for (const look of LOOKS) {
  const output = `${OUT}/${look.name}${look.ext ?? '.jpg'}`;
  const args = [`fixtures/photos/${look.photo}`, ...look.args, '--size', SIZE, '-o', output];
  console.error(await redframe(args));
  total += (await stat(join(ROOT, output))).size;
  rows.push(`| <img src="${beforeName(look.photo)}" width="200" alt="${look.photo} before"> | <img src="${output}" width="200" alt="${look.name}"> | ${look.title}<br><code>${shown(args).replaceAll('|', '&#124;')}</code> |`);
}
for (const photo of PHOTOS) total += (await stat(join(ROOT, beforeName(photo)))).size;

const table = [
  '| Before | After | Look and the exact command |',
  '| --- | --- | --- |',
  ...rows,
].join('\n');

const readmePath = join(ROOT, 'README.md');
const readme = await readFile(readmePath, 'utf8');
const start = '<!-- gallery:start (npm run gallery rewrites this table) -->';
const end = '<!-- gallery:end -->';
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from === -1 || to < from) throw new Error(`README.md needs the markers ${start} and ${end}`);
await writeFile(readmePath, `${readme.slice(0, from + start.length)}\n${table}\n${readme.slice(to)}`);
console.error(`Gallery: ${LOOKS.length} looks from ${PHOTOS.length} photos, ${Math.round(total / 1024)} KB in ${OUT}/; README.md table updated.`);
