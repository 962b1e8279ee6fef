/**
 * The library checks its own inputs: per-image limits and batch settings go through the same
 * table and the same check as the render options, so `{ maxPixels: -1 }`, `concurrency: NaN` or a
 * misspelt `overwite` are refused with "Expected X for NAME but received Y" before any photo is
 * read, instead of failing later under another name.
 */
import { invalid, quote, received, RedframeError } from '../core/errors.js';
import { checkValue, isList, isRecord, plainObject, rejectUnknownKeys } from './check.js';
import { longFlag, optionsOf, type EntryOf, type OptionalInputs } from './table.js';

/**
 * Limits for untrusted photos: `maxPixels` (read from the header, before decoding; default
 * 268,402,689), `maxBytes` (of a photo file or bytes; default 256 MiB), `timeoutSeconds` (per
 * avatar, or per renderCover/renderCard call, every stage of it; 0.001 to 3600; default 60) and
 * `firstFrame` (animated GIF and WebP inputs give a still of their first frame even for WebP or GIF
 * output). Whatever the limits, a photo too thin to make a useful picture is refused
 * (UNUSABLE_SHAPE; see portable/photo-shape.ts).
 */
export type RenderLimits = OptionalInputs<EntryOf<'limits'>>;
export type ResolvedLimits = Required<RenderLimits>;

const LIMITS = optionsOf('limits');
const BATCH = optionsOf('batch');

/** Settings of a batch that are not options (functions, a signal, a folder). */
const BATCH_EXTRAS: Record<string, (value: unknown) => boolean> = {
  output: (value) => typeof value === 'string' && value !== '',
  cwd: (value) => typeof value === 'string' && value !== '',
  signal: (value) => value instanceof AbortSignal,
  onFile: (value) => typeof value === 'function',
  onStart: (value) => typeof value === 'function',
};
const EXTRA_EXPECTED: Record<string, string> = {
  output: 'a folder path', cwd: 'a folder path', signal: 'an AbortSignal', onFile: 'a function', onStart: 'a function',
};

/** The keys `renderBatch` and `runPlan` take. */
export const BATCH_SETTING_KEYS: readonly string[] = ['output', ...BATCH.map((e) => e.key), ...LIMITS.map((e) => e.key), 'cwd', 'signal', 'onFile', 'onStart'];

function checkObject(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value, `the ${what}s`)) {
    throw invalid(undefined, `an object of ${what}s (or nothing)`, value);
  }
  return plainObject(value, what);
}

/**
 * Checks render limits and fills in the defaults. Unknown keys are rejected.
 *
 * @example resolveLimits({ timeoutSeconds: 10 }) // { maxPixels: 268402689, timeoutSeconds: 10, firstFrame: false }
 * @example resolveLimits({ maxPixels: -1 }) // throws: Expected an integer from 1 up for maxPixels but received -1
 */
export function resolveLimits(limits?: RenderLimits): ResolvedLimits {
  const given = checkObject(limits, 'render limit');
  rejectUnknownKeys(given, LIMITS.map((e) => e.key), 'render limit');
  return Object.fromEntries(
    LIMITS.map((entry) => [entry.key, given[entry.key] === undefined ? entry.default : checkValue(entry, given[entry.key], entry.key)]),
  ) as ResolvedLimits;
}

/**
 * Checks the settings of `renderBatch`/`runPlan`: the limits, the batch options of the table and
 * the callbacks. Unknown keys are rejected. Returns them read once into a plain object (defaults
 * stay with their users: the concurrency depends on the machine).
 *
 * @example checkBatchSettings({ overwite: true }) // throws: Unknown batch setting "overwite" (did you mean "overwrite"?); ...
 */
export function checkBatchSettings<T extends object>(settings: T | undefined): T {
  const given = checkObject(settings, 'batch setting');
  rejectUnknownKeys(given, BATCH_SETTING_KEYS, 'batch setting');
  for (const entry of [...BATCH, ...LIMITS]) if (given[entry.key] !== undefined) checkValue(entry, given[entry.key], entry.key);
  for (const [key, valid] of Object.entries(BATCH_EXTRAS)) {
    if (given[key] !== undefined && !valid(given[key])) {
      throw invalid(key, EXTRA_EXPECTED[key]!, given[key]);
    }
  }
  return given as T;
}

/**
 * Limits given as flags (values as the command line parsed them, under their API keys), each
 * checked by its table entry and named by its flag in a message.
 *
 * @example limitsFromFlags({ timeoutSeconds: 0 }) // throws: Expected a number from 0.001 to 3600 for --timeout but received 0
 */
export function limitsFromFlags(given: Readonly<Record<string, unknown>>): RenderLimits {
  return Object.fromEntries(LIMITS.flatMap((e) => (given[e.key] === undefined ? [] : [[e.key, checkValue(e, given[e.key], longFlag(e))]])));
}

/** The limit keys of a batch's settings, for the renderer. */
export function limitsOf(settings: RenderLimits & object): RenderLimits {
  const given = settings as Record<string, unknown>;
  return Object.fromEntries(LIMITS.flatMap((e) => (given[e.key] === undefined ? [] : [[e.key, given[e.key]]])));
}

/**
 * The inputs of `renderBatch` and `planBatch`: a list of photo, folder or glob paths, read once.
 * A string alone is refused rather than walked character by character, and a list with holes (a
 * sparse array) by its count of items, before any is read.
 *
 * @example checkInputList(['photos/', 'me.jpg']) // ['photos/', 'me.jpg']
 * @example checkInputList('photos/') // throws: Expected a list of paths (photos, folders or globs) for inputs but received "photos/"; put it in a list: ["photos/"]
 */
export function checkInputList(inputs: unknown): string[] {
  const expected = 'a list of paths (photos, folders or globs)';
  if (typeof inputs === 'string') throw invalid('inputs', expected, inputs, { hint: `put it in a list: [${quote(inputs)}]` });
  if (!isList(inputs, 'the inputs')) throw invalid('inputs', expected, inputs);
  let list: unknown[];
  try {
    if (Object.keys(inputs).length !== inputs.length) throw invalid('inputs', `${expected} without holes`, received(`a sparse array of length ${inputs.length}`));
    list = [...inputs];
  } catch (error) {
    if (error instanceof RedframeError) throw error;
    throw new RedframeError('INVALID_OPTION', `Could not read the inputs: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}; give plain values`, undefined, { cause: error });
  }
  const bad = list.findIndex((input) => typeof input !== 'string' || input === '');
  if (bad >= 0) throw invalid(`inputs[${bad}]`, 'a path (a photo, a folder or a glob)', list[bad]);
  return list as string[];
}
