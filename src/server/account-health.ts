import { z } from 'zod';
import { AccountScore, HealthStatus } from '../score/types.ts';
import type { Store } from '../store/store.ts';

/**
 * An account's health as the admin API shows it: the latest score with its drivers, measures and
 * trend (the AccountScore the scorecard saved) and the daily snapshots, newest first.
 */
export const HealthHistoryEntry = z.object({
  day: z.string(),
  score: z.number().nullable(),
  status: HealthStatus,
  scorecardVersion: z.string(),
  /** Computed afterwards from the stored facts (`history rebuild`), not by a run on that day. */
  rebuilt: z.boolean(),
});

export const AccountHealth = z.object({
  accountId: z.string(),
  account: z
    .object({ name: z.string(), tier: z.string().nullable(), ownerId: z.string().nullable() })
    .nullable(),
  latest: AccountScore.nullable(),
  history: z.array(HealthHistoryEntry),
});
export type AccountHealth = z.infer<typeof AccountHealth>;

const DAY_MS = 86_400_000;
const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Undefined when there is neither an account nor any score for the id. */
export async function readAccountHealth(
  store: Pick<Store, 'accounts' | 'scores'>,
  accountId: string,
  options: { historyDays: number; now: number },
): Promise<AccountHealth | undefined> {
  const account = await store.accounts.get(accountId);
  const latest = await store.scores.latest(accountId);
  const history = (
    await store.scores.history(accountId, { from: utcDay(options.now - (options.historyDays - 1) * DAY_MS) })
  ).reverse();
  if (!account && !latest && history.length === 0) return undefined;
  return {
    accountId,
    account: account ? { name: account.name, tier: account.tier, ownerId: account.ownerId } : null,
    latest: latest ?? null,
    history: history.map((h) => ({
      day: h.day,
      score: h.score,
      status: h.status,
      scorecardVersion: h.scorecardVersion,
      rebuilt: h.rebuilt,
    })),
  };
}
