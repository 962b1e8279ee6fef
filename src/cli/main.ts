import { removePendingTempFiles } from '../files/write-atomic.js';
import { EXIT } from './io.js';
import { runCli } from './run.js';

/**
 * The process around the CLI: signals and exit status.
 *
 * - The first Ctrl-C (SIGINT) stops new work: a batch lets the images in flight finish, prints its
 *   summary and exits 130; a one-photo run stops at once (there is nothing else to finish).
 * - SIGTERM (what `timeout`, `kill`, systemd and `docker stop` send) does the same but gives the
 *   run one second: whatever is still running then is abandoned.
 * - A second signal abandons everything at once.
 *
 * Abandoning means: remove this run's temporary files, then end the process by the signal itself.
 * `process.exit` cannot be used for that: it waits for every busy thread (a decoder in the middle
 * of a 60-second photo, a read that never returns), so it could hang for as long as they run.
 * Dying by the signal is what the shell expects too (status 130 for SIGINT, 143 for SIGTERM).
 */
const SIGTERM_GRACE_MS = 1000;
// How long temporary files get to be removed before the process ends anyway.
const CLEANUP_MS = 500;
// After the run returned on a signal, how long abandoned work may keep the process alive.
const AFTER_RUN_MS = 100;

const controller = new AbortController();
let signals = 0;
let lastSignal: NodeJS.Signals = 'SIGINT';
let stopping = false;

const onSignal = (signal: NodeJS.Signals) => {
  signals++;
  lastSignal = signal;
  controller.abort();
  if (signals > 1) void stopNow(signal);
  else if (signal === 'SIGTERM') setTimeout(() => void stopNow(signal), SIGTERM_GRACE_MS).unref();
};

async function stopNow(signal: NodeJS.Signals, say = true): Promise<void> {
  if (stopping) return;
  stopping = true;
  const timer = new Promise((done) => setTimeout(done, CLEANUP_MS));
  const removed = removePendingTempFiles();
  await Promise.race([removed.catch(() => undefined), timer]);
  if (say) process.stderr.write(`redframe: stopped by ${signal}; work in flight was abandoned and its temporary files removed\n`);
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.kill(process.pid, signal);
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
process.exitCode = controller.signal.aborted && status !== EXIT.usage ? EXIT.interrupted : status;
if (controller.signal.aborted) {
  // A one-photo run returns on the signal without waiting for its decoder: if the decoder keeps
  // the process alive, it is not waited for.
  setTimeout(() => void stopNow(lastSignal, false), AFTER_RUN_MS).unref();
  // Standard input is not read any more; left open, it would keep the process waiting.
  process.stdin.destroy();
}
