/** The reasons a test gives for not running on a platform (test/platform.ts), and the missing-browser rule. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CANNOT, missingBrowser } from './platform.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the reasons a test cannot run on this platform', () => {
  it('are none on Linux, where the suite is written: nothing is skipped there for the platform', (ctx) => {
    if (process.platform !== 'linux') return ctx.skip(`checks Linux, and this is ${process.platform}`);
    expect(Object.entries(CANNOT).filter(([, reason]) => reason !== undefined)).toEqual([]);
  });

  it('name the browser, where it was looked for and the variable that points at it, once missing browsers skip', () => {
    vi.stubEnv('REDFRAME_MISSING_BROWSERS', 'skip');
    expect(missingBrowser('Firefox', '/nowhere/firefox', 'REDFRAME_FIREFOX')).toBe('Firefox is not at /nowhere/firefox: set REDFRAME_FIREFOX to its executable to run these tests');
    expect(missingBrowser('Node', process.execPath, 'NODE')).toBeUndefined();
  });

  it('leave a missing browser failing on Linux unless told to skip, since .ci/run installs the three', (ctx) => {
    if (process.platform !== 'linux') return ctx.skip(`checks Linux, and this is ${process.platform}`);
    vi.stubEnv('REDFRAME_MISSING_BROWSERS', '');
    expect(missingBrowser('Firefox', '/nowhere/firefox', 'REDFRAME_FIREFOX')).toBeUndefined();
  });
});
