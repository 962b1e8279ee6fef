import { describe, expect, it } from 'vitest';
import { resolveOptions, type RenderOptions } from '../../src/options/resolve.js';
import { DEFAULT_TEXT } from '../../src/options/table.js';

describe('resolveOptions', () => {
  it('fills in the aleppo defaults when nothing is given', () => {
    const options = resolveOptions();
    expect(options).toMatchObject({
      size: 800, crop: 'attention', mode: 'tint', strength: 1, frame: 'ring', banner: 'arc', shape: 'square',
      text: DEFAULT_TEXT, color: { r: 0xd1, g: 0x0a, b: 0x0a, alpha: 1 }, textColor: { r: 255, g: 255, b: 255, alpha: 1 },
    });
    expect(options.frameColor).toEqual(options.color); // the frame follows the treatment colour
    expect(options.format).toBeUndefined();
  });

  it('accepts second spellings people use', () => {
    expect(resolveOptions({ crop: 'center' as RenderOptions['crop'] }).crop).toBe('centre');
    expect(resolveOptions({ format: 'jpg' as RenderOptions['format'] }).format).toBe('jpeg');
    expect(resolveOptions({ text: '#OneSegment' as unknown as string[] }).text).toEqual(['#OneSegment']);
  });

  it.each<[RenderOptions, string]>([
    [{ size: 63 }, 'Expected an integer from 64 to 4096 for size but received 63'],
    [{ size: 4097 }, 'Expected an integer from 64 to 4096 for size but received 4097'],
    [{ size: 800.5 }, 'Expected an integer from 64 to 4096 for size but received 800.5'],
    [{ size: '800' as unknown as number }, 'Expected an integer from 64 to 4096 for size but received "800"'],
    [{ crop: 'face' as RenderOptions['crop'] }, 'Expected one of attention, centre, entropy for crop but received "face"'],
    [{ mode: 'sepia' as RenderOptions['mode'] }, 'Expected one of tint, wash, multiply, duotone, solid for mode but received "sepia"'],
    [{ color: 'reddish' }, 'Expected a CSS colour (a name, #rrggbb or rgb(r, g, b)) for color but received "reddish"'],
    [{ color: 12 as unknown as string }, 'for color but received 12'],
    [{ frameColor: '#12' }, 'for frameColor but received "#12"'],
    [{ textColor: '' }, 'for textColor but received ""'],
    [{ strength: 1.5 }, 'Expected a number from 0 to 1 for strength but received 1.5'],
    [{ strength: Number.NaN }, 'Expected a number from 0 to 1 for strength but received NaN'],
    [{ frame: 'square' as RenderOptions['frame'] }, 'Expected one of ring, border, none for frame but received "square"'],
    [{ frameWidth: 0.5 }, 'Expected a number from 0.005 to 0.25 for frameWidth but received 0.5'],
    [{ banner: 'top' as RenderOptions['banner'] }, 'Expected one of arc, strip, none for banner but received "top"'],
    [{ text: [] }, 'Expected at least one text segment (or banner none) for text but received an array'],
    [{ text: ['ok', ''] }, 'Expected non-empty text for text segment 2 but received ""'],
    [{ text: ['two\nlines'] }, 'Expected one line per segment (a list of segments for more lines) for text'],
    [{ text: [3] as unknown as string[] }, 'Expected a string or a list of strings for text but received an array'],
    [{ shape: 'oval' as RenderOptions['shape'] }, 'Expected one of square, circle for shape but received "oval"'],
    [{ format: 'bmp' as RenderOptions['format'] }, 'Expected one of png, jpeg, webp, avif, gif for format but received "bmp"'],
    [{ quality: 0 }, 'Expected an integer from 1 to 100 for quality but received 0'],
    [{ font: '' }, 'Expected a font file path or a list of them for font but received ""'],
    [{ font: ['a.ttf', 3] as unknown as string[] }, 'Expected a font file path or a list of them for font but received an array'],
    [{ lang: 'arabic language' }, 'Expected a BCP 47 language tag (such as ar, ur or fa-IR) for lang but received "arabic language"'],
    [{ lang: 'a' }, 'for lang but received "a"'],
    [{ shape: 'circle', format: 'jpeg' }, 'JPEG has no transparency, so shape circle needs format png, webp, avif or gif (or use shape square)'],
    [{ colour: 'red' } as RenderOptions, 'Unknown option "colour" (did you mean "color"?); expected one of format, quality, size, crop, mode, color'],
    [{ 'frame-width': 0.1 } as RenderOptions, 'Unknown option "frame-width" (did you mean "frameWidth"?)'],
  ])('rejects %j with a message that says what was expected', (options, message) => {
    expect(() => resolveOptions(options)).toThrow(message);
  });

  it('takes fonts as one path or a list in order, and a BCP 47 language tag', () => {
    expect(resolveOptions().font).toEqual([]);
    expect(resolveOptions({ font: 'Amiri.ttf' }).font).toEqual(['Amiri.ttf']);
    expect(resolveOptions({ font: ['Amiri.ttf', 'Noto.ttf'] }).font).toEqual(['Amiri.ttf', 'Noto.ttf']);
    expect(resolveOptions().lang).toBeUndefined();
    for (const lang of ['ar', 'ur', 'fa-IR', 'zh-Hant-TW']) expect(resolveOptions({ lang }).lang).toBe(lang);
  });

  it('lets a circle be written in every format that keeps transparency', () => {
    for (const format of ['png', 'webp', 'avif', 'gif'] as const) expect(resolveOptions({ shape: 'circle', format }).format).toBe(format);
  });

  it('allows no text when there is no banner', () => {
    expect(resolveOptions({ banner: 'none', text: [] }).text).toEqual([]);
  });
});
