/**
 * The one naming rule for an avatar made from a photo, shared by the command (which writes it
 * beside the photo) and the campaign page (which offers it as the download): the photo's name
 * without its extension, `.redframe`, then the output's extension. `photo.jpg` gives
 * `photo.redframe.jpg` from both. The same rule tells a folder walk which files redframe wrote.
 */
import { FORMATS, IMAGE_FORMATS, PHOTO_EXTENSIONS } from '../core/formats.js';

const MARK = '.redframe';

/**
 * @example avatarName('photo', '.jpg') // 'photo.redframe.jpg'
 * @example avatarName('IMG_2041.HEIC', '.png') // 'IMG_2041.HEIC.redframe.png'
 */
export function avatarName(stem: string, extension: string): string {
  return `${stem}${MARK}${extension}`;
}

/**
 * The name the command gives the avatar of `photoName` (a file name, no folder) when no `-o` is
 * given. Photos that share a stem (`photo.png` beside `photo.jpg`) would share `photo.redframe.jpg`:
 * then each keeps its own extension (`photo.png.redframe.jpg`, `photo.jpg.redframe.jpg`). The
 * rule looks only at the names beside the photo, not at which ran first, so each photo's avatar
 * has one name whatever the order of the runs.
 *
 * @example avatarNameBeside('photo.jpg', '.jpg', ['photo.jpg']) // 'photo.redframe.jpg'
 * @example avatarNameBeside('photo.jpg', '.jpg', ['photo.jpg', 'photo.PNG']) // 'photo.jpg.redframe.jpg'
 */
export function avatarNameBeside(photoName: string, extension: string, siblings: Iterable<string>): string {
  const stem = stemOf(photoName);
  for (const sibling of siblings) {
    if (sibling !== photoName && stemOf(sibling) === stem && isPhotoName(sibling) && isPhotoName(photoName)) return avatarName(photoName, extension);
  }
  return avatarName(stem, extension);
}

/** Lower-case extensions of the formats redframe writes, and of the page's story (`-story.jpg`). */
const WRITTEN = FORMATS.flatMap((format) => IMAGE_FORMATS[format].extensions as readonly string[]);
const WRITTEN_NAME = new RegExp(`\\${MARK}(?:-story)?(?:${WRITTEN.map((e) => `\\${e}`).join('|')})$`, 'i');

/**
 * True when a file's name is one the command or the page gives an avatar (`NAME.redframe.jpg`,
 * `NAME.redframe.png`, `NAME.redframe-story.jpg`, ...): a folder run leaves such files out.
 *
 * @example isAvatarName('photo.redframe.jpg') // true
 * @example isAvatarName('redframe.jpg') // false
 */
export function isAvatarName(name: string): boolean {
  const match = WRITTEN_NAME.exec(name);
  return Boolean(match && match.index > 0);
}

function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function isPhotoName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && PHOTO_EXTENSIONS.has(name.slice(dot).toLowerCase());
}
