import { abandonWrites } from '../files/write-atomic.js';
import { howToEnd, poolBusy } from './ending.js';
import { EXIT } from './io.js';
import { runCli } from './run.js';

/**
 * The process around the CLI: signals and exit status.
 *
 * - The first Ctrl-C (SIGINT) stops new work: a batch lets the images in flight finish, prints its
 *   summary and exits 130; a one-photo run, cover, card and page stop at once and write nothing
 *   (there is nothing else to finish).
 * - SIGTERM (what `timeout`, `kill`, systemd and `docker stop` send) does the same but gives the
 *   run one second: whatever is still running then is abandoned.
 * - A second signal abandons everything at once.
 *
 * Abandoning means: stop every write (none makes a temporary file or puts a file in place after
 * that), remove this run's temporary files, then end the process by the signal itself.
 * `process.exit` cannot be used for that: it waits for every busy thread (a decoder in the middle
 * of a 60-second photo, a read that never returns), so it could hang for as long as they run.
 * Dying by the signal is what the shell expects too (status 130 for SIGINT, 143 for SIGTERM).
 * Windows has no signal to die by (killing itself gives status 1): there the process exits with
 * 130 or 143 when no thread is busy, and is terminated at once, status 1, when one is (ending.ts).
 */
const SIGTERM_GRACE_MS = 1000;
// How long temporary files get to be removed before the process ends anyway.
const CLEANUP_MS = 500;
// After the run returned on Ctrl-C, how long abandoned work may keep the process alive (after
// SIGTERM, the signal's own grace second does that). Only a process still busy then is ended by
// the signal; one with nothing left has ended by itself long before, with status 130. It was
// 100 ms: on a loaded machine a process with nothing left could take that long to end and was
// then killed by the signal, so the same interrupted run ended two ways.
const AFTER_RUN_MS = 1000;

const controller = new AbortController();
let signals = 0;
let lastSignal: NodeJS.Signals = 'SIGINT';
let stopping = false;
// Once the run has returned it has said what happened; a later stop does not say it again.
let returned = false;

const onSignal = (signal: NodeJS.Signals) => {
  signals++;
  lastSignal = signal;
  controller.abort();
  if (signals > 1) void stopNow(signal);
  else if (signal === 'SIGTERM') setTimeout(() => void stopNow(signal, !returned), SIGTERM_GRACE_MS).unref();
};

async function stopNow(signal: NodeJS.Signals, say = true): Promise<void> {
  if (stopping) return;
  stopping = true;
  const timer = new Promise<false>((done) => setTimeout(() => done(false), CLEANUP_MS));
  // From here no write makes a temporary file or puts one in place: what is removed stays removed.
  const removed = abandonWrites().then(() => true, () => false);
  const clean = await Promise.race([removed, timer]);
  if (say) {
    process.stderr.write(clean
      ? `redframe: stopped by ${signal}; work in flight was abandoned and its temporary files removed\n`
      : `redframe: stopped by ${signal}; work in flight was abandoned; its temporary files (.redframe-tmp-*) could not all be removed in time, and the next run in that folder removes them\n`);
  }
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  const ending = howToEnd(signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT', process.platform, process.platform === 'win32' && await poolBusy());
  if ('kill' in ending) process.kill(process.pid, ending.kill);
  else process.exit(ending.exitCode);
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok); // `redframe - -o - | head` is not an error
});

const status = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
returned = true;
process.exitCode = controller.signal.aborted && status !== EXIT.usage ? EXIT.interrupted : status;
if (controller.signal.aborted) {
  // A one-photo run returns on the signal without waiting for its decoder: if the decoder keeps
  // the process alive, it is not waited for beyond AFTER_RUN_MS (SIGINT) or the grace second
  // (SIGTERM, whose timer is already running).
  if (lastSignal === 'SIGINT') setTimeout(() => void stopNow(lastSignal, false), AFTER_RUN_MS).unref();
  // Standard input is not read any more; left open, it would keep the process waiting.
  process.stdin.destroy();
}
