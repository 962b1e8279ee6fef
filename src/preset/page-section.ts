/**
 * The preset's optional `page` section: what the organiser writes for the campaign page (title,
 * description, call to action, credits, each a string or one per language), the address the page
 * will be published at, and the languages it offers. Checked here with the same message shape as
 * the options; its JSON-schema fragment is exported for preset.schema.json.
 */
import { invalid, quote, received } from '../core/errors.js';
import { fail, isRecord, LANGUAGE_TAG, LANGUAGE_TAG_PATTERN as LANGUAGE_TAG_SCHEMA_PATTERN, plainList, plainObject, rejectUnknownKeys } from '../options/check.js';
import type { LocalisedText } from '../portable/language.js';
import { checkSegment, describeCharacter, isInvisible } from '../words/segment.js';
import { FIRST_REMINDER_DAY, isCalendarDate, LAST_REMINDER_DAY } from '../portable/calendar.js';
import { hasTable, slotsOf, STRING_KEYS, STRING_SLOTS, STRINGS, type Strings } from '../portable/strings/index.js';

/** One string for every language, or one per BCP 47 language tag: `{ "ar": "...", "en": "..." }`. */
export type PageText = string | LocalisedText;

export interface PageSection {
  /** The page's heading and the title of link previews. Default: the banner text. */
  title?: PageText;
  /** One or two sentences under the title and in link previews. */
  description?: PageText;
  /** What the organiser asks people to do with their avatar ("Change your profile picture on 1 May"). */
  callToAction?: PageText;
  /** Who made the campaign, shown at the foot of the page. */
  credits?: PageText;
  /**
   * The address the page will be published at (`https://example.org/campaign/`), so that link
   * previews get an absolute image address, as Facebook and LinkedIn require. Without it the
   * preview tags hold `preview.jpg`, relative to the page.
   */
  url?: string;
  /**
   * Languages the page offers, the first one shown when the browser's language is not among
   * them. Default: the languages of the texts above in the order they first appear, then Arabic
   * and English.
   */
  languages?: string[];
  /**
   * The interface in a language the page has no table for, or reworded: per language tag, every
   * key of the built-in tables (`languageName`, `choosePhoto`, ...; see src/portable/strings/en.ts),
   * each a whole sentence. The direction comes from the language.
   */
  interface?: Record<string, Strings>;
  /** The campaign's last day, `YYYY-MM-DD`: the page offers a calendar reminder to change back on that day. */
  until?: string;
}

/** Every key the section may have; any other is rejected, as in the rest of a preset. */
export const PAGE_KEYS = ['title', 'description', 'callToAction', 'credits', 'url', 'languages', 'interface', 'until'] as const;
const TEXT_KEYS = ['title', 'description', 'callToAction', 'credits'] as const;
export type PageTextKey = (typeof TEXT_KEYS)[number];

/** Languages the page offers when the preset names none: the campaign's own, Arabic and English. */
export const DEFAULT_PAGE_LANGUAGES = ['ar', 'en'] as const;

/** Long enough for a paragraph of credits, short enough to stay a page and not a document. */
const MAX_TEXT_LENGTH = 1000;

/** More languages than any page offers in its switch. */
const MAX_LANGUAGES = 50;

/** Long enough for any real address (the sitemap protocol's limit), short enough for a link preview. */
const MAX_URL_LENGTH = 2048;

/** The section after checking: texts always per language, url absolute, languages resolved. */
export interface ResolvedPageSection {
  texts: Partial<Record<PageTextKey, LocalisedText>>;
  /** The page's address as the organiser wrote it (og:url). */
  url: URL | undefined;
  /** The folder of that address, without query or fragment: where preview.jpg is published. */
  folder: URL | undefined;
  languages: string[];
  /** The organiser's interface tables, by language tag as written. */
  interface: Record<string, Strings>;
  until: string | undefined;
}

