#!/usr/bin/env node
// Re-renders the golden images that test/render/golden.test.ts compares against (with a colour
// tolerance, never byte for byte). Run after a deliberate change of the look: `npm run build &&
// node scripts/update-goldens.mjs`, then look at every picture before committing it.
import { writeFile } from 'node:fs/promises';
import { renderAvatar } from '../dist/api/index.js';
import { GOLDENS } from '../test/golden/cases.mjs';

for (const { name, photo, options } of GOLDENS) {
  const png = await renderAvatar(new URL(`../fixtures/photos/${photo}`, import.meta.url).pathname, { ...options, format: 'png' });
  await writeFile(new URL(`../test/golden/${name}.png`, import.meta.url), png);
  console.log(`test/golden/${name}.png`);
}
