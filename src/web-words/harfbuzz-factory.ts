/**
 * What harfbuzzjs's index.mjs gets when it imports `./harfbuzz.js` in the browser bundle: the
 * build's plugin (scripts/build-words.mjs) points that import here. It is the package's own
 * factory, handed the WebAssembly as bytes inlined in the bundle, so nothing is fetched and
 * nothing is looked up beside the script: the studio is one HTML file, opened from disk.
 */
import realFactory from 'harfbuzzjs/dist/harfbuzz.js';
import WASM_BYTES from 'harfbuzzjs/dist/harfbuzz.wasm';

// `locateFile` is not for finding anything: without it the factory computes
// `new URL('harfbuzz.wasm', import.meta.url)`, which throws where the script's URL is not a base
// (an inline module on an about:blank or data: document). With `wasmBinary` set, the name it
// returns is only compared, never read.
export default () => realFactory({ wasmBinary: WASM_BYTES, locateFile: (name) => name });
