#!/usr/bin/env node
// Bundles the command (src/cli/main.ts and everything it imports, commander and the other small
// packages included) into dist/cli/main.js, over the file tsc wrote there, with the image engine's
// modules in chunks beside it that load only on `await import()`. Run by `npm run build` after tsc.
//
// Why: Node loads an ES module graph file by file (resolve, read, compile). The command's start-up
// path was about 35 files (commander's 7, the option table, presets, ...) and a render's another
// 40. Measured with GNU time, CPU (user + sys), median of 9 alternating runs on 2 cores:
// `redframe --version` 140 -> 90 ms and a usage error 140 -> 80 ms (bare `node -e 0`: 50 ms); one
// 12 MP photo 430 -> 410 ms. The package ships only this bundle of dist/cli/ (see "files").
//
// Left outside, loaded from node_modules as before: sharp (a native addon), harfbuzzjs and
// libheif-js (WebAssembly files found beside their modules), linebreak (its data is its size),
// and @img/colour, required as sharp's own copy (see sharedColour). The library entries (dist/api/) stay
// tsc's module-per-file output: only the command is bundled. Every path the code finds from
// `import.meta.url` (package.json, assets/fonts/, dist/render/heic-worker.js, dist/web/) is two
// folders below the package root in src/cli/ and in dist/cli/ alike, so it resolves the same.
import { readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'dist/cli';

/**
 * `@img/colour` (the CSS colour parser) is taken from node_modules with require(), not bundled:
 * sharp loads the same file, and a bundled copy was a second one to compile and set up in every
 * run that renders. One photo: 13 ms less CPU (median of 25 alternating pairs, quartiles 6 and
 * 17, load 7-8); `--version` unchanged (+0.5 ms, quartiles -1.5 and +3). require() and not import
 * (made external, the import cost `--version` 33 ms more CPU: Node then reads a CommonJS package
 * through its export-name scanner).
 */
const sharedColour = {
  name: 'shared-colour',
  setup(build) {
    // The import becomes a small module whose require() of the package stays in the bundle as is.
    build.onResolve({ filter: /^@img\/colour$/ }, ({ namespace }) => (namespace === 'shared-colour' ? { path: '@img/colour', external: true } : { path: '@img/colour', namespace: 'shared-colour' }));
    build.onLoad({ filter: /.*/, namespace: 'shared-colour' }, () => ({ contents: "module.exports = require('@img/colour');", loader: 'js' }));
  },
};

export async function buildCli() {
  // Chunk names change with their content: the last build's are removed first.
  for (const name of await readdir(`${root}${OUT}`).catch(() => [])) {
    if (/^chunk-[A-Z0-9]+\.js$/.test(name)) await rm(`${root}${OUT}/${name}`);
  }
  return build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: OUT,
    bundle: true,
    // Each `await import()` of the engine becomes a chunk loaded when it is reached, so --help,
    // --version and usage errors still load no sharp (test/cli/start-up.test.ts).
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20.9',
    // linebreak too: its Unicode tables are most of its size, and the library (dist/words/) loads
    // the same package from node_modules; bundled, the package would carry them twice.
    external: ['sharp', 'harfbuzzjs', 'libheif-js', 'linebreak'],
    // Smaller files parse faster and keep the package small; names are kept so that --debug stack
    // traces still read.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    // The bundled CommonJS packages (commander, cli-progress) call require() for Node's modules.
    banner: { js: "import { createRequire as __redframeRequire } from 'node:module'; const require = __redframeRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
    plugins: [sharedColour],
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { metafile } = await buildCli();
  const outputs = Object.entries(metafile.outputs);
  const kb = outputs.reduce((sum, [, o]) => sum + o.bytes, 0) / 1024;
  console.log(`${OUT}/main.js and ${outputs.length - 1} chunks, ${kb.toFixed(0)} KB from ${Object.keys(metafile.inputs).length} modules`);
}
