/**
 * The page's state and what it starts from: the config the Node side baked in, the languages the
 * interface offers, and the string table of each. Everything the interface shows is drawn from
 * the state (view.ts); the actions (actions.ts) change it.
 */
import { expectedMessage, received } from '../core/errors.js';
import { chooseLanguage, primaryTag } from '../portable/language.js';
import { PAGE_IDS, type PageConfig } from '../portable/page-config.js';
import type { DecodedPhoto } from './decode-photo.js';
import { STRINGS, type StringKey, type Strings } from './strings/index.js';
import { initialTransform, type Transform } from './transform.js';

export interface State {
  language: string;
  photo: DecodedPhoto | undefined;
  /** The chosen file's name, for the download's name. */
  photoName: string;
  transform: Transform;
  /** A problem to show (a key of the string tables), or none. */
  problem: StringKey | undefined;
  busy: boolean;
}

/** The interface strings of a language, English where the page has no table for it. */
export const strings = (language: string): Strings => STRINGS[primaryTag(language)] ?? STRINGS.en!;

/** The campaign's languages that have an interface table, in the campaign's order (English if none). */
export function offeredLanguages(config: PageConfig): string[] {
  const offered = config.languages.filter((l) => STRINGS[primaryTag(l)]);
  return offered.length > 0 ? offered : ['en'];
}

/** The state before a photo: the reader's language among those offered, nothing chosen. */
export function initialState(offered: readonly string[], wanted: readonly string[]): State {
  return {
    language: chooseLanguage(wanted, offered),
    photo: undefined,
    photoName: '',
    transform: initialTransform(),
    problem: undefined,
    busy: false,
  };
}

export function readConfig(doc: Document): PageConfig {
  const text = doc.getElementById(PAGE_IDS.config)?.textContent;
  if (!text) throw new Error(expectedMessage(`#${PAGE_IDS.config}`, 'the page config', received('nothing')));
  const config = JSON.parse(text) as PageConfig;
  if (!Number.isInteger(config.size) || config.size < 1) throw new Error(expectedMessage('size in the page config', 'a positive integer', config.size));
  return config;
}
