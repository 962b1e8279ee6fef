/**
 * The record redframe keeps in a folder it writes avatars into (`.redframe.json`), so that later
 * runs know its outputs: a folder run over that folder leaves them out instead of turning them red
 * again, and a rerun with another look says which outputs an earlier look made.
 *
 * It holds no personal data: no file names (a name is often a person's), no photos, no paths, no
 * dates; for each output, a hash of its name below the folder, a hash of the look that made it and
 * its size in bytes (so a file that was replaced since is no longer taken for redframe's).
 */
import { createHash } from 'node:crypto';
import { lstat, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { readBounded } from '../files/read-bounded.js';
import { writeAtomic } from '../files/write-atomic.js';
import type { ResolvedOptions } from '../options/resolve.js';
import type { Format } from '../core/formats.js';

/** The record's file name, in the folder the outputs were written to. */
export const MANIFEST_NAME = '.redframe.json';

/** What the file says it is: a file of that name that says otherwise is not ours and is left alone. */
const KIND = 'redframe outputs';
const VERSION = 1;

/**
 * A record takes about 60 bytes: 32 MiB holds half a million outputs. A larger file is not read
 * (and so not rewritten either): the folder then behaves as if it had no record.
 */
const MAX_MANIFEST_BYTES = 32 * 2 ** 20;

const HASH = /^[0-9a-f]{24}$/;

/** What the record says of one output. */
export interface OutputRecord {
  /** `lookFingerprint` of the look that made it. */
  look: string;
  /** Its size when it was written. */
  bytes: number;
}

/** The outputs of one folder, by `nameKey` of their path below it. */
export type Manifest = Map<string, OutputRecord>;

const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 24);

/**
 * The key of an output in the record: a hash of its path below the record's folder (separators
 * as `/`), so the record names nobody.
 *
 * @example nameKey('team/ali.jpg') === nameKey(['team', 'ali.jpg'].join(path.sep)) // true
 */
export function nameKey(relative: string): string {
  return hash(relative.split(sep).join('/'));
}

/** Look options an avatar does not show: a change of them is no change of the avatars' look. */
const NOT_ON_AVATARS = new Set(['message']);

/**
 * A hash of everything that decides how an avatar looks (every resolved look option but the
 * covers' message, and the output format): two runs with the same preset and flags give the same
 * fingerprint, and any change of mode, colour, text, frame, size, quality or font file path gives
 * another.
 *
 * @example lookFingerprint(createRenderer({}).options, 'jpeg') !== lookFingerprint(createRenderer({ mode: 'wash' }).options, 'jpeg') // true
 */
export function lookFingerprint(options: ResolvedOptions, format: Format): string {
  const look = options as unknown as Record<string, unknown>;
  const keys = Object.keys(look).filter((key) => look[key] !== undefined && !NOT_ON_AVATARS.has(key)).sort();
  return hash(JSON.stringify([VERSION, format, keys.map((key) => [key, look[key]])]));
}

/**
 * The record of `folder`, or undefined when it has none that redframe can read (absent, too large,
 * not JSON, or a file of that name that is not redframe's). Entries that are not well formed are
 * dropped.
 */
export async function readManifest(folder: string): Promise<Manifest | undefined> {
  let parsed: unknown;
  try {
    const bytes = await readBounded(join(folder, MANIFEST_NAME), { maxBytes: MAX_MANIFEST_BYTES, code: 'IO_ERROR', limitName: 'the record limit' });
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isOurs(parsed)) return undefined;
  const manifest: Manifest = new Map();
  for (const [key, value] of Object.entries(parsed.outputs)) {
    const record = value as Partial<OutputRecord> | null;
    if (HASH.test(key) && record && typeof record.look === 'string' && HASH.test(record.look) && Number.isSafeInteger(record.bytes) && record.bytes! >= 0) {
      manifest.set(key, { look: record.look, bytes: record.bytes! });
    }
  }
  return manifest;
}

/**
 * Tells, for an output path in `folder` (or below it), whether the folder's record says another
 * look than `look` made the file that is there now (same size as recorded). Outputs with no
 * record (made before records were kept, or replaced since) are not said to be.
 */
export async function madeWithAnotherLook(folder: string, look: string): Promise<(output: string) => Promise<boolean>> {
  const recorded = await readManifest(folder);
  return async (output) => {
    const record = recorded?.get(nameKey(relative(folder, output)));
    if (!record || record.look === look) return false;
    return (await stat(output).catch(() => undefined))?.size === record.bytes;
  };
}

function isOurs(value: unknown): value is { outputs: Record<string, unknown> } {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.kind === KIND && record.version === VERSION && typeof record.outputs === 'object' && record.outputs !== null && !Array.isArray(record.outputs);
}

/**
 * Adds `records` to the record of `folder`, written atomically (a whole file or the old one,
 * never half of one). What is there at write time is read again and kept, and read back after
 * the write, so two runs writing into one folder each keep the other's outputs. (Without a lock,
 * a run that replaces the record just after this one read it back can still drop this one's new
 * records: those outputs are then treated as having none, as before records were kept.) A file
 * of that name that is not redframe's is never replaced: then nothing is recorded.
 *
 * Resolves to whether the record was written; it never throws: the record helps later runs, and
 * an output folder that takes the avatars but not the record is no reason to fail a run.
 */
export function recordOutputs(folder: string, records: Manifest): Promise<boolean> {
  if (records.size === 0) return Promise.resolve(true);
  // Writes into one folder from this process go one after the other, so none reads the record
  // while another is about to replace it.
  const done = (writing.get(folder) ?? Promise.resolve(true)).then(() => mergeInto(folder, records));
  writing.set(folder, done);
  void done.then(() => {
    if (writing.get(folder) === done) writing.delete(folder);
  });
  return done;
}

const writing = new Map<string, Promise<boolean>>();

async function mergeInto(folder: string, records: Manifest): Promise<boolean> {
  // Another process may replace the record between our read and our rename, with its own merge
  // that lacks ours: read it back, and merge again when ours are missing (a few times at most).
  for (let attempt = 0; attempt < MERGE_ATTEMPTS; attempt++) {
    try {
      const present = await readManifest(folder);
      if (!present && (await exists(join(folder, MANIFEST_NAME)))) return false;
      if (present && attempt > 0 && holds(present, records)) return true;
      const merged = present ?? new Map();
      for (const [key, record] of records) merged.set(key, record);
      const outputs = Object.fromEntries([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const text = JSON.stringify({
        kind: KIND,
        version: VERSION,
        about: 'Written by redframe so that later runs know the avatars it made here: hashes of their names and of the look that made each, and their sizes. No names, no photos. Safe to delete.',
        outputs,
      });
      await writeAtomic(join(folder, MANIFEST_NAME), Buffer.from(`${text}\n`, 'utf8'), { overwrite: true });
    } catch {
      return false;
    }
  }
  return true;
}

const MERGE_ATTEMPTS = 3;

function holds(manifest: Manifest, records: Manifest): boolean {
  for (const [key, record] of records) {
    const kept = manifest.get(key);
    if (!kept || kept.look !== record.look || kept.bytes !== record.bytes) return false;
  }
  return true;
}

async function exists(path: string): Promise<boolean> {
  return Boolean(await lstat(path).catch(() => undefined));
}
