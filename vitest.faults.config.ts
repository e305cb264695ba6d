import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the heavy end-to-end variants (tests/e2e/heavy/*.heavy.ts), kept out of
 * `npm test` because they take minutes: 200 accounts, the production Genesys jobs path, a real
 * one-minute rate-limit wait; and the queue's process faults (tests/queue/*.heavy.ts: workers
 * killed, four workers sharing one tenant's limit). See tests/e2e/README.md. Files that stop the
 * Postgres server (`*.alone.heavy.ts`) run after them, alone: vitest.faults-alone.config.ts.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/heavy/**/*.heavy.ts', 'tests/queue/**/*.heavy.ts'],
    exclude: ['**/*.alone.heavy.ts', '**/node_modules/**'],
    environment: 'node',
    pool: 'forks',
    // Each file starts its own sandboxes and CLI processes; two at once suit a 2-core machine.
    maxWorkers: 2,
    testTimeout: 900_000,
    hookTimeout: 600_000,
  },
});
