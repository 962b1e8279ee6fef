/**
 * The word engine's contract is its SVG: the golden matrix (scripts/make-words-golden.mjs, 90-odd
 * looks of banners, frames, covers and cards, and the looks that are refused) must come out byte
 * for byte as fixtures/words/ holds it. A deliberate change of the look rewrites the fixtures
 * (`node scripts/make-words-golden.mjs` after `npm run build`), and the diff shows which looks moved.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

it('makes every SVG and every refusal of the golden matrix byte for byte as fixtures/words/ holds them', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'make-words-golden.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^words golden: \d+ cases, byte for byte the same \(\d+ SVGs, \d+ refusals\)\n$/);
});
