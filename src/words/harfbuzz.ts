/**
 * The part of HarfBuzz (as the `harfbuzzjs` package exposes it) that the word engine uses, written
 * out: the host hands in the package's module (Node: `import('harfbuzzjs')`; the browser: the
 * module's factory given the wasm's bytes), and the package's own declarations, which need
 * Emscripten's types, stay out of redframe's. test/words/harfbuzz.test.ts proves that the real
 * module fits this shape; a new version of the package that does not fails the type check there.
 */

/** A glyph outline's path command (M, L, Q, C, Z), in font units with y up. */
export interface OutlineCommand {
  type: string;
  values: number[];
}

/** The font's bytes inside the module's memory: only handed on to a face. */
interface HarfBuzzBlob {
  readonly ptr: number;
}

interface HarfBuzzFace {
  readonly upem: number;
  referenceTable(table: string): Uint8Array | undefined;
  collectUnicodes(): { readonly length: number };
}

interface HarfBuzzFont {
  hExtents(): { ascender: number; descender: number };
  nominalGlyph(codePoint: number): number | undefined;
  getMetricPosition(tag: number): number | undefined;
  glyphExtents(glyph: number): { yBearing: number } | undefined;
  glyphToJson(glyph: number): OutlineCommand[];
}

interface HarfBuzzBuffer {
  addText(text: string, start?: number, length?: number): void;
  guessSegmentProperties(): void;
  setDirection(direction: number): void;
  setScript(script: string): void;
  setLanguage(language: string): void;
  /** `codepoint` is a glyph id once shaped. */
  getGlyphInfos(): { codepoint: number; cluster: number }[];
  getGlyphPositions(): { xAdvance: number; xOffset: number; yOffset: number }[];
}

/** HarfBuzz's running module: its classes, two of its constants and `shape`. */
export interface HarfBuzz {
  Blob: new (data: Uint8Array) => HarfBuzzBlob;
  // The module's own objects go back into it as they came (a face from a blob, a font from a
  // face): typed as its own classes there, which this shape does not spell out.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Face: new (blob: any, index?: number) => HarfBuzzFace;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Font: new (face: any) => HarfBuzzFont;
  Buffer: new () => HarfBuzzBuffer;
  Direction: { readonly LTR: number; readonly RTL: number };
  MetricsTag: { readonly CAP_HEIGHT: number };
  shape(font: HarfBuzzFont, buffer: HarfBuzzBuffer): void;
}
