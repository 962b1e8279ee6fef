/**
 * The one table of image formats: what redframe reads and writes, the file name extensions of
 * each, and the name libvips gives its decoder. Everything that maps a format to an extension or
 * back (output names, folder walks, the decoder check) reads it from here. Imports nothing, so the
 * option table and the campaign page can use it.
 *
 * @example IMAGE_FORMATS.heif.extensions // ['.heic', '.heif']
 */
export const IMAGE_FORMATS = {
  jpeg: { label: 'JPEG', extensions: ['.jpg', '.jpeg', '.jpe', '.jfif'], written: true, loader: 'jpeg', transparency: false },
  png: { label: 'PNG', extensions: ['.png'], written: true, loader: 'png', transparency: true },
  webp: { label: 'WebP', extensions: ['.webp'], written: true, loader: 'webp', transparency: true },
  avif: { label: 'AVIF', extensions: ['.avif'], written: true, loader: 'heif', transparency: true },
  gif: { label: 'GIF', extensions: ['.gif'], written: true, loader: 'gif', transparency: true },
  tiff: { label: 'TIFF', extensions: ['.tif', '.tiff'], written: false, loader: 'tiff', transparency: true },
  heif: { label: 'HEIC', extensions: ['.heic', '.heif'], written: false, loader: 'heif', transparency: true },
} as const;

/** Formats redframe decodes. Anything else (SVG, PDF, text, unknown bytes) is refused before decoding. */
export type InputFormat = keyof typeof IMAGE_FORMATS;

/**
 * Output formats, in the order the help lists them.
 *
 * @example FORMATS.includes('webp') // true
 */
export const FORMATS = ['png', 'jpeg', 'webp', 'avif', 'gif'] as const satisfies readonly InputFormat[];
export type Format = (typeof FORMATS)[number];

/** Output formats that keep transparency: the ones a circle can be written in. */
export const TRANSPARENT_FORMATS: readonly Format[] = FORMATS.filter((f) => IMAGE_FORMATS[f].transparency);

/**
 * The extension an output of this format is given: `.jpg` for JPEG.
 *
 * @example extensionOf('jpeg') // '.jpg'
 */
export function extensionOf(format: Format): string {
  return IMAGE_FORMATS[format].extensions[0];
}

/**
 * The output format a file name asks for, by its extension in any case, or undefined.
 *
 * @example formatOfName('team/Ali.JPEG') // 'jpeg'
 */
export function formatOfName(name: string): Format | undefined {
  const extension = extensionOfName(name);
  return FORMATS.find((format) => (IMAGE_FORMATS[format].extensions as readonly string[]).includes(extension));
}

/** Every extension redframe reads photos from, lower case with the dot. */
export const PHOTO_EXTENSIONS: ReadonlySet<string> = new Set(Object.values(IMAGE_FORMATS).flatMap((f) => f.extensions));

/** Extensions an output name may end in, for messages: `.jpg, .jpeg, .png, ...`. */
export const OUTPUT_EXTENSIONS: readonly string[] = (['jpeg', ...FORMATS.filter((f) => f !== 'jpeg')] as const).flatMap((f) => IMAGE_FORMATS[f].extensions.slice(0, 2));

/** The extension of a file name, lower case with its dot (`''` when there is none). */
function extensionOfName(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** `JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC`: the formats redframe reads, for messages. */
export function readableFormatsText(): string {
  const labels = (['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff', 'heif'] as const).map((f) => IMAGE_FORMATS[f].label);
  return `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}
