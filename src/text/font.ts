import { fileURLToPath } from 'node:url';
import { invalid, quote, RedframeError } from '../core/errors.js';
import { readBounded } from '../files/read-bounded.js';

type HarfBuzz = typeof import('harfbuzzjs');

const asset = (name: string) => fileURLToPath(new URL(`../../assets/fonts/${name}`, import.meta.url));

/**
 * The bundled Arabic-script font (Arabic, Persian, Urdu, and the last fallback for everything),
 * found relative to this module so it works from any folder and any install.
 */
export const BUNDLED_FONT = asset('Vazirmatn-Bold.ttf');

/**
 * The bundled Latin font: its capital I has serifs, so "#AleppoIsBurning" never reads as
 * "#AleppolsBurning" (Vazirmatn's Latin I and l are the same stroke).
 */
const BUNDLED_LATIN_FONT = asset('IBMPlexSans-Bold.ttf');

/** One glyph placed by HarfBuzz, in font units. */
export interface PlacedGlyph {
  glyph: number;
  /** UTF-16 index of the first character of the glyph's cluster in the shaped text. */
  cluster: number;
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
  /** The file as given, with `#N` for a face of a collection other than the first. */
  readonly file: string;
  /** Font units per em: outlines and advances are in these units. */
  readonly upem: number;
  /** Ascender and descender (negative) in font units, for line boxes. */
  readonly ascender: number;
  readonly descender: number;
  /** Height of capital letters in font units (from the font's metrics, else its "H"). */
  readonly capHeight: number;
  hasCharacter(codePoint: number): boolean;
  /**
   * Shapes `length` UTF-16 units of `text` from `start` as one run (HarfBuzz sees the whole text
   * as context, for joining across run edges). Glyphs come back in visual order, left to right;
   * glyph 0 is what the font cannot draw.
   */
  shapeRun(
    text: string, start: number, length: number, direction: 'ltr' | 'rtl', script: string | undefined, language?: string,
  ): PlacedGlyph[];
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
 * Loads a TrueType/OpenType font once per process. A collection (`.ttc`, `.otc`) gives its first
 * face, or face N with `file.ttc#N` (counted from 0).
 *
 * @example const font = await loadFont(); font.hasCharacter(0x62d) // true: ح
 * @example const second = await loadFont('/usr/share/fonts/NotoSansCJK-Bold.ttc#1');
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

/** `file.ttc#2` names face 2 of a collection; any other `#` is part of the file name. */
function splitFaceIndex(file: string): { path: string; index: number | undefined } {
  const match = /^(.*\.(?:ttc|otc))#(\d+)$/i.exec(file);
  return match ? { path: match[1]!, index: Number(match[2]) } : { path: file, index: undefined };
}

/**
 * The largest font file read. The biggest real fonts (Noto CJK collections) are about 20-30 MB;
 * anything larger is refused before it is read, and HarfBuzz copies the whole file once more.
 */
const FONT_MAX_BYTES = 64 * 1024 * 1024;

async function openFont(file: string): Promise<LoadedFont> {
  const { path, index } = splitFaceIndex(file);
  // Bounded, regular files only (a FIFO or /dev/zero given as a font would block or never end),
  // and the signature checked on the first bytes before the rest is read.
  const bytes = new Uint8Array(await readBounded(path, {
    maxBytes: FONT_MAX_BYTES,
    code: 'FONT_UNREADABLE',
    limitName: 'the limit for fonts',
    unreadable: (reason) => `cannot read the font (${reason})`,
    wording: { ENOENT: 'no such file' },
    notRegular: (what) => `is ${what}, not a font file`,
    headBytes: 4,
    checkHead: (head) => {
      if (!fontKind(head, { headOnly: true })) throw new RedframeError('FONT_UNREADABLE', 'not a TrueType or OpenType font', path);
    },
  }));
  const kind = fontKind(bytes);
  if (!kind) throw new RedframeError('FONT_UNREADABLE', 'not a TrueType or OpenType font', path);
  const truncated = truncatedTable(bytes);
  if (truncated) {
    throw new RedframeError('FONT_UNREADABLE', `the font file is cut short (its ${truncated} table ends past the end of the file), download or copy it again`, path);
  }
  const faces = kind === 'collection' ? collectionSize(bytes) : 1;
  if (index !== undefined && index >= faces) {
    throw invalid('font', `a face number from 0 to ${faces - 1}`, index, { code: 'FONT_UNREADABLE', file: path, hint: `the collection has ${faces} face${faces === 1 ? '' : 's'}` });
  }
  const hb = await loadHarfBuzz();
  const face = new hb.Face(new hb.Blob(bytes), index ?? 0);
  if (face.upem === 0 || face.collectUnicodes().length === 0) {
    throw new RedframeError('FONT_UNREADABLE', 'the font has no usable characters', file);
  }
  // Colour-bitmap fonts (most emoji fonts) have pictures but no outlines to bend along the arc.
  if (!['glyf', 'CFF ', 'CFF2'].some((table) => (face.referenceTable(table)?.length ?? 0) > 0)) {
    throw new RedframeError('FONT_UNREADABLE', 'the font has no glyph outlines (a bitmap or colour font)', file);
  }
  const font = new hb.Font(face);
  const extents = font.hExtents();
  const capGlyph = font.nominalGlyph(0x48); // H
  const capHeight =
    font.getMetricPosition(hb.MetricsTag.CAP_HEIGHT) ||
    (capGlyph === undefined ? undefined : font.glyphExtents(capGlyph)?.yBearing) ||
    Math.round(face.upem * 0.7);
  return {
    file,
    upem: face.upem,
    ascender: extents.ascender,
    descender: extents.descender,
    capHeight,
    hasCharacter: (codePoint) => font.nominalGlyph(codePoint) !== undefined,
    shapeRun(text, start, length, direction, script, language) {
      const buffer = new hb.Buffer();
      buffer.addText(text, start, length);
      buffer.guessSegmentProperties();
      buffer.setDirection(direction === 'rtl' ? hb.Direction.RTL : hb.Direction.LTR);
      if (script) buffer.setScript(script);
      if (language) buffer.setLanguage(language);
      hb.shape(font, buffer);
      const positions = buffer.getGlyphPositions();
      return buffer.getGlyphInfos().map((info, i) => ({
        glyph: info.codepoint, // a glyph id after shaping, despite the name
        cluster: info.cluster,
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
function truncatedTable(bytes: Uint8Array): string | undefined {
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

/** What the signature says the file is; `headOnly` when only the first 4 bytes were read. */
function fontKind(bytes: Uint8Array, { headOnly = false } = {}): 'font' | 'collection' | undefined {
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  if (tag === 'ttcf') return headOnly || bytes.length >= 16 ? 'collection' : undefined;
  return tag === '\0\x01\0\0' || tag === 'OTTO' || tag === 'true' ? 'font' : undefined;
}

/** Number of faces in a TrueType collection (big-endian count after the tag and version). */
function collectionSize(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8);
}

/**
 * The fonts text is drawn with: the user's fonts in the order given, then the bundled ones.
 * Every character is drawn by the first font in the list that can draw it.
 */
export interface FontStack {
  readonly user: readonly LoadedFont[];
  readonly latin: LoadedFont;
  readonly arabic: LoadedFont;
}

/**
 * The files a stack of these fonts reads: the bundled pair and the caller's (a collection's `#N`
 * left off), for a cache key that must change when any of them does.
 *
 * @example fontStackFiles(['Campaign.ttc#1']) // [.../IBMPlexSans-Bold.ttf, .../Vazirmatn-Bold.ttf, 'Campaign.ttc']
 */
export function fontStackFiles(files: readonly string[] = []): string[] {
  return [BUNDLED_LATIN_FONT, BUNDLED_FONT, ...files.map((f) => splitFaceIndex(f).path)];
}

/**
 * Loads the user's fonts and the bundled ones. The bundled fonts are always the last fallback,
 * so `#`, `_`, digits and Latin come from them when a chosen font lacks them.
 *
 * @example const stack = await loadFontStack(['NotoSansHebrew-Bold.ttf']);
 */
export async function loadFontStack(files: readonly string[] = []): Promise<FontStack> {
  const [latin, arabic, ...user] = await Promise.all([loadFont(BUNDLED_LATIN_FONT), loadFont(BUNDLED_FONT), ...files.map((f) => loadFont(f))]);
  return { user, latin: latin!, arabic: arabic! };
}

/**
 * The order fonts are tried in for a run of one script. Of the bundled pair, the Latin font
 * comes first for Latin runs and the Arabic font for every other run, so the `#` and `_` of an
 * Arabic hashtag keep Vazirmatn's shapes and a Latin hashtag is all in the Latin font.
 */
export function fontsFor(stack: FontStack | LoadedFont, script: string | undefined): LoadedFont[] {
  if (!('user' in stack)) return [stack];
  const bundled = script === 'Latn' ? [stack.latin, stack.arabic] : [stack.arabic, stack.latin];
  return [...stack.user, ...bundled];
}
