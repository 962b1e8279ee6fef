/**
 * Node's side of fonts: the bundled pair found beside the package, font files read within limits,
 * and HarfBuzz's WebAssembly loaded from node_modules. Opening, shaping and fallback are the word
 * engine's (src/words/font.ts), the same code the browser runs.
 */
import { fileURLToPath } from 'node:url';
import { RedframeError } from '../core/errors.js';
import { readBounded } from '../files/read-bounded.js';
import { fontKind, openFont, type FontStack, type LoadedFont } from '../words/font.js';
import type { HarfBuzz } from '../words/harfbuzz.js';

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

let harfbuzz: Promise<HarfBuzz> | undefined;
const fonts = new Map<string, Promise<LoadedFont>>();

/**
 * HarfBuzz (a WebAssembly module) is loaded only when a render has text, keeping start-up fast.
 * In Node the package finds its own wasm file beside its module.
 */
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
    loaded = readFont(file);
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

async function readFont(file: string): Promise<LoadedFont> {
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
  return openFont(bytes, file, await loadHarfBuzz(), index);
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
