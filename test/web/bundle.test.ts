/**
 * The campaign page runs the CLI's own pixel modules. This proves they stay usable there: the
 * page's bundle builds for the browser (where `node:` modules and sharp cannot resolve), and no
 * module in it imports Node or sharp, not even for types.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { compositePixels } from '../../src/portable/composite.js';
import { buildTreatment } from '../../src/portable/treatment.js';
// @ts-expect-error: a plain ES module script without types
import { bundleOptions } from '../../scripts/build-web.mjs';
import { ROOT } from '../helpers.js';

const browserBuild = (contents: string) =>
  build({ ...bundleOptions, minify: false, metafile: true, stdin: { contents, resolveDir: join(ROOT, 'src', 'web'), sourcefile: 'entry.ts', loader: 'ts' } });

describe('the page bundle', () => {
  it('builds for the browser and holds the shared pixel modules, nothing of Node or sharp', async () => {
    const result = await build({ ...bundleOptions, metafile: true, entryPoints: ['src/web/main.ts'] });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs).toContain('src/portable/composite.ts');
    expect(inputs).toContain('src/portable/treatment.ts');
    // The browser side and the code that runs in two places, nothing of the Node side.
    expect(inputs.filter((path) => !/^src\/(web|portable|core)\//.test(path))).toEqual([]);
    expect(inputs.filter((path) => path.includes('node_modules') || path.startsWith('node:'))).toEqual([]);
    for (const path of inputs) {
      const source = await readFile(join(ROOT, path), 'utf8');
      const imports = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      expect(imports.filter((spec) => spec.startsWith('node:') || spec === 'sharp' || !spec.startsWith('.')), path).toEqual([]);
    }
  });

  it('fails to build when a module it bundles imports Node or sharp', async () => {
    await expect(browserBuild(`import '../portable/composite.js'; import { readFile } from 'node:fs'; console.log(readFile);`)).rejects.toThrow(/node:fs/);
    await expect(browserBuild(`import sharp from 'sharp'; console.log(sharp);`)).rejects.toThrow(/Could not resolve/);
  });
});

describe('compositePixels with plain typed arrays', () => {
  it('gives the same bytes for a Uint8Array as for a Node Buffer, and the caller kind back', () => {
    const size = 16;
    const rgb = Uint8Array.from({ length: size * size * 3 }, (_, i) => (i * 7) % 256);
    const rgba = Uint8Array.from({ length: size * size * 4 }, (_, i) => (i % 4 === 3 ? [0, 128, 255][i % 3]! : (i * 13) % 256));
    const mask = Uint8Array.from({ length: size * size }, (_, i) => (i * 5) % 256);
    const treatment = buildTreatment('tint', { r: 209, g: 10, b: 10, alpha: 1 }, 0.8);
    for (const overlay of [{ size, rgba, mask: undefined }, { size, rgba, mask }]) {
      const typed = compositePixels(rgb, treatment, overlay);
      const buffered = compositePixels(Buffer.from(rgb), treatment, { size, rgba: Buffer.from(rgba), mask: overlay.mask && Buffer.from(overlay.mask) }, Buffer.alloc(typed.length));
      expect(Buffer.isBuffer(typed)).toBe(false);
      expect(Buffer.isBuffer(buffered)).toBe(true);
      expect(Buffer.from(typed).equals(buffered)).toBe(true);
    }
  });
});
