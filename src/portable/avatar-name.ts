/**
 * The one naming rule for an avatar made from a photo, shared by the command (which writes it
 * beside the photo) and the campaign page (which offers it as the download): the photo's name
 * without its extension, `.redframe`, then the output's extension. `photo.jpg` gives
 * `photo.redframe.jpg` from both.
 */

/**
 * @example avatarName('photo', '.jpg') // 'photo.redframe.jpg'
 * @example avatarName('IMG_2041.HEIC', '.png') // 'IMG_2041.HEIC.redframe.png'
 */
export function avatarName(stem: string, extension: string): string {
  return `${stem}.redframe${extension}`;
}
