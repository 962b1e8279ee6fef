/**
 * Whether overlays are kept on disk between runs, and where: a setting of the process, made by the
 * command (the library keeps none unless told). Kept apart from disk-cache.ts, which loads the
 * image engine, so the command can set it before it knows whether it will render anything.
 */
import { posix, win32 } from 'node:path';

let folder: string | undefined;
const writes = new Set<Promise<unknown>>();

/**
 * Keeps overlays in `where` from now on (the command passes `overlayCacheFolderOf(env)`), or none
 * with undefined, the default.
 *
 * @example useOverlayCache(join(homedir(), '.cache', 'redframe'));
 */
export function useOverlayCache(where: string | undefined): void {
  folder = where;
}

/** The folder overlays are kept in, if any. */
export function overlayCacheFolder(): string | undefined {
  return folder;
}

/** Counts a write to the cache as under way until it ends, for `overlayCacheSettled`. */
export function trackCacheWrite(write: Promise<unknown>): void {
  writes.add(write);
  void write.finally(() => writes.delete(write)).catch(() => undefined);
}

/** Resolves once every overlay being written to the cache is written or given up. */
export async function overlayCacheSettled(): Promise<void> {
  await Promise.allSettled([...writes]);
}

/**
 * Where the command keeps overlays between runs (src/overlay/disk-cache.ts): the user's cache
 * folder where each system keeps caches.
 *
 * - Windows: `%LOCALAPPDATA%\redframe\cache`, even when HOME is set (Git Bash and MSYS set it, and
 *   a cache there would sit in a folder Windows programs do not use for caches). Local, not
 *   Roaming: a cache must not travel with a roaming profile.
 * - macOS: `~/Library/Caches/redframe`, the folder Apple gives for caches (files a program can
 *   make again).
 * - Linux and the rest: `$XDG_CACHE_HOME/redframe`, else `~/.cache/redframe` (the XDG base
 *   directory spec).
 *
 * On every system an absolute XDG_CACHE_HOME wins: neither Windows nor macOS sets it, so it is set
 * only by someone who wants the cache there (the test suite points it at a temporary folder). A
 * relative one is invalid by the spec and ignored, as is a relative HOME or LOCALAPPDATA. None
 * when `REDFRAME_CACHE` is `off` (or 0, no, false), or when the variable a system needs is unset.
 * Paths follow the platform's rules (`path.win32` for Windows), whatever machine runs this, so the
 * Windows answer can be checked on Linux. Only `env` is read, never `os.homedir()`: the command's
 * environment is the one it was given (a test's, in-process), not necessarily the process's.
 *
 * @example useOverlayCache(overlayCacheFolderOf(process.env)); // Linux: /home/me/.cache/redframe
 */
export function overlayCacheFolderOf(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string | undefined {
  if (/^(off|0|no|false)$/i.test(env.REDFRAME_CACHE ?? '')) return undefined;
  const { isAbsolute, join } = platform === 'win32' ? win32 : posix;
  const absolute = (value: string | undefined): value is string => value !== undefined && value !== '' && isAbsolute(value);
  if (absolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'redframe');
  if (platform === 'win32') return absolute(env.LOCALAPPDATA) ? join(env.LOCALAPPDATA, 'redframe', 'cache') : undefined;
  if (!absolute(env.HOME)) return undefined;
  return platform === 'darwin' ? join(env.HOME, 'Library', 'Caches', 'redframe') : join(env.HOME, '.cache', 'redframe');
}
