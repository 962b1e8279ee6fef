/**
 * Why a test cannot run on this platform, for `skipWhere(ctx, CANNOT.x)` at the top of the test:
 * the reason shows in the run's "skipped:" lines (test/skip-reasons.ts). The suite is written on
 * Linux, where every reason here is undefined and nothing is skipped; CI runs it on Windows and
 * macOS too (.github/workflows/ci.yml).
 */
import { existsSync } from 'node:fs';

const windows = process.platform === 'win32';
const linux = process.platform === 'linux';

export const CANNOT = {
  /** Node on Windows ends a child sent SIGINT or SIGTERM at once: its handlers never run. */
  signal: windows ? 'Windows has no POSIX signals: a child sent SIGINT or SIGTERM ends at once, without its handler' : undefined,
  /** /proc/<pid>/status and /proc/<pid>/stat (pending signals, CPU ticks, loaded libraries). */
  procOfAProcess: linux ? undefined : 'reads /proc/<pid>, which only Linux has',
  /** /proc as a folder that takes no new files: elsewhere it is missing, and the message differs. */
  procFolder: linux ? undefined : 'writes into /proc, a Linux system folder that is not there on this platform',
  fifo: windows ? 'Windows has no FIFOs (mkfifo)' : undefined,
  /** /dev/zero, /dev/urandom, /dev/full. */
  devices: windows ? 'Windows has no /dev/zero, /dev/urandom or /dev/full' : undefined,
  /** Folder permissions set with chmod (a read-only folder, a folder others can write to). */
  chmod: windows ? "Windows ignores chmod's permission bits on folders" : undefined,
  /** Creating a symbolic link is a privilege on Windows (Developer Mode or an administrator). */
  symlink: windows ? 'creating a symbolic link needs Developer Mode or an administrator on Windows' : undefined,
  /** A command line run by sh or bash: $'…' quoting, printf, pipes. */
  shell: windows ? 'runs a POSIX shell (sh or bash) command line, which Windows does not have' : undefined,
} as const;

/** Skips the test whose context this is, saying why, when `reason` is given. */
export function skipWhere(ctx: { skip(note: string): never }, reason: string | undefined): void {
  if (reason !== undefined) ctx.skip(reason);
}

/**
 * Why a browser's tests cannot run: its executable is not at `path`. On Linux a missing browser
 * fails its tests (`.ci/run` installs Debian's three) unless REDFRAME_MISSING_BROWSERS=skip, as in
 * the GitHub workflows, whose runners have Chrome and Firefox but not WebKitGTK. Elsewhere it skips.
 */
export function missingBrowser(name: string, path: string, variable: string): string | undefined {
  if (existsSync(path)) return undefined;
  if (linux && process.env.REDFRAME_MISSING_BROWSERS !== 'skip') return undefined;
  return `${name} is not at ${path}: set ${variable} to its executable to run these tests`;
}
