import type { SalesforceSession } from '../../connectors/salesforce/auth.ts';
import { describeFields } from '../../connectors/salesforce/describe.ts';
import type { Mappings } from '../config/mappings/index.ts';
import type { Logger } from '../log/logger.ts';
import { relinkAccounts } from '../match/relink.ts';
import { unmatchedBySourceAndRule } from '../match/stats.ts';
import { prepareScoring, saveScores } from '../score/score-accounts.ts';
import { type ScoreSummary, summarizeScore } from '../score/types.ts';
import type { Store } from '../store/store.ts';
import { processAlerts } from '../writeback/alerts.ts';
import { applyWritePlan } from '../writeback/apply.ts';
import { buildWritePlan, type WritePlan } from '../writeback/plan.ts';
import type { RunErrorStats, RunStats } from './run-stats.ts';
import type { SyncOptions } from './types.ts';

/** Links facts to accounts; a full run re-matches everything, others only what changed. */
export async function matchStage(
  store: Store,
  mappings: Mappings,
  options: Pick<SyncOptions, 'full'>,
  log: Logger,
): Promise<Record<string, Record<string, number>>> {
  const stats = await relinkAccounts(store, mappings, { onlyChanged: !options.full });
  const unmatched = unmatchedBySourceAndRule(stats);
  log.info({ mode: stats.mode, durationMs: stats.durationMs, unmatched }, 'matched facts to accounts');
  return unmatched;
}

/** Accounts scored and saved at a time: only their scores' full detail is held at once. */
const SCORE_CHUNK = 500;

/**
 * Scores every account and saves the scores (a dry run saves nothing); the previous statuses are
 * read first, for status drops. Returns the scores' summaries: their measure detail, most of their
 * size, is in the store.
 */
export async function scoreStage(
  store: Store,
  mappings: Mappings,
  now: number,
  dryRun: boolean,
): Promise<{ scores: ScoreSummary[]; previous: Map<string, string> }> {
  const previous: Map<string, string> = await store.scores.latestStatuses();
  const { accounts, score } = await prepareScoring(store, mappings, now);
  const scores: ScoreSummary[] = [];
  await store.transaction(async () => {
    for (let i = 0; i < accounts.length; i += SCORE_CHUNK) {
      const chunk = accounts.slice(i, i + SCORE_CHUNK).map(score);
      if (!dryRun) await saveScores(store, chunk, now);
      for (const s of chunk) scores.push(summarizeScore(s));
    }
    if (!dryRun) await store.scores.pruneMissingAccounts();
  });
  return { scores, previous };
}

export interface WriteStageInput {
  store: Store;
  mappings: Mappings;
  log: Logger;
  session: () => Promise<SalesforceSession>;
  now: () => number;
  dryRun: boolean;
  scores: ScoreSummary[];
  previous: ReadonlyMap<string, string>;
  onPlan?: (plan: WritePlan) => void;
}

/** Failures kept in a run record; the rest are counted (each failure is also stored per account). */
const MAX_REPORTED_FAILURES = 100;

/**
 * Plans the Salesforce writes (only what changed since the last confirmed values), applies them
 * unless this is a dry run, then opens the Tasks for status drops and escalation signals.
 */
export async function writeStage(input: WriteStageInput): Promise<{
  writes: Omit<RunStats['writes'], 'requests' | 'retries'>;
  tasksCreated: number;
  errors: RunErrorStats[];
}> {
  const { store, mappings, log, now } = input;
  const session = await input.session();
  const accounts = await store.accounts.list();
  const plan = buildWritePlan({
    scores: input.scores,
    accounts,
    mapping: mappings.salesforce,
    confirmed: await store.confirmedValues.all(),
    fields: await describeFields(session, { meta: store.meta, now }),
    scorecard: mappings.scorecard,
  });
  input.onPlan?.(plan);
  log.info(
    { toUpdate: plan.updates.length, unchanged: plan.unchanged, method: plan.method, dryRun: input.dryRun },
    'write plan',
  );
  if (input.dryRun) return { writes: { attempted: 0, succeeded: 0, failed: 0 }, tasksCreated: 0, errors: [] };

  const result = await applyWritePlan(plan, mappings.salesforce, { session, store, log, now });
  const alerts = await processAlerts(
    { current: input.scores, previous: input.previous, accounts, mapping: mappings.salesforce },
    { session, store, log, now },
  );
  const errors: RunErrorStats[] = [
    ...result.failed.map((f) => ({
      code: f.code,
      message: `Account ${f.accountId}${f.field ? ` ${f.field}` : ''}: ${f.message}`,
      stage: 'write' as const,
    })),
    ...alerts.failed.map((f) => ({
      code: f.code,
      message: `Task for ${f.accountId} (${f.key}): ${f.message}`,
      stage: 'write' as const,
    })),
  ];
  for (const e of [result.error, alerts.error])
    if (e) errors.push({ code: e.code, message: e.message, stage: 'write' });
  return {
    writes: {
      attempted: result.attempted,
      succeeded: result.succeeded,
      failed: result.failed.length + result.notAttempted,
    },
    tasksCreated: alerts.created,
    errors: errors.slice(0, MAX_REPORTED_FAILURES),
  };
}
