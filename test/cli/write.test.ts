import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, photo } from '../helpers.js';

describe('writing one photo', () => {
  it.runIf(existsSync('/dev/full'))('says the device is full when standard output is /dev/full', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [BIN, photo('chelsea.jpg'), '-o', '-', '--size', '64'], {
        stdio: ['ignore', full, 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: '1' }, encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual(['redframe: standard output: cannot write the image: no space left on the device; free some space']);
    } finally {
      closeSync(full);
    }
  });
});
