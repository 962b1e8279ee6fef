/**
 * Why a test cannot run on this platform, for `skipWhere(ctx, CANNOT.x)` at the top of the test:
 * the reason shows in the run's "skipped:" lines (test/skip-reasons.ts). The suite is written on
 * Linux, where every reason here is undefined and nothing is skipped; CI runs it on Windows and
 * macOS too (.github/workflows/ci.yml).
 */
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const windows = process.platform === 'win32';
const linux = process.platform === 'linux';

/** Whether this system lets this user make a symbolic link: Windows asks for Developer Mode or an administrator. */
function symlinkRefusal(): string | undefined {
  if (!windows) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'redframe-link-'));
  try {
    symlinkSync(dir, join(dir, 'link'), 'dir');
    return undefined;
  } catch (error) {
    return `Windows refused a symbolic link (${(error as NodeJS.ErrnoException).code}): it allows them with Developer Mode or to an administrator`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const CANNOT = {
  /** Node on Windows ends a child sent SIGINT or SIGTERM at once: its handlers never run. */
  signal: windows ? 'Windows has no POSIX signals: a child sent SIGINT or SIGTERM ends at once, without its handler' : undefined,
  /** /proc/<pid>/status, /stat and /maps (pending signals, CPU ticks, loaded libraries), or /proc as a system folder. */
  proc: linux ? undefined : 'uses /proc, which only Linux has',
  fifo: windows ? 'Windows has no FIFOs (mkfifo)' : undefined,
  /** /dev/zero, /dev/urandom, /dev/full, and Unix sockets in the file system. */
  devices: windows ? 'Windows has no /dev/zero and no Unix socket files' : undefined,
  /** Folder permissions set with chmod (a read-only folder, a folder others can write to). */
  chmod: windows ? "Windows ignores chmod's permission bits on folders" : undefined,
  symlink: symlinkRefusal(),
  /** A command line run by sh or bash: $'…' quoting, printf, loops. */
  shell: windows ? 'runs a POSIX shell (sh or bash) command line, which Windows does not have' : undefined,
  /** A path past Linux's PATH_MAX (4096 bytes) and the message Linux gives for it. */
  pathMax: linux ? undefined : "builds a path past Linux's PATH_MAX (4096 bytes): this system's limit and error differ",
  /** File names that are bytes, not UTF-8 (Linux file names are bytes). */
  nonUtf8Names: linux ? undefined : 'needs file names that are not UTF-8: macOS refuses them and Windows names files in UTF-16',
  /** npm and an installed command started with execFile, and a global prefix laid out as bin/ and lib/node_modules/. */
  posixInstall: windows ? 'starts npm and the installed redframe with execFile and looks in <prefix>/bin and <prefix>/lib: Windows installs .cmd shims, which execFile cannot start, straight into the prefix' : undefined,
  controlCharacterNames: windows ? 'Windows forbids control characters in file names' : undefined,
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
