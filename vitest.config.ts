import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Latency measurements run alone afterwards (vitest.alone.config.ts).
    exclude: ['tests/**/*.alone.test.ts', '**/node_modules/**'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one worker per core less one: on a 2-core machine, one file at a time. The
    // end-to-end files spend most of their time waiting on the CLI child they started, on the
    // sandbox's Retry-After and on Bulk and Genesys job polls, so two files at once keep both cores
    // busy.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
