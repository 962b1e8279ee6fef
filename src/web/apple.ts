/**
 * Whether the page runs on an iPhone or iPad, where a download lands in the Files app and not in
 * Photos (the status then says how to move it). iPadOS reports itself as a Mac, with touch.
 */
export function isAppleMobile(nav: Pick<Navigator, 'userAgent' | 'platform' | 'maxTouchPoints'> = navigator): boolean {
  return /\biP(hone|ad|od)\b/.test(nav.userAgent) || (nav.platform === 'MacIntel' && nav.maxTouchPoints > 1);
}
