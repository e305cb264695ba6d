import type { Rng } from './prng.ts';
import type { CategoryValue } from './ticket-text.ts';

/**
 * The SLA targets of the shipped mappings/zendesk.yaml (business minutes), which the generator aims
 * around: a breached ticket takes 1.1–3× its target, a kept one 5–90% of it.
 */
export type Priority = 'urgent' | 'high' | 'normal' | 'low';

const FIRST_REPLY: Record<Priority, number> = { urgent: 30, high: 120, normal: 480, low: 1440 };
const RESOLUTION: Record<Priority, number> = { urgent: 480, high: 1440, normal: 4320, low: 10080 };

export function firstReplyTarget(p: Priority, c: CategoryValue): number {
  return c === 'failed_payout' ? 60 : FIRST_REPLY[p];
}

export function resolutionTarget(p: Priority, c: CategoryValue): number {
  if (c === 'failed_payout') return 1440;
  if (c === 'chargeback_dispute') return 2880;
  return RESOLUTION[p];
}

/** Multipliers of the targets: above 1 is a breach. */
export function breachFor(rng: Rng, breachProbability: number): { reply: number; resolution: number } {
  const factor = (): number => (rng.chance(breachProbability) ? rng.real(1.1, 3) : rng.real(0.05, 0.9));
  return { reply: factor(), resolution: factor() };
}
