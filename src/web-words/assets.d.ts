// What scripts/build-words.mjs inlines with esbuild's `binary` loader: the file's bytes, unmodified.
declare module '*.ttf' {
  const bytes: Uint8Array;
  export default bytes;
}

declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}

// harfbuzzjs's own Emscripten factory. Its `exports` map does not export this file, so the build's
// plugin resolves the name to the file by absolute path (scripts/build-words.mjs); only the two
// options harfbuzz-factory.ts passes are typed.
declare module 'harfbuzzjs/dist/harfbuzz.js' {
  import type { HarfBuzzModule } from 'harfbuzzjs';
  export default function createHarfBuzz(options?: {
    wasmBinary?: Uint8Array;
    locateFile?: (name: string, scriptDirectory: string) => string;
  }): Promise<HarfBuzzModule>;
}
