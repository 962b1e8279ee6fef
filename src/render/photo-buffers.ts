/**
 * Buffers that photos are read into, used again by the next photo once the decoder is done with
 * them. A batch reads a 3-5 MB file for every photo; as new buffers, each became garbage outside
 * V8's heap, freed only when the garbage collector next ran, so dead photos piled up between
 * collections and a long batch peaked higher than a short one. Reading into memory already
 * touched also skips the page faults of fresh memory.
 *
 * At most `MAX_KEPT` buffers of up to `MAX_KEPT_BYTES` each are kept, and none once no photo has
 * been read for `IDLE_MS`: a program that renders one photo keeps nothing.
 */
const MAX_KEPT = 8;
const MAX_KEPT_BYTES = 32 * 1024 * 1024;
/**
 * New buffers are at least this large (rounded up to a whole MiB), so a phone photo fits any kept
 * one. Only the bytes read are ever touched, so the rest costs address space, not memory.
 */
const MIN_BYTES = 8 * 1024 * 1024;
const MIB = 1024 * 1024;
const IDLE_MS = 1000;

const kept: Buffer[] = [];
let idle: NodeJS.Timeout | undefined;

/** A buffer for one photo's bytes, given back with `release` once nothing reads them any more. */
export interface PhotoBufferLease {
  /** A buffer of exactly `bytes` bytes (a view of a kept buffer, or of a new one). */
  allocate(bytes: number): Buffer;
  /** Gives the buffer back. After this, the bytes it held may be overwritten at any time. */
  release(): void;
}

/**
 * Lends one buffer for reading a photo.
 *
 * @example
 * const lease = leasePhotoBuffer();
 * try { await decode(await readPhoto(path, path, limit, lease.allocate)); } finally { lease.release(); }
 */
export function leasePhotoBuffer(): PhotoBufferLease {
  let lent: Buffer | undefined;
  return {
    allocate(bytes) {
      if (lent) throw new Error('a photo buffer lease allocates once');
      // The smallest kept buffer that fits.
      let best = -1;
      for (let i = 0; i < kept.length; i++) {
        if (kept[i]!.length >= bytes && (best < 0 || kept[i]!.length < kept[best]!.length)) best = i;
      }
      lent = best >= 0 ? kept.splice(best, 1)[0]! : Buffer.allocUnsafeSlow(Math.ceil(Math.max(bytes, MIN_BYTES) / MIB) * MIB);
      return lent.subarray(0, bytes);
    },
    release() {
      if (!lent) return;
      const buffer = lent;
      lent = undefined;
      if (kept.length >= MAX_KEPT || buffer.length > MAX_KEPT_BYTES) return;
      kept.push(buffer);
      idle ??= setTimeout(() => {
        kept.length = 0;
        idle = undefined;
      }, IDLE_MS).unref();
      idle.refresh();
    },
  };
}

/** How many buffers are kept now (for tests). */
export function keptPhotoBuffers(): number {
  return kept.length;
}
