import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Image work is CPU-bound and the machines have 2 cores: more workers only thrash.
    maxWorkers: 2,
  },
});
