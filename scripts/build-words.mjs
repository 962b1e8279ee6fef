#!/usr/bin/env node
// Bundles the word engine's browser host (src/web-words/) into dist/web/words.js: one ES module
// holding HarfBuzz's WebAssembly and the two bundled fonts as bytes, so the studio that inlines it
// needs no file beside it and fetches nothing. An ES module because harfbuzzjs starts with a
// top-level await, which an IIFE cannot hold. Run by `npm run build` after build-web.mjs; prints
// the bundle's size by part.
//
// Like build-web.mjs, `platform: 'browser'` leaves `node:` modules and sharp unresolvable, and the
// inputs are checked against a list of packages besides (a browser build of a Node package can
// still pull in polyfills or data nobody meant to ship).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'dist/web/words.js';

/** Packages the bundle may hold: HarfBuzz, the engine's reading order and line breaks (linebreak's own dependencies with it), colours. */
const PACKAGES = ['harfbuzzjs', 'bidi-js', 'linebreak', 'base64-js', 'unicode-trie', 'pako', 'tiny-inflate', '@img/colour'];
/** Our own files it may hold: the host, the engine, the code that runs in two places, and the fonts. */
const OWN = /^(src\/(web-words|words|portable|core)\/|assets\/fonts\/)/;
/** The stand-in for the factory's Node-only `import("module")` (see harfbuzzFromBytes). */
const NODE_BRANCH = 'harfbuzz-node-branch:module';
const HARFBUZZ_DIST = dirname(createRequire(import.meta.url).resolve('harfbuzzjs'));

/**
 * harfbuzzjs without a fetch, and without editing the package. Its dist/index.mjs does
 * `import createHarfBuzz from "./harfbuzz.js"` then `init(await createHarfBuzz())`, and that
 * Emscripten factory finds harfbuzz.wasm from `import.meta.url`. This plugin points that one import
 * at src/web-words/harfbuzz-factory.ts, which calls the package's own factory (resolved here by
 * path: the package's `exports` map does not export it) with the wasm's bytes.
 *
 * It relies on the text of a pinned version (package.json: 1.6.4), so it first checks that the
 * files still say what it relies on, and at the end that the import was redirected: a new version
 * that moved things fails the build with the reason instead of fetching a file in the studio.
 */
