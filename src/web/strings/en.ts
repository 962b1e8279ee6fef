/**
 * The interface in English. Every sentence is whole: no string is built from pieces, so each
 * language can order its words its own way. The organiser's own words come from the preset.
 */
export const en = {
  /** The language's own name, shown in the language switch. */
  languageName: 'English',
  direction: 'ltr',
  language: 'Language',
  fallbackTitle: 'Make your avatar',
  choosePhoto: 'Choose a photo',
  chooseHint: 'Or drop a photo on the preview, or paste one.',
  stageEmpty: 'Avatar preview. Choose a photo first.',
  stageReady: 'Avatar preview. Drag or use the arrow keys to move the photo; plus and minus keys zoom.',
  zoom: 'Zoom',
  rotate: 'Rotate a quarter turn',
  download: 'Download',
  share: 'Share',
  opening: 'Opening the photo…',
  privacy: 'Your photo never leaves your device. Everything happens in this page; nothing is uploaded.',
  cannotOpen: 'This browser cannot open this photo. If it is an iPhone photo (HEIC), export it as JPEG, then choose it again.',
  damaged: 'This photo is damaged or incomplete. Open it in your photo app, export it as JPEG, then choose it again.',
  notAPhoto: 'This file is not a photo. Choose a JPEG, PNG or WebP image.',
  tooLarge: 'This file is larger than 64 MB, far larger than a photo. Choose a photo, or export this one as JPEG.',
  cannotShare: 'Sharing did not work. Use Download instead.',
  cannotSave: 'The avatar could not be made. Try again, or try another photo.',
} as const;

export type Strings = { readonly [K in keyof typeof en]: string };
