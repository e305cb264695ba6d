import type { SalesforceMapping } from '../config/mappings/salesforce.ts';
import type { AccountFact } from '../facts/schemas.ts';
import { NOTHING_BELOW_TARGET } from '../score/drivers.ts';
import type { ScoreSummary } from '../score/types.ts';
import { type AlertCandidate, alertCandidate, utcDay } from './task-text.ts';

const RANK: Readonly<Record<string, number>> = { red: 0, yellow: 1, green: 2 };

export interface StatusDrop {
  accountId: string;
  from: string;
  to: string;
  /** UTC day of the score that dropped. */
  day: string;
  /** `status_drop:<account>:<from>-><to>:<day>`: one Task per drop, however often a run repeats. */
  key: string;
}

export interface DropInput {
  current: readonly ScoreSummary[];
  /** The previous status per account (saved before this run: `store.scores.latestStatuses()`). */
  previous: ReadonlyMap<string, string>;
  /** The status each account was last evaluated against (durable; wins over `previous`). */
  baselines: ReadonlyMap<string, string>;
  when: SalesforceMapping['alerts']['status_drop']['when'];
  /**
   * Each account's status on this run's facts under the previous run's scoring configuration, when
   * that configuration changed. A drop the previous configuration would not have made was made by
   * ops, not by the account: it opens no Task and the baseline moves.
   */
  underPreviousConfig?: ReadonlyMap<string, string>;
}

/**
 * Pure: drops in status since the last evaluation, and the new baselines. `insufficient_data`
 * neither drops nor moves the baseline: an account going green → no data → red has dropped.
 */
export function detectStatusDrops(input: DropInput): {
  drops: StatusDrop[];
  baselines: { accountId: string; status: string }[];
  /** Drops the configuration change made (no Task). */
  configDrops: StatusDrop[];
} {
  const drops: StatusDrop[] = [];
  const configDrops: StatusDrop[] = [];
  const baselines: { accountId: string; status: string }[] = [];
  for (const score of input.current) {
    const to = score.status;
    if (RANK[to] === undefined) continue;
    const from = input.baselines.get(score.accountId) ?? input.previous.get(score.accountId);
    if (from !== to) baselines.push({ accountId: score.accountId, status: to });
    if (from === undefined || RANK[from] === undefined || (RANK[to] ?? 0) >= RANK[from]) continue;
    if (input.when === 'to_red' && to !== 'red') continue;
    const day = utcDay(score.computedAt);
    const drop = {
      accountId: score.accountId,
      from,
      to,
      day,
      key: `status_drop:${score.accountId}:${from}->${to}:${day}`,
    };
    const before = input.underPreviousConfig?.get(score.accountId);
    const factsMovedIt = before === undefined || RANK[before] === undefined || RANK[before] < RANK[from];
    (factsMovedIt ? drops : configDrops).push(drop);
  }
  return { drops, baselines, configDrops };
}

/** The alert (and Task) of a drop. */
export function statusDropAlert(
  drop: StatusDrop,
  score: ScoreSummary,
  account: AccountFact,
  task: SalesforceMapping['alerts']['task'],
  now: number,
): AlertCandidate {
  const scoreText = score.score === null ? 'no score' : `score ${score.score}`;
  const body = [
    `Health status dropped from ${drop.from} to ${drop.to} (${scoreText}; scorecard ${score.scorecardVersion}).`,
    '',
    'Pulling the score down:',
    ...(score.drivers.length ? score.drivers.map((d) => `- ${d}`) : [`- ${NOTHING_BELOW_TARGET}`]),
  ];
  return alertCandidate(
    {
      key: drop.key,
      rule: 'status_drop',
      account,
      windowStart: Date.parse(`${drop.day}T00:00:00Z`),
      now,
      headline: `health dropped from ${drop.from} to ${drop.to}`,
      body,
    },
    task,
  );
}
