/**
 * The one place values are checked, with one message shape: "Expected X for NAME but received Y".
 * NAME is the API key (`frameWidth`, `maxPixels`); the command line adds its flag advice.
 */
import { parseColour } from '../core/colour.js';
import { invalid, quote, RedframeError } from '../core/errors.js';
import { checkSegment } from '../words/segment.js';
import type { MessageParagraph } from '../words/look.js';
import { OPTION_TABLE, type OptionSpec, type OptionValue } from './table.js';

export function fail(name: string, expected: string, value: unknown): never {
  throw invalid(name, expected, value);
}

/** An error from a caller's getter or Proxy trap, as one line naming what was being read. */
function unreadable(what: string, error: unknown): RedframeError {
  const why = (error instanceof Error ? error.message : String(error)).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, 120);
  return new RedframeError('INVALID_OPTION', `Could not read ${what}: ${why}; give plain values`, undefined, { cause: error });
}

/**
 * Runs `read`, which reads a caller's value, and turns what it throws (a getter's or a Proxy
 * trap's error, a revoked Proxy's TypeError) into INVALID_OPTION naming `name`; redframe's own
 * errors pass as they are.
 *
 * @example readGuarded('entries', () => entries.map(({ file }) => file))
 */
export function readGuarded<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RedframeError) throw error;
    throw unreadable(name, error);
  }
}

/**
 * A caller's object read once into a plain one, before any check: getters and Proxy traps run
 * here, and one that throws becomes INVALID_OPTION naming what was read, so no later check meets a
 * value that throws, or changes between two reads. `what` names a key in messages ("option").
 *
 * @example plainObject({ get size() { throw new Error('no') } }, 'option') // throws: Could not read the options: no; give plain values
 */
export function plainObject(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value, `the ${what}s`)) throw invalid(undefined, `an object of ${what}s`, value);
  try {
    const copy: Record<string, unknown> = {};
    // Defined, not assigned: JSON.parse makes "__proto__" an own key, and an assignment would
    // set the copy's prototype (its keys then read as options) or drop it, where the key checks
    // must see it and refuse it as unknown.
    for (const key of Object.keys(value)) Object.defineProperty(copy, key, { value: value[key], enumerable: true, writable: true, configurable: true });
    return copy;
  } catch (error) {
    throw unreadable(`the ${what}s`, error);
  }
}

/**
 * Array.isArray, which throws a TypeError for a revoked Proxy: that one becomes INVALID_OPTION
 * naming `name`, as any value that cannot be read.
 *
 * @example isList(['#a'], 'text') // true
 */
export function isList(value: unknown, name: string): value is unknown[] {
  try {
    return Array.isArray(value);
  } catch (error) {
    throw unreadable(name, error);
  }
}

/** An object that is not a list (a revoked Proxy is refused as `isList` refuses it). */
export function isRecord(value: unknown, name: string): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !isList(value, name);
}

/**
 * A caller's bytes (a Buffer or another Uint8Array) read once into a Buffer over the same memory,
 * guarded as `plainObject` is: a Proxy whose traps throw, or whose `byteLength` getter does,
 * becomes INVALID_OPTION naming `name`, and what follows reads a real Buffer, never the caller's
 * object. Undefined when `value` is not bytes.
 *
 * @example plainBytes(new Uint8Array([1, 2]), 'input') // <Buffer 01 02>
 */
export function plainBytes(value: unknown, name: string): Buffer | undefined {
  try {
    if (!(value instanceof Uint8Array)) return undefined;
    const { buffer, byteOffset, byteLength } = value;
    // An ArrayBuffer transferred to a worker (detached) reads as empty, and cannot be viewed.
    return byteLength === 0 ? Buffer.alloc(0) : Buffer.from(buffer, byteOffset, byteLength);
  } catch (error) {
    throw unreadable(name, error);
  }
}

/**
 * A caller's list read once into a plain array of at most `max` items, its length checked before
 * any item is read (a sparse array of length 1e9 is refused at once), holes read as undefined.
 * Undefined when `value` is not an array.
 */
export function plainList(value: unknown, name: string, max: number, items: string): unknown[] | undefined {
  if (!isList(value, name)) return undefined;
  try {
    const length = value.length;
    if (length > max) return fail(name, `at most ${max} ${items}`, length);
    return Array.from({ length }, (_, i) => value[i] as unknown);
  } catch (error) {
    if (error instanceof RedframeError) throw error;
    throw unreadable(name, error);
  }
}

