/**
 * Whether overlays are kept on disk between runs, and where: a setting of the process, made by the
 * command (the library keeps none unless told). Kept apart from disk-cache.ts, which loads the
 * image engine, so the command can set it before it knows whether it will render anything.
 */
let folder: string | undefined;
const writes = new Set<Promise<unknown>>();

/**
 * Keeps overlays in `where` from now on (the command passes `$XDG_CACHE_HOME/redframe`), or none
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
