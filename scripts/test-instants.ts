/**
 * `npm run test:instants`: the end-to-end suite once at each awkward instant (a month end, a US DST
 * change, 29 February, 23:59:30 UTC on a Sunday), with every clock the tests depend on pinned there:
 * proof that no outcome depends on the day the suite runs. Extra arguments go to vitest.
 */
import { spawnSync } from 'node:child_process';
import { AWKWARD_INSTANTS } from '../tests/support/test-clock.ts';

const failed: string[] = [];
for (const [name, instant] of Object.entries(AWKWARD_INSTANTS)) {
  console.log(`\n=== e2e suite at ${instant} (${name}) ===`);
  const r = spawnSync('npx', ['vitest', 'run', 'tests/e2e', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, HEALTH_SYNC_TEST_NOW: instant },
  });
  if (r.status !== 0) failed.push(`${instant} (${name})`);
}
console.log(
  failed.length
    ? `\nThe e2e suite failed at: ${failed.join(', ')}`
    : `\nThe e2e suite passed at all ${Object.keys(AWKWARD_INSTANTS).length} instants.`,
);
process.exit(failed.length ? 1 : 0);
