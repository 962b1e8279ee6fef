/**
 * The page's state and what it starts from: the config the Node side baked in, the languages the
 * interface offers, and the string table of each. Everything the interface shows is drawn from
 * the state (view.ts); the actions (actions.ts) change it.
 */
import { expectedMessage, received } from '../core/errors.js';
import { chooseLanguage } from '../portable/language.js';
import { PAGE_IDS, type PageConfig } from '../portable/page-config.js';
import type { DecodedPhoto } from './decode-photo.js';
import { hasTable, tableFor, type StringKey, type Strings } from '../portable/strings/index.js';
import { initialTransform, type Transform } from './transform.js';

export interface State {
  language: string;
  photo: DecodedPhoto | undefined;
  /** The chosen file's name, for the download's name. */
  photoName: string;
  transform: Transform;
  /** A problem to show (a key of the string tables), or none. */
  problem: StringKey | undefined;
  /** What just happened, for the status line: a download saved (its name), a reminder saved, a share to tap again. */
  notice: { key: 'saved' | 'savedIos' | 'reminderSaved' | 'shareAgain'; file: string } | undefined;
  busy: boolean;
}

/** The interface strings of a language: the organiser's table for it, else the built-in one, else English. */
export const strings = (language: string, config: Pick<PageConfig, 'interface'>): Strings => tableFor(language, config.interface);

/** The campaign's languages that have an interface table, in the campaign's order (English if none). */
export function offeredLanguages(config: PageConfig): string[] {
  const offered = config.languages.filter((l) => hasTable(l, config.interface));
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
    notice: undefined,
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