function text(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(name, 'a non-empty string', value);
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length > MAX_TEXT_LENGTH) {
    throw invalid(name, `at most ${MAX_TEXT_LENGTH} characters`, received(`${trimmed.length}`));
  }
  // The banner's rules: bidi controls would reorder the title in <title> and link previews too,
  // and a text of invisible characters alone (U+200B) would leave an empty heading or button.
  const checked = checkSegment(trimmed, name);
  if ([...checked].every((c) => isInvisible(c))) {
    const characters = [...new Set(checked)].slice(0, 5).map(describeCharacter).join(', ');
    throw invalid(name, 'text that shows something', received(`${quote(checked)} (${characters}), only invisible characters`));
  }
  return checked;
}

function languageTag(name: string, value: unknown): string {
  if (typeof value === 'string' && LANGUAGE_TAG.test(value)) return value;
  return fail(name, 'a language tag such as ar, en or en-GB', value);
}

/** A string stays as written (given to every language later); a map is checked key by key. */
function pageText(name: string, value: unknown): PageText {
  if (typeof value === 'string') return text(name, value);
  const given = isRecord(value, name) ? plainObject(value, `${name} language`) : {};
  if (Object.keys(given).length === 0) return fail(name, 'a string or an object of strings by language ({ "ar": "...", "en": "..." })', value);
  const byLanguage: LocalisedText = {};
  for (const [tag, string] of Object.entries(given)) {
    byLanguage[languageTag(`a language of ${name}`, tag)] = text(`${name}.${tag}`, string);
  }
  return byLanguage;
}

function pageUrl(value: unknown): string {
  if (typeof value === 'string' && value.length > MAX_URL_LENGTH) return fail('page.url', `an address of at most ${MAX_URL_LENGTH} characters`, value);
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return fail('page.url', 'an absolute http or https address such as https://example.org/campaign/', value);
  }
  // The address is published in the page's head, for every visitor and every link preview to read.
  if (url.username !== '' || url.password !== '') return fail('page.url', 'an address without a user name or password (user:secret@ is published in the page)', value);
  return value as string;
}

/**
 * An organiser's interface tables: each language's table has every key of the built-in ones and
 * no other, each a sentence that keeps the slots (`{file}`) the English one has.
 */
function interfaceTables(value: unknown): Record<string, Strings> {
  // Read once, guarded, before its keys are counted: a Proxy's traps run inside plainObject.
  const byLanguage = isRecord(value, 'page.interface') ? plainObject(value, 'page.interface language') : {};
  if (Object.keys(byLanguage).length === 0) {
    return fail('page.interface', 'an object of interface tables by language ({ "ku": { "languageName": "Kurdî", ... } })', value);
  }
  const tables: Record<string, Strings> = {};
  for (const [tag, given] of Object.entries(byLanguage)) {
    const name = `page.interface.${languageTag('a language of page.interface', tag)}`;
    if (!isRecord(given, name)) return fail(name, 'an object with every interface key', given);
    const table = plainObject(given, `${name} key`);
    rejectUnknownKeys(table, STRING_KEYS, `key of ${name}`);
    const missing = STRING_KEYS.filter((key) => table[key] === undefined);
    if (missing.length > 0) throw invalid(name, `every interface key; add ${missing.join(', ')} (the English table, src/portable/strings/en.ts, says what each is)`, received(`${missing.length} missing`));
    const checked = {} as Record<keyof Strings, string>;
    for (const key of STRING_KEYS) {
      const sentence = text(`${name}.${key}`, table[key]);
      const slots = [...(STRING_SLOTS[key] ?? [])].sort();
      if (slotsOf(sentence).join() !== slots.join()) {
        return fail(`${name}.${key}`, slots.length ? `a sentence with ${slots.map((x) => `{${x}}`).join(' and ')} in it, and no other {slot}` : 'a sentence with no {slot}', sentence);
      }
      checked[key] = sentence;
    }
    tables[tag] = checked;
  }
  return tables;
}

function untilDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) return fail('page.until', 'the campaign\'s last day as YYYY-MM-DD, such as 2027-01-31', value);
  // The reminder's calendar file ends the all-day event on the next day, and iCalendar writes
  // years of four digits: 9999-12-31 would end in the year 10000.
  if (value < FIRST_REMINDER_DAY || value > LAST_REMINDER_DAY) return fail('page.until', `a day from ${FIRST_REMINDER_DAY} to ${LAST_REMINDER_DAY} (the calendar reminder ends the next day, and its file writes years of four digits)`, value);
  return value;
}

/**
 * Checks a `page` section (from a preset file or a library call). Unknown keys are rejected, so a
 * misspelt `titel` never passes silently. Returns the section as written, strings trimmed.
 *
 * @example
 * parsePageSection({ title: { ar: 'حلب تحترق', en: 'Aleppo is burning' }, url: 'https://example.org/aleppo/' });
 * parsePageSection({ titel: 'x' }); // throws: Unknown page key "titel" (did you mean "title"?); expected one of title, description, ...
 */
export function parsePageSection(value: unknown): PageSection {
  if (!isRecord(value, 'page')) {
    return fail('page', 'an object (title, description, callToAction, credits, url, languages, interface, until)', value);
  }
  const section = plainObject(value, 'page key');
  rejectUnknownKeys(section, PAGE_KEYS, 'page key');
  const parsed: PageSection = {};
  for (const key of TEXT_KEYS) if (section[key] !== undefined) parsed[key] = pageText(`page.${key}`, section[key]);
  if (section.url !== undefined) parsed.url = pageUrl(section.url);
  if (section.languages !== undefined) {
    const list = plainList(section.languages, 'page.languages', MAX_LANGUAGES, 'languages');
    if (!list || list.length === 0) return fail('page.languages', 'a non-empty list of language tags such as ["ar", "en"]', section.languages);
    parsed.languages = list.map((tag) => languageTag('page.languages', tag));
    if (new Set(parsed.languages).size !== parsed.languages.length) return fail('page.languages', 'each language once', list);
  }
  if (section.interface !== undefined) parsed.interface = interfaceTables(section.interface);
  if (section.until !== undefined) parsed.until = untilDate(section.until);
  // Checked here, with the rest of the section, so that a preset's error names its file.
  offeredLanguages(parsed);
  return parsed;
}

/**
 * The languages the page offers: as the section names them, else those of its texts and tables
 * then Arabic and English. Each needs an interface, a built-in table or the organiser's.
 */
function offeredLanguages(checked: PageSection): string[] {
  const written = TEXT_KEYS.flatMap((key) => (typeof checked[key] === 'object' ? Object.keys(checked[key]) : []));
  const tables = checked.interface ?? {};
  const languages = checked.languages ?? [...new Set([...written, ...Object.keys(tables), ...DEFAULT_PAGE_LANGUAGES])];
  const bare = languages.filter((l) => !hasTable(l, tables));
  if (bare.length > 0) {
    return fail('page.languages', `languages with an interface (built in: ${Object.keys(STRINGS).join(', ')}); for ${bare.join(', ')} add page.interface.${bare[0]} with every key`, bare.join(', '));
  }
  return languages;
}

/**
 * The section ready for the page: languages settled, each text given in every language (a plain
 * string stands for all of them), and the url as a folder address `preview.jpg` resolves against.
 *
 * @example resolvePageSection({ title: 'Free them all' }).texts.title // { ar: 'Free them all', en: 'Free them all' }
 */
export function resolvePageSection(section: PageSection = {}): ResolvedPageSection {
  const checked = parsePageSection(section);
  const tables = checked.interface ?? {};
  const languages = offeredLanguages(checked);
  const texts: ResolvedPageSection['texts'] = {};
  for (const key of TEXT_KEYS) {
    const value = checked[key];
    if (value === undefined) continue;
    texts[key] = typeof value === 'string' ? Object.fromEntries(languages.map((language) => [language, value])) : value;
  }
  const url = checked.url === undefined ? undefined : new URL(checked.url);
  return { texts, url, folder: url && folderUrl(url), languages, interface: tables, until: checked.until };
}

