#!/usr/bin/env node
// Renders the README's pictures from the fixtures with the built command, exactly as a user would
// run it, and rewrites the gallery table in README.md between its two marker comments, so every
// picture sits beside the command that made it. Run with `npm run gallery` (which builds first).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';

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

// Covers and cards: made at full size by the commands, then scaled to KIT_WIDTH for the README
// (each row names the size it was made at).
const KIT_WIDTH = 480;
const KITS = [
  { title: 'The covers from the default look: the campaign colour and the hashtags', args: ['cover'] },
  {
    title: 'The cards on a photo, with a message in Arabic and in English',
    args: ['card', 'fixtures/photos/astronaut.jpg', '--message', 'أوقفوا قصف حلب', '--message', 'Stop the bombing of Aleppo'],
  },
  {
    title: 'English alone on the covers that hold it, over a photo in duotone',
    args: ['cover', 'fixtures/photos/chelsea.jpg', '--mode', 'duotone', '--for', 'facebook,x,youtube', '--message', 'Saturday 12:00 at the town hall: bring something red'],
  },
];
const kitRows = [];
const kitFolder = await mkdtemp(join(tmpdir(), 'redframe-gallery-'));
for (const [i, kit] of KITS.entries()) {
  const folder = join(kitFolder, String(i));
  console.error(await redframe([...kit.args, '-o', folder]));
  const cells = [];
  for (const name of await readdir(folder)) {
    const output = `${OUT}/kit-${i + 1}-${name}`;
    const { width, height } = await sharp(join(folder, name)).metadata();
    await sharp(join(folder, name)).resize(KIT_WIDTH).jpeg({ quality: 80 }).toFile(join(ROOT, output));
    total += (await stat(join(ROOT, output))).size;
    cells.push({ name, html: `<img src="${output}" width="${name === 'story.jpg' ? 120 : name === 'portrait.jpg' ? 170 : 240}" alt="${name}"><br>${name} ${width}x${height}` });
  }
  const order = ['facebook.jpg', 'x.jpg', 'linkedin.jpg', 'youtube.jpg', 'post.jpg', 'portrait.jpg', 'story.jpg'];
  cells.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  kitRows.push(`| ${cells.map((c) => c.html).join(' ')} | ${kit.title}<br><code>${shown([...kit.args, '-o', 'kit/']).replaceAll('|', '&#124;')}</code> |`);
}
await rm(kitFolder, { recursive: true, force: true });
const kitTable = ['| Images (scaled down) | What and the exact command |', '| --- | --- |', ...kitRows].join('\n');

const readmePath = join(ROOT, 'README.md');
let readme = await readFile(readmePath, 'utf8');
/** The README with the text between two marker comments replaced. */
function between(text, start, end, content) {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to < from) throw new Error(`README.md needs the markers ${start} and ${end}`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}
readme = between(readme, '<!-- gallery:start (npm run gallery rewrites this table) -->', '<!-- gallery:end -->', table);
readme = between(readme, '<!-- kit-gallery:start (npm run gallery rewrites this table) -->', '<!-- kit-gallery:end -->', kitTable);
await writeFile(readmePath, readme);
console.error(`Gallery: ${LOOKS.length} looks from ${PHOTOS.length} photos and ${KITS.length} sets of covers and cards, ${Math.round(total / 1024)} KB in ${OUT}/; README.md tables updated.`);