export function harfbuzzFromBytes(dist = HARFBUZZ_DIST) {
  const index = join(dist, 'index.mjs');
  const factory = join(dist, 'harfbuzz.js');
  const shim = join(root, 'src/web-words/harfbuzz-factory.ts');
  const relied = [
    [index, 'import createHarfBuzz from "./harfbuzz.js"'],
    [index, 'init(await createHarfBuzz())'],
    [factory, 'Module["wasmBinary"]'],
    [factory, 'Module["locateFile"]'],
    [factory, 'export default createHarfBuzz'],
  ];
  return {
    name: 'harfbuzz-from-bytes',
    setup(build) {
      let redirected = false;
      build.onStart(async () => {
        redirected = false;
        const errors = [];
        for (const [file, text] of relied) {
          const source = await readFile(file, 'utf8').catch(() => '');
          if (!source.includes(text)) errors.push({ text: `Expected harfbuzzjs's ${file.slice(dist.length + 1)} to contain '${text}' but it does not: this version is not the one scripts/build-words.mjs was written for` });
        }
        return { errors };
      });
      build.onResolve({ filter: /^\.\/harfbuzz\.js$/ }, ({ importer }) => {
        if (importer !== index) return undefined;
        redirected = true;
        return { path: shim };
      });
      build.onResolve({ filter: /^harfbuzzjs\/dist\/harfbuzz\.js$/ }, () => ({ path: factory }));
      // The factory's Node branch awaits `import("module")`; it never runs in a browser, and a
      // stand-in keeps Node's module out of the bundle. Run in Node, it says why it cannot work.
      build.onResolve({ filter: /^module$/ }, ({ importer }) => (importer === factory ? { path: 'module', namespace: 'harfbuzz-node-branch' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'harfbuzz-node-branch' }, () => ({
        contents: 'export function createRequire() { throw new Error("dist/web/words.js is for browsers, not Node"); }',
        loader: 'js',
      }));
      build.onEnd(() => (redirected ? undefined : { errors: [{ text: `Expected harfbuzzjs's index.mjs to import ./harfbuzz.js, redirected to ${shim}, but it did not` }] }));
    },
  };
}

/** The options of the words bundle (a test may build with the same ones). */
export const wordsOptions = {
  absWorkingDir: root,
  entryPoints: ['src/web-words/main.ts'],
  outfile: OUT,
  bundle: true,
  platform: 'browser',
  format: 'esm',
  // Browsers with top-level await in modules: Chrome 89, Firefox 89, Safari 15.
  target: ['chrome89', 'firefox89', 'safari15'],
  // Inlined as the files' bytes (base64 in the script), unmodified.
  loader: { '.wasm': 'binary', '.ttf': 'binary' },
  plugins: [harfbuzzFromBytes()],
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  metafile: true,
  write: false,
  logLevel: 'silent',
};

/**
 * The inputs (esbuild's metafile paths) the words bundle may not hold: any package not in the
 * list (the innermost one, for a nested copy) and any of our files outside the host, the engine and
 * the code that runs in two places.
 *
 * @example strayInputs(['src/words/shaping.ts', 'node_modules/picomatch/index.js']) // ['node_modules/picomatch/index.js']
 */
export function strayInputs(inputs) {
  return inputs.filter((path) => {
    if (path === NODE_BRANCH) return false;
    const name = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
    return name ? !PACKAGES.includes(name) : !OWN.test(path);
  });
}

/**
 * Builds dist/web/words.js and returns its text, its inputs and its size by part: the wasm and
 * each font (their base64 text in the script, found there as proof they are inlined unmodified)
 * and the JS, which is the rest. Tests pass `write: false`: a test that rewrote the file could
 * cut it short under another test reading it.
 *
 * @example const { js, parts } = await buildWords(); // parts: [{ name: 'harfbuzz.wasm', raw, gzip }, ...]
 */
export async function buildWords({ write = true } = {}) {
  const result = await build(wordsOptions);
  const js = result.outputFiles[0].text;
  const inputs = Object.keys(result.metafile.inputs);
  const strays = strayInputs(inputs);
  if (strays.length) throw new Error(`Expected only ${PACKAGES.join(', ')} and src/web-words, src/words, src/portable, src/core in ${OUT} but it took in ${strays.join(', ')}`);
  const externals = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
  if (externals.length) throw new Error(`Expected ${OUT} to import nothing but it imports ${externals.join(', ')}`);
  // The studio will inline it in <script type="module">: these would end or confuse that element.
  for (const bad of ['</script', '<!--']) {
    if (js.toLowerCase().includes(bad)) throw new Error(`Expected no "${bad}" in ${OUT} but found one`);
  }

  const files = [
    ['harfbuzz.wasm', join(HARFBUZZ_DIST, 'harfbuzz.wasm')],
    ['IBMPlexSans-Bold.ttf', join(root, 'assets/fonts/IBMPlexSans-Bold.ttf')],
    ['Vazirmatn-Bold.ttf', join(root, 'assets/fonts/Vazirmatn-Bold.ttf')],
  ];
  let rest = js;
  const parts = [];
  for (const [name, file] of files) {
    const base64 = (await readFile(file)).toString('base64');
    if (!rest.includes(base64)) throw new Error(`Expected ${name} inlined unmodified in ${OUT} but its bytes are not there`);
    rest = rest.replace(base64, '');
    parts.push({ name, raw: base64.length, gzip: gzipSync(base64).length });
  }
  parts.push({ name: 'JS', raw: Buffer.byteLength(rest), gzip: gzipSync(rest).length });
  parts.push({ name: 'total', raw: Buffer.byteLength(js), gzip: gzipSync(js).length });

  if (write) {
    await mkdir(join(root, 'dist/web'), { recursive: true });
    await writeFile(join(root, OUT), js);
  }
  return { js, inputs, parts };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { inputs, parts } = await buildWords();
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`.padStart(10);
  console.log(`${OUT} from ${inputs.length} modules (raw, gzipped; the wasm and fonts as base64):`);
  for (const { name, raw, gzip } of parts) console.log(`  ${name.padEnd(22)}${kb(raw)}${kb(gzip)}`);
}
