import { defineConfig } from 'vitest/config';

/**
 * The second half of `npm run test:faults`: files that stop and start the local Postgres server
 * (`tests/**\/*.alone.heavy.ts`), one at a time and after every other file, so that no other test
 * loses its database under it.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.alone.heavy.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 900_000,
    hookTimeout: 600_000,
  },
});
