import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, photo, runCommand, tempDir } from '../helpers.js';

describe('writing one photo', () => {
  it.runIf(existsSync('/dev/full'))('says the device is full when standard output is /dev/full', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [BIN, photo('chelsea.jpg'), '-o', '-', '--size', '64', '--banner', 'none'], {
        stdio: ['ignore', full, 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: '1' }, encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual(['redframe: standard output: cannot write the image: no space left on the device; free some space']);
    } finally {
      closeSync(full);
    }
  });
});

describe('the one-photo output', () => {
  it('never replaces a pipe or a device with a file, even with --overwrite', async () => {
    const dir = await tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.jpg')]);
    const run = await runCommand([photo('chelsea.jpg'), '-o', 'pipe.jpg', '--size', '64', '--overwrite'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('redframe: pipe.jpg: is not a regular file (a device, pipe or socket); give a file name\n');
    expect((await lstat(join(dir, 'pipe.jpg'))).isFIFO()).toBe(true);
  });
});

describe('an input that cannot be read', () => {
  it('says why, rather than "no such file"', async () => {
    const dir = await tempDir();
    const far = Array.from({ length: 20 }, () => 'f'.repeat(250)).join('/');
    const run = await runCommand([`${far}/photo.jpg`, '-o', 'out/'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/photo\.jpg: the name or path is longer than the file system allows(; check the path)?\n$/);
  });
});
