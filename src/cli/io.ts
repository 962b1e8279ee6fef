/**
 * What every command runner shares: the process around it (`CliIo`), the exit statuses, and the
 * usage error. Kept apart from run.ts so that the runners below it never import the dispatcher.
 */
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { RedframeError } from '../core/errors.js';
import type { Terminal } from './report.js';

export interface CliIo {
  stdout: Writable & Terminal;
  stderr: Writable & Terminal;
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C / SIGTERM: start nothing new, finish what is in flight. */
  signal?: AbortSignal;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** A mistake in what the command line asked for (exit status 2). */
export function usage(message: string): RedframeError {
  return new RedframeError('INVALID_OPTION', message);
}

/** A path as the user wrote it, made absolute against the command's working folder. */
export function resolvePath(io: Pick<CliIo, 'cwd'>, path: string): string {
  return resolve(io.cwd, path);
}

/**
 * Errors whose --json report was printed where they happened (a one-photo run's report names its
 * input and output); the dispatcher prints the general report for every other error.
 */
export const reportedAsJson = new WeakSet<object>();

/** A run stopped by Ctrl-C or SIGTERM before it wrote anything (one photo, covers, cards, a page). */
export class Interrupted extends Error {}

/** The work's result, or Interrupted as soon as `signal` aborts (the work itself is left to end on its own). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      work.catch(() => undefined); // abandoned: whatever it ends with is no one's error
      reject(new Interrupted());
      return;
    }
    const onAbort = () => reject(new Interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The result of work that stops itself when `signal` aborts and undoes what it had begun (a set of
 * files being written): waited for to its end, so nothing of it is left, and its stop reported as
 * Interrupted.
 */
export async function interruptedWhenAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw signal?.aborted ? new Interrupted() : error;
  }
}

/**
 * The image engine (sharp and libvips) is loaded only when there is something to render, so
 * --help, --version, --list-presets and usage errors answer quickly. Every runner that renders
 * calls this before its first render.
 */
export async function loadSharp(): Promise<void> {
  const { default: sharp } = await import('sharp');
  // libvips' operation cache pays off when the same image is processed again; a batch never does,
  // and the cache (up to 50 MB by default) only made a long batch's memory creep up: 500 photos
  // peaked 13% above 24 with it, within the noise of 24 without it (see test/bench). The process
  // is the command's, so the setting is made here and not in the library, which leaves sharp to
  // its host.
  sharp.cache(false);
}
