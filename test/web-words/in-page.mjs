/**
 * What the word engine's browser tests run inside a page, handed over as a function's source (like
 * test/page/hooks.mjs). shapeEach runs in Node too, on Node's HarfBuzz: the same code on both
 * sides, so the comparison sees only the two HarfBuzz builds.
 */

/**
 * Shapes each text in each font; returns plain data (JSON survives every driver): per glyph its
 * id, cluster, advances and offsets.
 *
 * @param {typeof import('harfbuzzjs')} hb
 * @param {{ file: string, bytes: Uint8Array }[]} fonts
 * @param {{ text: string, language?: string }[]} texts
 */
export function shapeEach(hb, fonts, texts) {
  return fonts.map(({ file, bytes }) => {
    const font = new hb.Font(new hb.Face(new hb.Blob(bytes), 0));
    const runs = texts.map(({ text, language }) => {
      const buffer = new hb.Buffer();
      buffer.addText(text);
      if (language) buffer.setLanguage(language);
      buffer.guessSegmentProperties();
      hb.shape(font, buffer);
      const positions = buffer.getGlyphPositions();
      const glyphs = buffer.getGlyphInfos().map((info, i) => {
        const { xAdvance, yAdvance, xOffset, yOffset } = positions[i];
        return [info.codepoint, info.cluster, xAdvance, yAdvance, xOffset, yOffset];
      });
      return { text, glyphs };
    });
    return { file, runs };
  });
}

/**
 * Bytes as base64, in chunks (a spread of millions of arguments overflows the stack): a driver's
 * result is JSON, where an array of numbers is four times larger.
 *
 * @param {Uint8Array} bytes
 */
export function base64Of(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A text's length and two 32-bit hashes of its UTF-16 code units (see below): what
 * the whole golden matrix is compared by, since shipping every SVG back through a driver would be
 * 7.7 million characters for the matrix. Runs in Node and in the page, so both sides fingerprint alike.
 *
 * @param {string} text
 */
export function fingerprint(text) {
  // FNV-1a, and the same walk with MurmurHash2's multiplier: two unrelated 32-bit hashes.
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193) >>> 0;
    b = Math.imul(b ^ unit, 0x5bd1e995) >>> 0;
  }
  return `${text.length}:${a.toString(16)}:${b.toString(16)}`;
}

/**
 * Makes each case of the golden matrix with the browser's engine (the bundle's exports, `words`):
 * the overlay's SVG or a cover's or card's words, or `code: message` and a newline for a refusal,
 * as scripts/make-words-golden.mjs writes them; returns each one's fingerprint by name. Fonts come
 * as base64 by the path the command was given (the name a message shows).
 *
 * @param {Record<string, any>} words
 * @param {Record<string, string>} fonts
 * @param {{ name: string, look: any, surface?: string, drawing?: { band: boolean, photo: boolean, slot?: boolean } }[]} cases
 * @param {(text: string) => string} print
 */
export function makeEach(words, fonts, cases, print) {
  const opened = {};
  const bytesOf = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const made = {};
  for (const { name, look, surface, drawing } of cases) {
    let text;
    try {
      const user = look.font.map((file) => (opened[file] ??= words.loadFontBytes(bytesOf(fonts[file]), file)));
      const stack = words.fontStack(user);
      text = surface ? words.surfaceTextOf(surface, look, stack, drawing).svg : words.overlaySvgOf(look, stack);
    } catch (error) {
      if (!error || typeof error.code !== 'string') throw error;
      text = `${error.code}: ${error.message}\n`;
    }
    made[name] = print(text);
  }
  return made;
}
