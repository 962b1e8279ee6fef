import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RedframeError } from '../errors.js';
import { describeFileError } from '../files/errno.js';

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

async function openFont(file: string): Promise<LoadedFont> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    const reason = describeFileError(error, 'read', { ENOENT: 'no such file' });
    throw new RedframeError('FONT_UNREADABLE', `cannot read the font (${reason})`, file);
  }
  if (!looksLikeFont(bytes)) {
    throw new RedframeError('FONT_UNREADABLE', 'not a TrueType or OpenType font', file);
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

function looksLikeFont(bytes: Uint8Array): boolean {
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  return tag === '\0\x01\0\0' || tag === 'OTTO' || tag === 'true' || tag === 'ttcf';
}
