import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFileError, errnoCode, isDeviceFull } from '../../src/files/errno.js';
import { tempDir } from '../helpers.js';

const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected the call to fail'), (error: unknown) => error);

describe('describeFileError', () => {
  it('says what a failed read means, without the path', async () => {
    const error = await failure(readFile('/no/such/photo.jpg'));
    expect(errnoCode(error)).toBe('ENOENT');
    expect(describeFileError(error, 'read')).toBe('no such file; check the path');
  });

  it('says what a failed write means, in the words of writing', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'blocker'), '');
    const error = await failure(mkdir(join(root, 'blocker', 'avatars')));
    expect(describeFileError(error, 'write')).toBe('a file is in the way, so it cannot be a folder');
  });

  it('takes the caller\'s words for the codes it knows better', async () => {
    const error = await failure(readFile('/no/such/team.json'));
    expect(describeFileError(error, 'read', { ENOENT: 'no such preset file; check the path' })).toBe('no such preset file; check the path');
  });

  it('keeps Node\'s words minus the path for codes it does not know', () => {
    const error = Object.assign(new Error("EWHATEVER: something odd happened, open '/secret/path.jpg'"), { code: 'EWHATEVER' });
    expect(describeFileError(error, 'read')).toBe('something odd happened (EWHATEVER)');
  });

  it('tells a full device from the rest', () => {
    expect(isDeviceFull(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe(true);
    expect(isDeviceFull(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(false);
    expect(isDeviceFull(new TypeError('not a file error'))).toBe(false);
  });
});
