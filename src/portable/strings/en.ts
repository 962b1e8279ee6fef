/**
 * The interface in English, and the list of keys every table has. Every sentence is whole: no
 * string is built from pieces, so each language can order its words its own way; `{file}` and
 * `{url}` are filled in whole. The organiser's own words come from the preset's `page` section,
 * and an organiser may add a table for another language (`page.interface.ku`) with these keys.
 */
export const en = {
  /** The language's own name, shown in the language switch. */
  languageName: 'English',
  language: 'Language',
  /** The heading when the organiser gave no title and the banner has no text. */
  fallbackTitle: 'Make your avatar',
  /** The page's description for link previews, when the organiser wrote none. */
  pageDescription: 'Make your campaign avatar in your browser. Your photo never leaves your device.',
  previewAlt: 'An example of the campaign avatar',
  choosePhoto: 'Choose a photo',
  chooseHint: 'Or drop a photo on the preview, or paste one.',
  stageEmpty: 'Avatar preview. Choose a photo first.',
  stageReady: 'Avatar preview. Drag or use the arrow keys to move the photo; plus and minus keys zoom.',
  /** Shown under the preview once a photo is in it. */
  adjustHint: 'Drag the photo to place it; pinch or use the slider to zoom. Keys: arrows move it, + and − zoom.',
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
  tooThin: 'This photo is too thin or too small to make an avatar: each side needs 16 pixels or more, and the long side at most 20 times the short one. Crop it in your photo app, then choose it again.',
  tooManyPixels: 'This photo has more than 268 million pixels, more than this page opens. Choose a smaller photo, or export this one smaller.',
  cannotShare: 'Sharing did not work. Use Download instead.',
  cannotSave: 'The avatar could not be made. Try again, or try another photo.',
  /** After a download. */
  saved: 'Saved as {file}.',
  /** After a download on an iPhone or iPad, where it lands in the Files app, not in Photos. */
  savedIos: 'Saved as {file} in the Files app. To put it in Photos, open it there, tap Share, then Save Image.',
  /** iOS refused to share because the file was still being made when the button was tapped. */
  shareAgain: 'The avatar was not ready yet. Tap Share again.',
  /** The button that downloads a calendar reminder for the campaign's end (`page.until`). */
  remind: 'Remind me to change back',
  reminderTitle: 'Change your profile picture back',
  reminderText: 'The campaign is over: time to put your usual profile picture back.',
  reminderSaved: 'Saved {file}. Open it to add the reminder to your calendar.',
  /** Above the covers and cards the command wrote beside the page. */
  kitHeading: 'Also for your profile',
  kitHint: 'Covers and cards in the campaign’s colours, each made to fit its platform. Tap one to download it.',
  /** Each cover and card, under its thumbnail. */
  kitFacebook: 'Facebook cover',
  kitX: 'X header',
  kitLinkedin: 'LinkedIn background',
  kitYoutube: 'YouTube banner',
  kitPost: 'Square post',
  kitPortrait: 'Portrait post',
  kitStory: 'Story',
  /** After a photo: the story card with the reader's new avatar in it. */
  downloadStory: 'Download a story',
  storyHint: 'A story with your new picture in it, to tell your friends you changed it.',
  /** Shown when scripts do not run (an iPhone opening the page from a file), without and with the page's address. */
  noscript:
    'This page needs JavaScript to make your avatar. On an iPhone or iPad, a page opened from a file cannot run it: open the page from its web address instead (ask whoever sent it to you). Elsewhere, turn JavaScript on for this page. Your photo never leaves your device.',
  noscriptAt:
    'This page needs JavaScript to make your avatar. On an iPhone or iPad, a page opened from a file cannot run it: open the page from its web address instead, {url}. Elsewhere, turn JavaScript on for this page. Your photo never leaves your device.',
} as const;

export type StringKey = keyof typeof en;
export type Strings = { readonly [K in StringKey]: string };

/** The keys of every table, in the English table's order. */
export const STRING_KEYS = Object.keys(en) as StringKey[];

/** The `{name}` slots a string must keep, by key: a translation that drops one would lose the file's name. */
export const STRING_SLOTS: Partial<Record<StringKey, readonly string[]>> = {
  saved: ['file'],
  savedIos: ['file'],
  reminderSaved: ['file'],
  noscriptAt: ['url'],
};
