/**
 * Fonts as the word engine sees them: bytes opened with a HarfBuzz instance the host gives, behind
 * a few methods (`LoadedFont`), and the stack of fonts that text falls back through. Finding and
 * reading font files is the host's: Node reads them within limits (src/text/font.ts), the browser
 * has the bundled pair inlined (src/web-words/fonts.ts) and an organiser's file as picked.
 */
import { invalid, quote, RedframeError } from '../core/errors.js';
import type { HarfBuzz, OutlineCommand } from './harfbuzz.js';

/** One glyph placed by HarfBuzz, in font units. */
export interface PlacedGlyph {
  glyph: number;
  /** UTF-16 index of the first character of the glyph's cluster in the shaped text. */
  cluster: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
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

/**
 * Opens a TrueType or OpenType font from its bytes: face `faceIndex` of a collection (`.ttc`,
 * `.otc`; default the first). `file` names it in messages (with `#N` for a face other than the
 * first) and in `LoadedFont.file`. A file that is not a font, is cut short, has no such face, no
 * characters or no outlines (a bitmap or colour font) is refused with FONT_UNREADABLE.
 *
 * @param hb HarfBuzz's running module, as the host loaded it
 * @example const font = openFont(bytes, 'Vazirmatn-Bold.ttf', await import('harfbuzzjs')); font.hasCharacter(0x62d) // true: ح
 */
export function openFont(bytes: Uint8Array, file: string, hb: HarfBuzz, faceIndex?: number): LoadedFont {
  const path = faceIndex === undefined ? file : file.replace(/#\d+$/, '');
  const kind = fontKind(bytes);
  if (!kind) throw new RedframeError('FONT_UNREADABLE', 'not a TrueType or OpenType font', path);
  const truncated = truncatedTable(bytes);
  if (truncated) {
    throw new RedframeError('FONT_UNREADABLE', `the font file is cut short (its ${truncated} table ends past the end of the file), download or copy it again`, path);
  }
  const faces = kind === 'collection' ? collectionSize(bytes) : 1;
  if (faceIndex !== undefined && faceIndex >= faces) {
    throw invalid('font', `a face number from 0 to ${faces - 1}`, faceIndex, { code: 'FONT_UNREADABLE', file: path, hint: `the collection has ${faces} face${faces === 1 ? '' : 's'}` });
  }
  const face = new hb.Face(new hb.Blob(bytes), faceIndex ?? 0);
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

/**
 * What the signature says the file is: a font, a collection, or neither. `headOnly` when only the
 * first 4 bytes were read (a host checks them before reading the rest).
 *
 * @example fontKind(new Uint8Array([0x74, 0x74, 0x63, 0x66]), { headOnly: true }) // 'collection'
 */
export function fontKind(bytes: Uint8Array, { headOnly = false } = {}): 'font' | 'collection' | undefined {
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
 * The order fonts are tried in for a run of one script. Of the bundled pair, the Latin font
 * comes first for Latin runs and the Arabic font for every other run, so the `#` and `_` of an
 * Arabic hashtag keep Vazirmatn's shapes and a Latin hashtag is all in the Latin font.
 */
export function fontsFor(stack: FontStack | LoadedFont, script: string | undefined): LoadedFont[] {
  if (!('user' in stack)) return [stack];
  const bundled = script === 'Latn' ? [stack.latin, stack.arabic] : [stack.arabic, stack.latin];
  return [...stack.user, ...bundled];
}