/** What a kind of value must be, in words: "an integer from 64 to 4096". */
export function expectedText(value: OptionValue): string {
  switch (value.type) {
    case 'integer':
      return `an integer from ${value.min}${value.max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${value.max}`}`;
    case 'number':
      return `a number from ${value.min} to ${value.max}`;
    case 'choice':
      return `one of ${value.choices.join(', ')}`;
    case 'colour':
      return 'a CSS colour (a name, #rrggbb or rgb(r, g, b))';
    case 'lines':
      return 'a string or a list of strings';
    case 'message':
      return 'a string, a list of strings, or a map from a language tag to either';
    case 'files':
      return 'a font file path or a list of them';
    case 'language':
      return 'a BCP 47 language tag (such as ar, ur or fa-IR)';
    case 'path':
      return 'a file path';
    case 'switch':
      return 'true or false';
  }
}

/** A BCP 47 tag as people write them: a 2-3 letter language, then subtags (`ar`, `fa-IR`, `zh-Hant`). */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
export const LANGUAGE_TAG_PATTERN = LANGUAGE_TAG.source;

/**
 * Checks one value against its table entry and returns it in resolved form (colours parsed,
 * lists as lists, second spellings made canonical). Throws INVALID_OPTION naming `name`.
 *
 * @example checkValue(sizeEntry, 800, 'size') // 800
 */
export function checkValue(entry: Pick<OptionSpec, 'value'>, value: unknown, name: string): unknown {
  const spec = entry.value;
  switch (spec.type) {
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value) && value >= spec.min && value <= spec.max) return value;
      return fail(name, expectedText(spec), value);
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max) return value;
      return fail(name, expectedText(spec), value);
    case 'choice': {
      const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
      const canonical = lower === undefined ? undefined : (spec.aliases?.[lower] ?? lower);
      if (canonical !== undefined && spec.choices.includes(canonical)) return canonical;
      return fail(name, expectedText(spec), value);
    }
    case 'colour':
      return parseColour(value, name);
    case 'lines':
      return lines(name, value);
    case 'message':
      return message(name, value);
    case 'files': {
      const list = typeof value === 'string' ? [value] : plainList(value, name, MAX_FONTS, 'fonts');
      if (!list || list.some((file) => typeof file !== 'string' || file === '')) return fail(name, expectedText(spec), value);
      return list as string[];
    }
    case 'language':
      if (typeof value === 'string' && LANGUAGE_TAG.test(value)) return value;
      return fail(name, expectedText(spec), value);
    case 'path':
      if (typeof value === 'string' && value !== '') return value;
      return fail(name, expectedText(spec), value);
    case 'switch':
      if (typeof value === 'boolean') return value;
      return fail(name, expectedText(spec), value);
  }
}

/**
 * Checks one value of any option of the table by its key, naming it `name` in the message (the
 * key, or a flag for a command line). Returns the value in resolved form.
 *
 * @example checkOption('concurrency', 0, '--concurrency') // throws: Expected an integer from 1 to 64 for --concurrency but received 0
 */
export function checkOption(key: string, value: unknown, name = key): unknown {
  const entry = OPTION_TABLE.find((e) => e.key === key);
  if (!entry) throw new RedframeError('INVALID_OPTION', `Unknown option ${quote(key)}; expected one of ${OPTION_TABLE.map((e) => e.key).join(', ')}`);
  return checkValue(entry, value, name);
}

/**
 * Banner text is checked for length before anything else touches it: no banner fits more, and
 * shaping, bidi and fitting grow with the text (a 400 KB segment in a preset once ran V8 out of
 * memory after a minute; a 100,000-character --text took 9 s and 1.4 GB to be refused).
 */
export const MAX_TEXT_CHARACTERS = 200;
export const MAX_TEXT_SEGMENTS = 10;
/** More fonts than a banner of 10 segments needs, each up to 64 MiB. */
export const MAX_FONTS = 16;

/**
 * Banner text: one segment or a list; each segment one non-empty line, NFC, without control or
 * bidi characters (a tab becomes a space; see `checkSegment`). A message names the segment.
 */
function lines(name: string, value: unknown): string[] {
  // The length is checked before any segment is read: a sparse list of length 1e9 is refused at once.
  const list = typeof value === 'string' ? [value] : plainList(value, name, MAX_TEXT_SEGMENTS, 'text segments');
  if (!list || list.some((t) => typeof t !== 'string')) return fail(name, 'a string or a list of strings', value);
  // UTF-16 length first: it bounds the count of characters, so a huge string is never spread.
  const long = (list as string[]).find((t) => t.length > MAX_TEXT_CHARACTERS && [...t].length > MAX_TEXT_CHARACTERS);
  if (long !== undefined) return fail(name, `at most ${MAX_TEXT_CHARACTERS} characters per text segment`, long);
  const segments = (list as string[]).map((t) => t.normalize('NFC').trim());
  const segmentName = (index: number) => (segments.length === 1 ? name : `${name} segment ${index + 1}`);
  const empty = segments.findIndex((t) => t === '');
  if (empty >= 0) return fail(segmentName(empty), 'non-empty text', (list as string[])[empty]);
  if (segments.some((t) => /[\n\r]/.test(t))) return fail(name, 'one line per segment (a list of segments for more lines)', value);
  return segments.map((t, i) => checkSegment(t, segmentName(i)));
}

/** The most paragraphs a message has, and characters in one: more than any card shows. */
export const MAX_MESSAGE_PARAGRAPHS = 10;
export const MAX_MESSAGE_CHARACTERS = 1000;

/**
 * A message: paragraphs, each one non-empty line (NFC, trimmed, no control or bidi characters),
 * from a string, a list, or a map from a BCP 47 language tag to either. A map keeps its order.
 */
function message(name: string, value: unknown): MessageParagraph[] {
  const paragraphs: { text: unknown; language: string | undefined; name: string }[] = [];
  const add = (item: unknown, language: string | undefined, itemName: string) => {
    const list = typeof item === 'string' ? [item] : plainList(item, itemName, MAX_MESSAGE_PARAGRAPHS, 'paragraphs');
    if (!list) return fail(itemName, 'a string or a list of strings', item);
    list.forEach((text, i) => paragraphs.push({ text, language, name: list.length === 1 ? itemName : `${itemName} paragraph ${i + 1}` }));
    return undefined;
  };
  if (isRecord(value, name)) {
    for (const [language, item] of Object.entries(plainObject(value, `${name} language`))) {
      if (!LANGUAGE_TAG.test(language)) return fail(`a key of ${name}`, 'a BCP 47 language tag (such as ar, en or fa-IR)', language);
      add(item, language, `${name}.${language}`);
    }
  } else if (typeof value === 'string' || isList(value, name)) {
    add(value, undefined, name);
  } else {
    return fail(name, expectedText({ type: 'message' }), value);
  }
  if (paragraphs.length > MAX_MESSAGE_PARAGRAPHS) return fail(name, `at most ${MAX_MESSAGE_PARAGRAPHS} paragraphs`, paragraphs.length);
  return paragraphs.map(({ text, language, name: itemName }) => {
    if (typeof text !== 'string') return fail(itemName, 'a string', text);
    // UTF-16 length first: it bounds the count of characters, so a huge string is never spread.
    if (text.length > MAX_MESSAGE_CHARACTERS && [...text].length > MAX_MESSAGE_CHARACTERS) return fail(itemName, `at most ${MAX_MESSAGE_CHARACTERS} characters per paragraph`, text);
    const trimmed = text.normalize('NFC').trim();
    if (trimmed === '') return fail(itemName, 'non-empty text', text);
    if (/[\n\r]/.test(trimmed)) return fail(itemName, 'one paragraph without line breaks (a list for more paragraphs)', text);
    return { text: checkSegment(trimmed, itemName), ...(language ? { language } : {}) };
  });
}

const camel = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known word a misspelt one was most likely meant to be: the kebab-case spelling of a key,
 * or one within two edits (one for short words), else undefined.
 *
 * @example didYouMean('soild', ['aleppo', 'solid', 'plain']) // 'solid'
 */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  if (known.includes(camel(word))) return camel(word);
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = lower.length <= 4 ? 1 : 2;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (d <= bestDistance && (best === undefined || d < bestDistance)) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Rejects keys that are not known, with a hint when only the spelling is off. */
export function rejectUnknownKeys(object: unknown, known: readonly string[], what: string, file?: string): void {
  if (!isRecord(object, `the ${what}s`)) {
    throw invalid(undefined, `an object of ${what}s`, object, { file });
  }
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const guess = didYouMean(key, known);
    const hint = guess ? ` (did you mean ${quote(guess)}?)` : '';
    throw new RedframeError('INVALID_OPTION', `Unknown ${what} ${quote(key)}${hint}; expected one of ${known.join(', ')}`, file);
  }
}
