/**
 * How the process ends once an interrupted run has been cleaned up (see main.ts), on each system.
 *
 * On Linux and macOS it ends by the signal itself, as the shell expects (130 for SIGINT, 143 for
 * SIGTERM), and at once, whatever threads are busy.
 *
 * Windows has no signals to end by: Node's `process.kill` of the process itself calls
 * `TerminateProcess(handle, 1)` (libuv's uv__kill, src/win/process.c), so the status is always 1.
 * `process.exit(130)` gives the status, but Node's exit first waits for libuv's pool threads
 * (`uv_library_shutdown` joins them, on Windows too since libuv 1.38; Node 20 has 1.46), so a
 * decoder in the middle of a photo would hold the process for as long as it runs, and Ctrl-C could
 * not end it then (measured on Linux, Node 20: `process.exit` waited 6 s for a sharp job). So on
 * Windows the process exits with 130 or 143 when no pool thread works for it, and is terminated
 * at once (status 1) only when one still does: never ending is worse than the wrong number.
 */

/** How to end: by the signal, or by exiting with a status. */
export type Ending = { kill: NodeJS.Signals } | { exitCode: number };

/** 128 + the signal's number: what a shell reports for a process ended by the signal. */
export const STATUS_OF_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * How the process ends after `signal`, on `platform`, when `poolBusy` says whether a thread of
 * libuv's pool still works for it (see `poolBusy()`).
 *
 * @example howToEnd('SIGINT', 'win32', false); // { exitCode: 130 }
 */
export function howToEnd(signal: keyof typeof STATUS_OF_SIGNAL, platform: NodeJS.Platform, poolBusy: boolean): Ending {
  return platform === 'win32' && !poolBusy ? { exitCode: STATUS_OF_SIGNAL[signal] } : { kill: signal };
}

/**
 * Whether a thread of libuv's pool still works for this process: a file system request in flight,
 * or sharp's jobs queued or running (sharp.counters(); loaded here if it was not, then idle).
 */
export async function poolBusy(): Promise<boolean> {
  if (process.getActiveResourcesInfo().some((name) => name.startsWith('FSReq'))) return true;
  try {
    const { default: sharp } = await import('sharp');
    const { queue, process: running } = sharp.counters();
    return queue + running > 0;
  } catch {
    return false; // an engine that cannot load runs nothing
  }
}
