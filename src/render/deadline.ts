import { RedframeError } from '../core/errors.js';

/**
 * One time limit for a whole job (an avatar, or all the covers or cards of one call), shared by
 * its stages. libvips' own timeout is only checked between the tiles it computes: one operation
 * that never yields a tile (its attention crop of a huge scale, an AVIF encode) ran on with no
 * end. So every stage is also raced against this timer, and the job fails at the deadline with
 * TIMEOUT; work libvips cannot be told to stop finishes on its own thread, and its result is
 * dropped.
 */
export interface Deadline {
  /** The limit it was started with, in seconds (for messages). */
  readonly seconds: number;
  /** Whole seconds left for sharp's own `timeout()` (which counts whole seconds; 0 would mean none). */
  sharpSeconds(): number;
  /** Milliseconds left, 0 once passed. */
  left(): number;
  /** `work`, or a TIMEOUT error with `message` once the deadline passes first. */
  race<T>(work: Promise<T>, message: string): Promise<T>;
  /** Settles once every work raced so far has, in time or not (what it holds can then be reused). */
  settled(): Promise<void>;
}

/**
 * Starts the clock.
 *
 * @example const deadline = startDeadline(60, 'me.jpg'); await deadline.race(decode(), 'decoding took longer than ...');
 */
export function startDeadline(seconds: number, file: string | undefined): Deadline {
  const ends = performance.now() + seconds * 1000;
  const left = () => Math.max(0, ends - performance.now());
  const raced: Promise<unknown>[] = [];
  return {
    seconds,
    left,
    sharpSeconds: () => Math.max(1, Math.ceil(left() / 1000)),
    async race<T>(work: Promise<T>, message: string): Promise<T> {
      let timer: NodeJS.Timeout | undefined;
      const passed = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RedframeError('TIMEOUT', message, file)), left());
      });
      raced.push(work.catch(() => undefined)); // work that fails after the deadline is no one's error
      try {
        return await Promise.race([work, passed]);
      } finally {
        clearTimeout(timer);
      }
    },
    settled: () => Promise.all(raced).then(() => undefined),
  };
}

/** The message of a decode that ran out of time. */
export const decodeTimeoutMessage = (seconds: number) =>
  `decoding took longer than timeoutSeconds (${seconds} s) allows; the file may be hostile or damaged`;

/** The message of a render whose encoder ran out of time (AVIF's is the slow one). */
export const encodeTimeoutMessage = (seconds: number) =>
  `decoding and encoding took longer than timeoutSeconds (${seconds} s) allows; a smaller size, or a format other than AVIF, takes less time`;
