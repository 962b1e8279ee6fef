/**
 * Makes a process of the command look as if it ran on another system, for the tests that cannot
 * have one: `NODE_OPTIONS=--import=<this file>` with `AS_PLATFORM=win32` (or `darwin`).
 *
 * - `process.platform` says so. Node picked its `path` (POSIX) when it started, before this runs,
 *   so paths stay Linux's: only the code that asks `process.platform` sees another system.
 * - sharp is loaded first, as this machine's: it picks its prebuilt binary by `process.platform`.
 * - As `win32`, the process killing itself with SIGINT, SIGTERM or SIGKILL ends at once with
 *   status 1, running no exit handler: what libuv does on Windows (`TerminateProcess(handle, 1)`
 *   in uv__kill, src/win/process.c), where those signals cannot be raised.
 * - With `AS_PLATFORM_BUSY=1`, a timer keeps the process alive, as a decoder still running would,
 *   and standard error says `as-platform: SIGINT listened` once the command listens for Ctrl-C
 *   (Node itself catches SIGINT from its start, so /proc cannot tell).
 */
import 'sharp';

const platform = process.env.AS_PLATFORM;
if (platform) Object.defineProperty(process, 'platform', { value: platform });

if (platform === 'win32') {
  const kill = process.kill.bind(process);
  process.kill = (pid, signal) => {
    if (pid === process.pid && ['SIGINT', 'SIGTERM', 'SIGKILL'].includes(signal)) process.reallyExit(1);
    return kill(pid, signal);
  };
}

if (process.env.AS_PLATFORM_BUSY === '1') {
  setInterval(() => undefined, 1 << 30);
  const on = process.on.bind(process);
  process.on = (event, listener) => {
    on(event, listener);
    if (event === 'SIGINT') process.stderr.write('as-platform: SIGINT listened\n');
    return process;
  };
}
