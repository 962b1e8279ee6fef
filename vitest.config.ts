import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Image work is CPU-bound and the machines have 2 cores: more workers only thrash.
    maxWorkers: 2,
    // The default reporter, and a line for each skipped test saying why (its ctx.skip note).
    reporters: ['default', './test/skip-reasons.ts'],
    // The commands the tests start keep their overlay cache here, never in the user's ~/.cache.
    env: { XDG_CACHE_HOME: join(tmpdir(), 'redframe-test-cache') },
  },
});
