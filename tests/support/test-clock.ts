/**
 * The instant every clock-dependent test runs at, so that no outcome depends on the day the suite
 * runs. HEALTH_SYNC_TEST_NOW (an ISO instant) moves it: `npm run test:instants` runs the e2e suite
 * at each of AWKWARD_INSTANTS.
 */
export const DAY_MS = 86_400_000;

/** A plain Wednesday afternoon: the suite's default instant. */
export const DEFAULT_TEST_NOW = '2026-06-10T14:20:00.000Z';

/** Instants where calendar arithmetic tends to break. */
export const AWKWARD_INSTANTS: Readonly<Record<string, string>> = {
  'month end': '2026-03-31T22:45:00.000Z',
  // 01:30 in Los Angeles happens twice this night; the Jira sandbox user lives there.
  'US DST change (fall back)': '2026-11-01T08:50:00.000Z',
  '29 February': '2028-02-29T12:00:00.000Z',
  '23:59:30 UTC on a Sunday': '2026-12-06T23:59:30.000Z',
};

function parseInstant(text: string): number {
  const t = Date.parse(text);
  if (Number.isNaN(t) || !/^\d{4}-\d\d-\d\dT/.test(text))
    throw new Error(`HEALTH_SYNC_TEST_NOW must be an ISO instant such as ${DEFAULT_TEST_NOW}; got "${text}"`);
  return t;
}

export const TEST_NOW: number = parseInstant(process.env['HEALTH_SYNC_TEST_NOW'] || DEFAULT_TEST_NOW);

/** The UTC day TEST_NOW falls in: where the sandbox's data ends, as when a user starts it that day. */
export const TEST_DAY: number = Math.floor(TEST_NOW / DAY_MS) * DAY_MS;

/** The env that pins a CLI child process's clock to a sandbox clock now reading `simNow`. */
export function pinnedClockEnv(simNow: number): Record<string, string> {
  return { SANDBOX_CLOCK_OFFSET_MS: String(simNow - Date.now()) };
}
