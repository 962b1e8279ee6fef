#!/usr/bin/env node
// Bundles the campaign page's browser side (src/web/) into dist/web/page.js (a minified IIFE) and
// dist/web/page.css, which ship in the package: `redframe page` inlines them, with no build and no
// network on the user's machine. Run by `npm run build` after tsc.
//
// `platform: 'browser'` is the guard that keeps the shared pixel modules pure: a `node:` import
// or sharp anywhere in the graph fails to resolve here, and the build stops.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The options of the page's bundle; test/web/bundle.test.ts builds with the same ones. */
export const bundleOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  // Browsers with DecompressionStream (which the page needs): Chrome 80, Firefox 113, Safari 16.4.
  target: ['chrome80', 'firefox113', 'safari16.4'],
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  write: false,
  logLevel: 'silent',
};

export async function buildWeb() {
  const script = await build({ ...bundleOptions, entryPoints: ['src/web/main.ts'], outfile: 'dist/web/page.js', metafile: true });
  const style = await build({ ...bundleOptions, entryPoints: ['src/web/page.css'], outfile: 'dist/web/page.css' });
  const js = script.outputFiles[0].text;
  // The shell inlines the script in <script>: these would end or confuse that element.
  for (const bad of ['</script', '<!--']) {
    if (js.toLowerCase().includes(bad)) throw new Error(`Expected no "${bad}" in dist/web/page.js but found one`);
  }
  await mkdir(new URL('../dist/web/', import.meta.url), { recursive: true });
  await writeFile(new URL('../dist/web/page.js', import.meta.url), js);
  await writeFile(new URL('../dist/web/page.css', import.meta.url), style.outputFiles[0].text);
  return { js, css: style.outputFiles[0].text, inputs: Object.keys(script.metafile.inputs) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { js, css, inputs } = await buildWeb();
  console.log(`dist/web/page.js ${(js.length / 1024).toFixed(1)} KB from ${inputs.length} modules, dist/web/page.css ${(css.length / 1024).toFixed(1)} KB`);
}
