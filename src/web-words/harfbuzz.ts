/**
 * HarfBuzz in the browser: harfbuzzjs's own module, initialised from bytes inside the bundle (see
 * harfbuzz-factory.ts for how). Importing this module waits for the WebAssembly to start (the
 * package's top-level await), so whoever has `harfbuzz` can shape at once.
 *
 * @example
 * const buffer = new harfbuzz.Buffer();
 * buffer.addText('#AleppoIsBurning');
 * buffer.guessSegmentProperties();
 * harfbuzz.shape(font, buffer);
 */
import * as harfbuzz from 'harfbuzzjs';

export { harfbuzz };
