import { defineConfig } from 'vitest/config';

/**
 * `npm run soak:429`: one scenario run many times (tests/e2e/heavy/*.soak.ts), kept out of `npm test`
 * and `npm run test:faults` because it takes tens of minutes.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/heavy/**/*.soak.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 4 * 3_600_000,
    hookTimeout: 600_000,
  },
});
