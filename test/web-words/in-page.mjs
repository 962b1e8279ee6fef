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
