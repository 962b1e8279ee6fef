/**
 * What a failed file-system call means, in words, in one place: every read and write path of
 * redframe (photos, fonts, presets, folders, outputs) turns Node's errno codes into a reason
 * through `describeFileError`, so the same fault reads the same everywhere.
 */

/** Whether the call was reading (photos, fonts, presets, folders walked) or writing (outputs). */
export type FileAccess = 'read' | 'write';

const COMMON: Record<string, string> = {
  ENAMETOOLONG: 'the name or path is longer than the file system allows',
  ELOOP: 'too many levels of symbolic links (a link loop?)',
  EIO: 'input/output error; the disk or device may be failing or was removed',
  EMFILE: 'too many open files in this process',
  ENFILE: 'too many open files on this system',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  ESTALE: 'the network file handle went stale; mount the share again',
  ETIMEDOUT: 'the file system timed out',
  EBUSY: 'the file or device is busy',
  ENOSPC: 'no space left on the device; free some space',
  EDQUOT: 'the disk quota is exceeded; free some space',
  EROFS: 'read-only file system; choose another folder',
  EFBIG: 'the file is too large for this file system',
  EINVAL: 'the file system refused the name or the call',
  EXDEV: 'the paths are on different file systems',
};

const READING: Record<string, string> = {
  ENOENT: 'no such file; check the path',
  ENOTDIR: 'a part of the path is not a folder; check the path',
  EISDIR: 'is a folder; give a file',
  EACCES: 'permission denied; check the file permissions',
  EPERM: 'permission denied; check the file permissions',
};

const WRITING: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a file is in the way, so it cannot be a folder',
  EEXIST: 'already exists',
  EISDIR: 'is a folder; give a file name',
  EACCES: 'permission denied; choose a folder you can write to',
  EPERM: 'permission denied; choose a folder you can write to',
};

/** The errno code of a failed Node call (`'ENOENT'`), or undefined for any other error. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * A short reason for a failed file-system call, without the path (the caller's message names the
 * file once). `wording` replaces the reason of chosen codes where the caller knows more (a missing
 * preset file rather than a missing file). Unknown codes keep Node's words minus the path.
 *
 * @example describeFileError(error, 'read') // 'permission denied; check the file permissions'
 * @example describeFileError(error, 'read', { ENOENT: 'no such preset file; check the path' })
 */
export function describeFileError(error: unknown, access: FileAccess, wording: Record<string, string> = {}): string {
  const code = errnoCode(error);
  if (code) {
    const known = wording[code] ?? (access === 'read' ? READING : WRITING)[code] ?? COMMON[code];
    if (known) return known;
  }
  // Node's message is "ECODE: what, syscall 'path'": keep the words, not the path or the syscall.
  const message = error instanceof Error ? error.message : String(error);
  const words = message.replace(/^E[A-Z0-9]+: /, '').replace(/, \w+ '.*$/s, '');
  return code && !words.includes(code) ? `${words} (${code})` : words;
}

/**
 * The platform whose rules and words apply to files: a function, so that a test can stand in for
 * Windows on any machine.
 */
export function hostPlatform(): NodeJS.Platform {
  return process.platform;
}

/** Codes that mean the device itself is full: no other file can be written there either. */
export function isDeviceFull(error: unknown): boolean {
  const code = errnoCode(error);
  return code === 'ENOSPC' || code === 'EDQUOT';
}
