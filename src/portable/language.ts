/** A string the organiser wrote, per BCP 47 language tag (`{ ar: '...', en: '...' }`). */
export type LocalisedText = Record<string, string>;

/** The primary subtag of a BCP 47 tag, lower case: `ar-SY` -> `ar`. */
export const primaryTag = (tag: string) => tag.split(/[-_]/)[0]!.toLowerCase();

/**
 * Languages written right to left by default (by primary subtag). Kurdish (`ku`) is not among
 * them: its default script is Latin (Kurmanji); Sorani is `ckb`, or `ku-Arab`.
 */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);
/** Scripts written right to left (ISO 15924), for a tag that names its script (`ku-Arab`, `az-Arab`). */
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg']);
const LTR_SCRIPTS = new Set(['latn', 'cyrl', 'grek', 'deva', 'beng', 'hani', 'jpan', 'kore', 'thai', 'armn', 'geor']);

/**
 * The direction a language is written in: the page's `dir`, from the language alone (an
 * organiser's table for Kurdish needs no direction of its own). A script subtag decides first.
 *
 * @example directionOf('ar-SY') // 'rtl'
 * @example directionOf('ku-Arab') // 'rtl'; directionOf('ku') // 'ltr'
 */
export function directionOf(language: string): 'rtl' | 'ltr' {
  const script = language.split(/[-_]/).slice(1).find((part) => /^[a-z]{4}$/i.test(part))?.toLowerCase();
  if (script && RTL_SCRIPTS.has(script)) return 'rtl';
  if (script && LTR_SCRIPTS.has(script)) return 'ltr';
  return RTL_LANGUAGES.has(primaryTag(language)) ? 'rtl' : 'ltr';
}

/**
 * The interface language: the first of the browser's languages (`navigator.languages`, most
 * wanted first) that the page offers, compared by primary subtag; else the page's first language.
 *
 * @example chooseLanguage(['fr-FR', 'ar-SY', 'en'], ['ar', 'en']) // 'ar'
 */
export function chooseLanguage(wanted: readonly string[], offered: readonly string[]): string {
  for (const tag of wanted) {
    const found = offered.find((o) => primaryTag(o) === primaryTag(tag));
    if (found) return found;
  }
  return offered[0]!;
}

/**
 * The organiser's text in `language`, else in the first of `order` that has it, else in any
 * language it has: a preset written only in English still shows its title on the Arabic page.
 * Gives the language the text is in (for its `lang` and direction); undefined when the organiser
 * wrote nothing.
 *
 * @example localised({ en: 'Aleppo is burning' }, 'ar', ['ar', 'en']) // { text: 'Aleppo is burning', language: 'en' }
 */
export function localised(text: LocalisedText | undefined, language: string, order: readonly string[]): { text: string; language: string } | undefined {
  if (!text) return undefined;
  const written = Object.entries(text).filter(([, v]) => typeof v === 'string' && v.trim() !== '');
  for (const tag of [language, ...order]) {
    const found = written.find(([k]) => primaryTag(k) === primaryTag(tag));
    if (found) return { text: found[1], language: found[0] };
  }
  const [any] = written;
  return any ? { text: any[1], language: any[0] } : undefined;
}
