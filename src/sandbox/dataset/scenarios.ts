import { DAY_MS } from './options.ts';

/**
 * Named accounts whose health is obvious, so a correct score is recognisable:
 * - healthy: good CSAT, SLAs met, no escalations, no risk language, no open serious bugs;
 * - deteriorating: like healthy until 30 days ago, then bad in every way;
 * - trouble: bad CSAT, SLA breaches, escalations, a contact spike in the last 30 days, open P1 bugs,
 *   risk language and a large chargeback dispute.
 * They are the first three accounts of every dataset, all Enterprise tier, linked by external_id.
 */
export type ScenarioName = 'healthy' | 'deteriorating' | 'trouble';
export const SCENARIOS: readonly ScenarioName[] = ['healthy', 'deteriorating', 'trouble'];

export const SCENARIO_NAMES: Record<ScenarioName, string> = {
  healthy: 'Steadfast Remit Payments',
  deteriorating: 'Driftwood Merchant Services',
  trouble: 'Blackwater Checkout',
};

export const scenarioAt = (index: number): ScenarioName | null => SCENARIOS[index] ?? null;

/** How much more often the account makes contact at time t than its baseline (peak 4). */
export function contactMultiplier(s: ScenarioName, t: number, now: number): number {
  const recent = t >= now - 30 * DAY_MS;
  if (s === 'trouble') return recent ? 4 : 1;
  if (s === 'deteriorating') return recent ? 2.2 : 1;
  return 1;
}
export const MAX_CONTACT_MULTIPLIER = 4;

/** Service quality (1 = perfect) the account experiences at time t. */
export function scenarioQuality(s: ScenarioName, t: number, now: number): number {
  const recent = t >= now - 30 * DAY_MS;
  if (s === 'healthy') return 0.99;
  if (s === 'deteriorating') return recent ? 0.2 : 0.97;
  return recent ? 0.05 : 0.3;
}
