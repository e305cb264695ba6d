import { DAY_MS } from './options.ts';

/**
 * Named accounts whose health is obvious, so a correct score is recognisable:
 * - healthy: good CSAT, SLAs met, no escalations, no risk language, no open serious bugs, nobody
 *   coming back about the same problem, uptime near 100%;
 * - deteriorating: like healthy until 30 days ago, then bad in every way (repeat contacts too);
 * - trouble: bad CSAT, SLA breaches, escalations, a contact spike in the last 30 days (steepest in
 *   the last seven), open P1 bugs, risk language, a large chargeback dispute and people who keep
 *   coming back;
 * - quiet_churning: few contacts and nothing alarming in support, but its uptime is low and falling
 *   and it barely uses the product: only a product signal shows it leaving;
 * - noisy_happy: many contacts, every one handled well (good CSAT, fast resolutions, no repeats, no
 *   escalations): volume alone is no sign of trouble.
 * They are the first accounts of every dataset, all Enterprise tier, linked by external_id.
 */
export type ScenarioName = 'healthy' | 'deteriorating' | 'trouble' | 'quiet_churning' | 'noisy_happy';
export const SCENARIOS: readonly ScenarioName[] = [
  'healthy',
  'deteriorating',
  'trouble',
  'quiet_churning',
  'noisy_happy',
];

export const SCENARIO_NAMES: Record<ScenarioName, string> = {
  healthy: 'Steadfast Remit Payments',
  deteriorating: 'Driftwood Merchant Services',
  trouble: 'Blackwater Checkout',
  quiet_churning: 'Hushwater Payouts',
  noisy_happy: 'Bustling Bazaar Commerce',
};

export const scenarioAt = (index: number): ScenarioName | null => SCENARIOS[index] ?? null;

const isRecent = (t: number, now: number): boolean => t >= now - 30 * DAY_MS;

/** How much more often the account makes contact at time t than its baseline (peak 8). */
export function contactMultiplier(s: ScenarioName, t: number, now: number): number {
  const recent = isRecent(t, now);
  // Trouble builds up: 2.5 times the contacts for a month, 8 times in the last week. Slow handling
  // dates many of the last week's tickets back by days (tickets.ts), so the burst must be steep to
  // stand out against the month before.
  if (s === 'trouble') return t >= now - 7 * DAY_MS ? 8 : recent ? 2.5 : 1;
  if (s === 'deteriorating') return recent ? 2.2 : 1;
  // Steady, so no spike: a busy account, not one in a burst.
  if (s === 'noisy_happy') return 3;
  // Barely there: a customer who has stopped asking.
  if (s === 'quiet_churning') return 0.5;
  return 1;
}
export const MAX_CONTACT_MULTIPLIER = 8;

/** Service quality (1 = perfect) the account experiences at time t. */
export function scenarioQuality(s: ScenarioName, t: number, now: number): number {
  const recent = isRecent(t, now);
  if (s === 'healthy' || s === 'noisy_happy' || s === 'quiet_churning') return 0.99;
  if (s === 'deteriorating') return recent ? 0.2 : 0.97;
  return recent ? 0.05 : 0.3;
}

/** Support without a blemish: no urgent tickets, escalations, risk language or serious open bugs. */
export const spotlessSupport = (s: ScenarioName | null): boolean =>
  s === 'healthy' || s === 'noisy_happy' || s === 'quiet_churning';

/**
 * How readily the account's people come back about the same problem at time t (0: never; see
 * ticket-who.ts): the trouble account has persistent repeaters, the deteriorating one since it
 * turned bad, the others none.
 */
export function scenarioRepeaters(s: ScenarioName, t: number, now: number): number {
  if (s === 'trouble') return 1;
  if (s === 'deteriorating') return isRecent(t, now) ? 0.7 : 0;
  return 0;
}

/** The account's uptime over the last 30 days, in percent, as of `now`. */
export function scenarioUptime(s: ScenarioName): number {
  if (s === 'quiet_churning') return 96.4;
  if (s === 'trouble') return 98.1;
  if (s === 'deteriorating') return 98.9;
  return 99.97;
}
