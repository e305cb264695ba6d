import { z } from 'zod';
import type { LoadedMappings } from '../config/mappings/index.ts';
import { Scoring } from '../config/mappings/scorecard.ts';
import { effectiveScorecard, segmentFor } from '../score/scorecard.ts';
import type { LinkedFactRef } from '../store/account-facts.ts';
import type { Store } from '../store/store.ts';
import { overrideState } from '../writeback/overrides.ts';
import type { AlertRow } from '../writeback/types.ts';

/** The windows the facts are counted over: the scorecard's usual ones. */
export const FACT_WINDOWS = [7, 30, 90] as const;
/** Ids listed per source: enough to look a few up, not a dump of the account's records. */
export const FACT_IDS_PER_SOURCE = 20;
const DAY_MS = 86_400_000;

const SOURCE_OF = { ticket: 'zendesk', call: 'genesys', issue: 'jira' } as const;

export const MeasureBand = z.object({
  id: z.string(),
  label: z.string(),
  direction: z.enum(['higher_is_better', 'lower_is_better']),
  weight: z.number(),
  target: z.number().nullable(),
  format: z.string(),
  scoring: Scoring,
});

export const AccountTask = z.object({
  key: z.string(),
  /** `status_drop` or `signal:<name>`. */
  rule: z.string(),
  createdAt: z.number(),
  /** `created` once Salesforce has the Task; `pending` until then. */
  state: z.enum(['pending', 'created']),
  taskId: z.string().nullable(),
  /** health-sync's own subject line (no customer text). */
  subject: z.string(),
  priority: z.string(),
  dueDate: z.string(),
});

export const SourceFacts = z.object({
  source: z.enum(['zendesk', 'genesys', 'jira']),
  kind: z.enum(['ticket', 'call', 'issue']),
  windows: z.array(z.object({ days: z.number().int(), count: z.number().int() })),
  /** The newest records' ids (a Jira issue's key), with when and by which rule they were linked. */
  recent: z.array(z.object({ id: z.string(), at: z.number(), rule: z.string() })),
});

export const AccountOverride = z.object({
  state: z.enum(['in_force', 'lapsed']),
  status: z.enum(['green', 'yellow', 'red']),
  reason: z.string().nullable(),
  until: z.string().nullable(),
});

export const AccountEvidence = z.object({
  accountId: z.string(),
  segment: z.string().nullable(),
  bands: z.array(MeasureBand),
  tasks: z.array(AccountTask),
  facts: z.array(SourceFacts),
  override: AccountOverride.nullable(),
});
export type AccountEvidence = z.infer<typeof AccountEvidence>;

/** Pure: counts per source and window, and the newest ids, from the linked facts (newest first). */
export function factSummary(refs: readonly LinkedFactRef[], now: number): z.infer<typeof SourceFacts>[] {
  return (['ticket', 'call', 'issue'] as const).map((kind) => {
    const mine = refs.filter((r) => r.kind === kind);
    return {
      source: SOURCE_OF[kind],
      kind,
      windows: FACT_WINDOWS.map((days) => ({
        days,
        count: mine.filter((r) => r.at >= now - days * DAY_MS).length,
      })),
      recent: mine.slice(0, FACT_IDS_PER_SOURCE).map(({ id, at, rule }) => ({ id, at, rule })),
    };
  });
}

const task = (a: AlertRow): z.infer<typeof AccountTask> => ({
  key: a.key,
  rule: a.rule,
  createdAt: a.createdAt,
  state: a.state,
  taskId: a.taskId,
  subject: a.detail.task.subject ?? '',
  priority: a.detail.task.priority ?? '',
  dueDate: a.detail.task.activityDate ?? '',
});

/**
 * What stands behind an account's score besides its measures: the bands of its scorecard (its
 * segment's), the Tasks health-sync opened for it, the facts linked to it and the CSM's override.
 * Undefined when the store knows no such account.
 */
export async function readAccountEvidence(
  store: Pick<Store, 'accounts' | 'alerts' | 'accountFacts'>,
  mappings: LoadedMappings | undefined,
  accountId: string,
  now: number,
): Promise<AccountEvidence | undefined> {
  const account = await store.accounts.get(accountId);
  if (!account) return undefined;
  const scorecard = mappings?.mappings.scorecard;
  const effective = scorecard ? effectiveScorecard(scorecard, segmentFor(scorecard, account)) : undefined;
  const [alerts, refs] = await Promise.all([
    store.alerts.forAccount(accountId),
    store.accountFacts.linked(accountId, now - Math.max(...FACT_WINDOWS) * DAY_MS),
  ]);
  const o = overrideState(account, mappings?.mappings.salesforce.overrides, now);
  return {
    accountId,
    segment: effective?.segment ?? null,
    bands: (effective?.measures ?? []).map((m) => ({
      id: m.id,
      label: m.label,
      direction: m.direction,
      weight: m.weight,
      target: m.target ?? null,
      format: m.format,
      scoring: m.scoring,
    })),
    tasks: alerts.map(task),
    facts: factSummary(refs, now),
    override:
      o.kind === 'none' ? null : { state: o.kind, status: o.status, reason: o.reason, until: o.until },
  };
}
