import { EXIT, runCli } from './run.js';

/**
 * The process around the CLI: signals and exit status. The first Ctrl-C (or SIGTERM) stops new
 * work and lets images in flight finish, so the summary is printed and nothing partial is left;
 * a second one removes temporary files and exits at once.
 */
const controller = new AbortController();
let interrupts = 0;
const onSignal = () => {
  interrupts++;
  controller.abort();
  if (interrupts > 1) {
    // The engine is loaded whenever a write can be in flight, so this import is already done.
    void import('../index.js').then((engine) => engine.removePendingTempFiles()).finally(() => process.exit(EXIT.interrupted));
  }
};
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