/**
 * What the organiser should hear about a section that is valid but likely not meant: a
 * `page.until` already past by the local calendar (the page shows its reminder button up to and
 * including that day, by each reader's calendar, so after it the page offers none). One line each.
 *
 * @example pageNotes({ until: '2016-12-31' }) // ['page.until 2016-12-31 has passed: the page will offer no calendar reminder (...)']
 */
export function pageNotes(section: Pick<PageSection, 'until'>, now = new Date()): string[] {
  const today = `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  if (section.until === undefined || section.until >= today) return [];
  return [`page.until ${section.until} has passed: the page will offer no calendar reminder (it offers one up to that day); give the campaign's new last day, or remove page.until`];
}

/**
 * `https://example.org/aleppo` names a folder as often as a file; without a dot in its last part
 * it is taken as the folder, so that `preview.jpg` lands beside index.html and not one level up.
 * The query and fragment belong to the page, not to its folder.
 */
function folderUrl(address: URL): URL {
  const url = new URL(address.href);
  url.search = '';
  url.hash = '';
  const last = url.pathname.split('/').pop() ?? '';
  if (last !== '' && !last.includes('.')) url.pathname += '/';
  return url;
}

/** The JSON-schema fragment for the `page` key of preset.schema.json. */
export function pageSchema(): Record<string, unknown> {
  const localised = (description: string) => ({
    description,
    anyOf: [
      { type: 'string', pattern: '\\S', maxLength: MAX_TEXT_LENGTH },
      {
        type: 'object',
        minProperties: 1,
        propertyNames: { pattern: LANGUAGE_TAG_SCHEMA_PATTERN },
        additionalProperties: { type: 'string', pattern: '\\S', maxLength: MAX_TEXT_LENGTH },
      },
    ],
    examples: [{ ar: '#حلب_تحترق', en: '#AleppoIsBurning' }],
  });
  return {
    description: 'The campaign page that `redframe page` writes: what the organiser says on it, in one language or several.',
    type: 'object',
    additionalProperties: false,
    properties: {
      title: localised('Heading of the page and title of link previews: one string, or one per language ({"ar": "...", "en": "..."}). Default: the banner text.'),
      description: localised('One or two sentences under the title and in link previews: one string, or one per language.'),
      callToAction: localised('What people should do with their avatar, shown beside the download button: one string, or one per language.'),
      credits: localised('Who made the campaign, at the foot of the page: one string, or one per language.'),
      url: {
        description: 'The address the page will be published at, for absolute link-preview image addresses (Facebook and LinkedIn need them). Without it the tags point to preview.jpg beside the page.',
        type: 'string',
        pattern: '^https?://[^/@]*$|^https?://[^/@]+/',
        maxLength: MAX_URL_LENGTH,
        examples: ['https://example.org/aleppo/'],
      },
      languages: {
        description: 'Languages the page offers, the first shown when the browser asks for none of them. Default: the languages of the texts, then ar and en.',
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: LANGUAGE_TAG_SCHEMA_PATTERN },
        examples: [['ar', 'en']],
      },
      interface: {
        description: 'The interface in another language (or reworded), per language tag: every key of the built-in tables (languageName, choosePhoto, ...), each a whole sentence; {file} and {url} stay where the English has them. The direction comes from the language.',
        type: 'object',
        minProperties: 1,
        propertyNames: { pattern: LANGUAGE_TAG_SCHEMA_PATTERN },
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: [...STRING_KEYS],
          properties: Object.fromEntries(STRING_KEYS.map((key) => [key, { type: 'string', pattern: '\\S', maxLength: MAX_TEXT_LENGTH }])),
        },
      },
      until: {
        description: "The campaign's last day (YYYY-MM-DD): the page offers a calendar reminder (.ics, made in the page) to change the avatar back on that day.",
        type: 'string',
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        examples: ['2027-01-31'],
      },
    },
  };
}
