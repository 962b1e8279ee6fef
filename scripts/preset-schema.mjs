#!/usr/bin/env node
// Writes preset.schema.json from the option table (src/options/). Run with `npm run schema`,
// which builds first; test/options/schema.test.ts fails when the file in the repository differs.
import { writeFile } from 'node:fs/promises';
import { presetSchema } from '../dist/preset/schema.js';

const file = new URL('../preset.schema.json', import.meta.url);
await writeFile(file, `${JSON.stringify(presetSchema(), null, 2)}\n`);
console.log('wrote preset.schema.json');
