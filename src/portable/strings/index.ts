/**
 * The page's interface strings, one table per language, keyed by meaning. They live in portable/
 * because both sides need them: the page's script shows them, and the Node side writes the
 * `<noscript>` text and the head's defaults from them and checks an organiser's own table
 * (`page.interface.<lang>` in the preset) against their keys.
 */
import { primaryTag } from '../language.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en, STRING_KEYS, STRING_SLOTS, type StringKey, type Strings } from './en.js';
import { es } from './es.js';
import { fa } from './fa.js';
import { fr } from './fr.js';
import { tr } from './tr.js';
import { ur } from './ur.js';

export { STRING_KEYS, STRING_SLOTS };
export type { StringKey, Strings };

/** One table per language, keyed by BCP 47 primary language subtag. */
export const STRINGS: Readonly<Record<string, Strings>> = { ar, en, fr, tr, de, es, fa, ur };

/**
 * A string with its `{name}` slots filled: whole sentences stay whole, each language puts the
 * file's name where its grammar wants it.
 *
 * @example fillSlots('Saved as {file}.', { file: 'me-redframe.jpg' }) // 'Saved as me-redframe.jpg.'
 */
export function fillSlots(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot);
}

/** The `{name}` slots a string holds, sorted. @example slotsOf('Saved {file}.') // ['file'] */
export function slotsOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/**
 * The interface table for a language: the organiser's own for it (by exact tag, then by primary
 * subtag), else the built-in one, else English.
 *
 * @example tableFor('ku', { ku: kurdish }).languageName // the organiser's 'Kurdî'
 */
export function tableFor(language: string, organiser: Readonly<Record<string, Strings>> = {}): Strings {
  const own = organiser[language] ?? Object.entries(organiser).find(([tag]) => primaryTag(tag) === primaryTag(language))?.[1];
  return own ?? STRINGS[primaryTag(language)] ?? en;
}

/** Whether a language has an interface table, built in or the organiser's. */
export function hasTable(language: string, organiser: Readonly<Record<string, Strings>> = {}): boolean {
  return STRINGS[primaryTag(language)] !== undefined || Object.keys(organiser).some((tag) => primaryTag(tag) === primaryTag(language));
}
