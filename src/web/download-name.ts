import { avatarName } from '../portable/avatar-name.js';

/** Characters no common file system accepts in a name, and control characters. */
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g;
/**
 * Bidi formatting characters (ALM, LRM, RLM, the embeddings, overrides and isolates): invisible,
 * and in a file manager an override makes `photo\u202Egpj.exe` read as `photoexe.jpg`. Dropped, not
 * made dashes: they show nothing, so the name reads the same without them.
 */
const BIDI_FORMATTING = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX_STEM = 80;

/**
 * The download's file name: the chosen photo's name without its extension, made safe for any
 * file system, named by the command's rule (`avatarName`). Letters of every script are kept.
 *
 * @example downloadName('Holiday: me.HEIC.jpg', 'jpeg') // 'Holiday-me.HEIC.redframe.jpg'
 */
export function downloadName(photoName: string, format: 'jpeg' | 'png'): string {
  return avatarName(safeStem(photoName), format === 'png' ? '.png' : '.jpg');
}

/**
 * The story's file name: the avatar's, marked as a story.
 *
 * @example storyName('me.jpg') // 'me.redframe-story.jpg'
 */
export function storyName(photoName: string): string {
  return avatarName(safeStem(photoName), '-story.jpg');
}

function safeStem(photoName: string): string {
  const base = photoName.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base)
    .normalize('NFC')
    .replace(BIDI_FORMATTING, '')
    .replace(UNSAFE, '-')
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    // Leading dots hide a file; trailing dots and spaces are dropped by Windows.
    .replace(/^[.-]+|[.-]+$/g, '');
  return [...stem].slice(0, MAX_STEM).join('') || 'avatar';
}
