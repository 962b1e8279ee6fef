import { ar } from './ar.js';
import { en, type Strings } from './en.js';

export type { Strings };
export type StringKey = keyof Strings;

/** One table per language, keyed by BCP 47 primary language subtag. */
export const STRINGS: Readonly<Record<string, Strings>> = { ar, en };
