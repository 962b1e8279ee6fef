/**
 * scripts/build-words.mjs: dist/web/words.js holds harfbuzzjs started from inlined bytes, the two
 * fonts unmodified, and nothing of Node; a harfbuzzjs that is not laid out as the plugin expects
 * fails the build with the reason. The bundle running in browsers: chromium/firefox/webkit.browser.test.ts.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { buildWords, harfbuzzFromBytes, strayInputs, wordsOptions } from '../../scripts/build-words.mjs';
import { tempDir } from '../helpers.js';

type Part = { name: string; raw: number; gzip: number };

describe('the words bundle', () => {
  it('is one ES module of the host, harfbuzzjs, the wasm and the two fonts, with its size by part', async () => {
    const { js, inputs, parts } = (await buildWords({ write: false })) as { js: string; inputs: string[]; parts: Part[] };
    expect(strayInputs(inputs)).toEqual([]);
    expect(inputs).toContain('src/web-words/harfbuzz-factory.ts');
    expect(inputs).toContain('node_modules/harfbuzzjs/dist/harfbuzz.wasm');
    expect(inputs.filter((path) => path.startsWith('node:'))).toEqual([]);
    // The engine writes colours (core/rgba.ts) but parses none: the CSS colour parser stays out (24 KB).
    expect(inputs.filter((path) => path.includes('@img/colour') || path === 'src/core/colour.ts')).toEqual([]);
    expect(js).toMatch(/export\s*\{[^}]*\}\s*;?\s*$/);
    expect(parts.map((part) => part.name)).toEqual(['harfbuzz.wasm', 'IBMPlexSans-Bold.ttf', 'Vazirmatn-Bold.ttf', 'JS', 'total']);
    const total = parts.at(-1)!;
    expect(parts.slice(0, -1).reduce((sum, part) => sum + part.raw, 0)).toBe(total.raw);
  });

  it('tells a package that is not on its list, as when the host takes one in', async () => {
    const result = await build({ ...wordsOptions, entryPoints: undefined, stdin: { contents: `export * from './src/web-words/main.ts'; export { default as pm } from 'picomatch';`, resolveDir: wordsOptions.absWorkingDir } });
    expect(strayInputs(Object.keys(result.metafile!.inputs))).toEqual(expect.arrayContaining([expect.stringMatching(/^node_modules\/picomatch\//)]));
  });

  it('fails with the reason when harfbuzzjs no longer loads its factory as expected', async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('harfbuzzjs'));
    const index = await readFile(join(dist, 'index.mjs'), 'utf8');
    /** A copy of harfbuzzjs's dist/ whose index.mjs is `index` changed by `change`, built with the plugin. */
    const buildChanged = async (change: (source: string) => string) => {
      const copy = await tempDir('redframe-harfbuzzjs-');
      await Promise.all(['harfbuzz.js', 'harfbuzz.wasm'].map((name) => copyFile(join(dist, name), join(copy, name))));
      await copyFile(join(dist, 'harfbuzz.js'), join(copy, 'harfbuzz-renamed.js'));
      await writeFile(join(copy, 'index.mjs'), change(index));
      return build({ ...wordsOptions, entryPoints: [join(copy, 'index.mjs')], plugins: [harfbuzzFromBytes(copy)] });
    };
    const renamed = (source: string) => source.replace('from "./harfbuzz.js"', 'from "./harfbuzz-renamed.js"');
    await expect(buildChanged(renamed)).rejects.toThrow(/Expected harfbuzzjs's index\.mjs to contain 'import createHarfBuzz from "\.\/harfbuzz\.js"'/);
    // The text still there (in a comment) but the import gone: caught at the end, by the redirect that never happened.
    await expect(buildChanged((source) => `// import createHarfBuzz from "./harfbuzz.js"\n${renamed(source)}`)).rejects.toThrow(/Expected harfbuzzjs's index\.mjs to import \.\/harfbuzz\.js/);
  });
});
