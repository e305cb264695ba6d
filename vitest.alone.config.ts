import { defineConfig } from 'vitest/config';

/**
 * The second half of `npm test`: files that measure how fast the server answers
 * (`tests/**\/*.alone.test.ts`) run after the others, one at a time, so that no other test file's
 * processes share the two cores while they measure.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.alone.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
