import { fileURLToPath } from 'node:url';
import { quote, RedframeError } from '../errors.js';
import { readBounded } from '../files/read-bounded.js';

type HarfBuzz = typeof import('harfbuzzjs');

/** The bundled font, found relative to this module so it works from any folder and any install. */
export const BUNDLED_FONT = fileURLToPath(new URL('../../assets/fonts/Vazirmatn-Bold.ttf', import.meta.url));

/** One glyph placed by HarfBuzz, in font units. */
export interface PlacedGlyph {
  glyph: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A path command of a glyph outline (M, L, Q, C, Z), in font units with y up. */
export interface OutlineCommand {
  type: string;
  values: number[];
}

/**
 * A font ready to shape with. HarfBuzz stays behind these few methods, so none of its types
 * reach the package's public declarations.
 */
export interface LoadedFont {
  readonly file: string;
  /** Font units per em: outlines and advances are in these units. */
  readonly upem: number;
  /** Ascender and descender (negative) in font units, for line boxes. */
  readonly ascender: number;
  readonly descender: number;
  hasCharacter(codePoint: number): boolean;
  /**
   * Shapes `length` UTF-16 units of `text` from `start` as one run (HarfBuzz sees the whole text
   * as context, for joining across run edges). Glyphs come back in visual order, left to right.
   */
  shapeRun(text: string, start: number, length: number, direction: 'ltr' | 'rtl', script: string | undefined): PlacedGlyph[];
  outline(glyph: number): OutlineCommand[];
}

let harfbuzz: Promise<HarfBuzz> | undefined;
const fonts = new Map<string, Promise<LoadedFont>>();

/** HarfBuzz (a WebAssembly module) is loaded only when a render has text, keeping start-up fast. */
function loadHarfBuzz(): Promise<HarfBuzz> {
  harfbuzz ??= import('harfbuzzjs');
  return harfbuzz;
}

/**
 * Loads a TrueType/OpenType font once per process.
 *
 * @example const font = await loadFont(); font.hasCharacter(0x62d) // true: ح
 */
export function loadFont(file: string = BUNDLED_FONT): Promise<LoadedFont> {
  let loaded = fonts.get(file);
  if (!loaded) {
    loaded = openFont(file);
    fonts.set(file, loaded);
    loaded.catch(() => fonts.delete(file));
  }
  return loaded;
}

/**
 * The largest font file read. The biggest real fonts (Noto CJK collections) are about 20-30 MB;
 * anything larger is refused before it is read, and HarfBuzz copies the whole file once more.
 */
export const FONT_MAX_BYTES = 64 * 1024 * 1024;

async function openFont(file: string): Promise<LoadedFont> {
  // Bounded, regular files only (a FIFO or /dev/zero given as a font would block or never end),
  // and the signature checked on the first bytes before the rest is read.
  const bytes = new Uint8Array(await readBounded(file, {
    maxBytes: FONT_MAX_BYTES,
    code: 'FONT_UNREADABLE',
    limitName: 'the limit for fonts',
    unreadable: (reason) => `cannot read the font (${reason})`,
    wording: { ENOENT: 'no such file' },
    notRegular: (what) => `is ${what}, not a font file`,
    headBytes: 4,
    checkHead: (head) => {
      if (!looksLikeFont(head)) throw new RedframeError('FONT_UNREADABLE', 'not a TrueType or OpenType font', file);
    },
  }));
  const truncated = truncatedTable(bytes);
  if (truncated) {
    throw new RedframeError('FONT_UNREADABLE', `the font file is cut short (its ${truncated} table ends past the end of the file), download or copy it again`, file);
  }
  const hb = await loadHarfBuzz();
  const face = new hb.Face(new hb.Blob(bytes), 0);
  if (face.upem === 0 || face.collectUnicodes().length === 0) {
    throw new RedframeError('FONT_UNREADABLE', 'the font has no usable characters', file);
  }
  const font = new hb.Font(face);
  const extents = font.hExtents();
  return {
    file,
    upem: face.upem,
    ascender: extents.ascender,
    descender: extents.descender,
    hasCharacter: (codePoint) => font.nominalGlyph(codePoint) !== undefined,
    shapeRun(text, start, length, direction, script) {
      const buffer = new hb.Buffer();
      buffer.addText(text, start, length);
      buffer.guessSegmentProperties();
      buffer.setDirection(direction === 'rtl' ? hb.Direction.RTL : hb.Direction.LTR);
      if (script) buffer.setScript(script);
      hb.shape(font, buffer);
      const positions = buffer.getGlyphPositions();
      return buffer.getGlyphInfos().map((info, i) => ({
        glyph: info.codepoint, // a glyph id after shaping, despite the name
        xAdvance: positions[i]!.xAdvance,
        xOffset: positions[i]!.xOffset,
        yOffset: positions[i]!.yOffset,
      }));
    },
    outline: (glyph) => font.glyphToJson(glyph),
  };
}

/**
 * The first table of the font's directory that ends past the end of the file, if any. HarfBuzz
 * drops such a table silently: a font cut short after its character map still "has" every
 * character but draws most of them blank. Collections (`ttcf`) are checked face by face.
 */
export function truncatedTable(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (offset: number) => (offset + 4 <= bytes.length ? view.getUint32(offset) : undefined);
  const u16 = (offset: number) => (offset + 2 <= bytes.length ? view.getUint16(offset) : undefined);
  const faces: number[] = [];
  if (String.fromCharCode(...bytes.subarray(0, 4)) === 'ttcf') {
    const count = u32(8);
    if (count === undefined) return 'collection header';
    for (let i = 0; i < Math.min(count, 1024); i++) {
      const offset = u32(12 + 4 * i);
      if (offset === undefined) return 'collection header';
      faces.push(offset);
    }
  } else {
    faces.push(0);
  }
  for (const face of faces) {
    const tables = u16(face + 4);
    if (tables === undefined) return 'directory';
    for (let i = 0; i < tables; i++) {
      const record = face + 12 + 16 * i;
      const offset = u32(record + 8);
      const length = u32(record + 12);
      if (offset === undefined || length === undefined) return 'directory';
      if (offset + length > bytes.length) return quote(String.fromCharCode(...bytes.subarray(record, record + 4)).trim());
    }
  }
  return undefined;
}

function looksLikeFont(bytes: Uint8Array): boolean {
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  return tag === '\0\x01\0\0' || tag === 'OTTO' || tag === 'true' || tag === 'ttcf';
}
