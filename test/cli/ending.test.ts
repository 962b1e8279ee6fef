/**
 * How an interrupted process ends on each system (src/cli/ending.ts): by the signal on Linux and
 * macOS; on Windows, which has none to end by, with status 130 or 143 when no thread is busy.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { howToEnd, poolBusy } from '../../src/cli/ending.js';

describe('howToEnd', () => {
  it('ends by the signal itself on Linux and macOS, busy or not', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(howToEnd('SIGINT', platform, false)).toEqual({ kill: 'SIGINT' });
      expect(howToEnd('SIGTERM', platform, true)).toEqual({ kill: 'SIGTERM' });
    }
  });

  it('exits with 130 after Ctrl-C and 143 after SIGTERM on Windows when no thread is busy', () => {
    expect(howToEnd('SIGINT', 'win32', false)).toEqual({ exitCode: 130 });
    expect(howToEnd('SIGTERM', 'win32', false)).toEqual({ exitCode: 143 });
  });

  it('terminates at once on Windows while a thread is busy, rather than wait for it in exit', () => {
    expect(howToEnd('SIGINT', 'win32', true)).toEqual({ kill: 'SIGINT' });
  });
});

describe('poolBusy', () => {
  it('says busy while sharp works and idle once it is done', async () => {
    // Work of a second or so, asked for just before the question: a tiny image could be done
    // before poolBusy looks, on a fast machine (a loaded one only makes the job slower).
    const job = sharp({ create: { width: 3000, height: 3000, channels: 3, background: 'red' } }).blur(20).png().toBuffer();
    expect(await poolBusy()).toBe(true);
    await job;
    expect(await poolBusy()).toBe(false);
  });
});
