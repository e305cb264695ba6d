import type { SalesforceConnection } from '../../../connectors/salesforce/index.ts';
import type { Mappings } from '../../config/mappings/index.ts';
import { WriteError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { metricSettings } from '../../metrics/settings.ts';
import type { ScoreSummary } from '../../score/types.ts';
import type { Store } from '../../store/store.ts';
import { accountOverrides } from '../../writeback/overrides.ts';
import { buildWritePlan, type WritePlan } from '../../writeback/plan.ts';
import type { RunContext } from '../run-context.ts';
import type { RunErrorStats, RunStats } from '../run-stats.ts';
import type { SourceName } from '../../sources.ts';
import { processAlerts } from './alerts.ts';
import type { ConfigChange } from './score.ts';
import { applyWritePlan } from './apply-plan.ts';
import { saveWriteSettled } from './write-settled.ts';

export interface WriteStageInput {
  store: Store;
  mappings: Mappings;
  log: Logger;
  salesforce: SalesforceConnection;
  now: () => number;
  dryRun: boolean;
  scores: ScoreSummary[];
  previous: ReadonlyMap<string, string>;
  /** Present when the scoring configuration changed since the last saved scores. */
  configChange?: ConfigChange;
  /** See `AlertInput.signalsUnchanged`. */
  signalsUnchanged?: boolean;
  onPlan?: (plan: WritePlan) => void;
}

/** Failures kept in a run record; the rest are counted (each failure is also stored per account). */
const MAX_REPORTED_FAILURES = 100;

/**
 * Plans the Salesforce writes (only what changed since the last confirmed values), applies them
 * unless this is a dry run, then opens the Tasks for status drops and escalation signals. Counts
 * the stage's Salesforce requests and retries (describe and the budget's `GET /limits` included).
 */
export async function writeStage(input: WriteStageInput): Promise<{
  writes: RunStats['writes'];
  tasksCreated: number;
  /** Status drops the configuration change made (no Task). */
  configDrops: number;
  errors: RunErrorStats[];
  /** Every planned update confirmed and every alert's Task created: nothing is left for a next run. */
  settled: boolean;
}> {
  const { store, mappings, log, now, salesforce } = input;
  const before = salesforce.usage();
  const used = (): Pick<RunStats['writes'], 'requests' | 'retries'> => {
    const { requests, retries } = salesforce.usage(before);
    return { requests, retries };
  };
  const accounts = await store.accounts.list();
  const overrides = accountOverrides(accounts, mappings.salesforce.overrides, now());
  const plan = buildWritePlan({
    scores: input.scores,
    accounts,
    mapping: mappings.salesforce,
    confirmed: await store.confirmedValues.all(),
    fields: await salesforce.describe({ meta: store.meta, now }),
    scorecard: mappings.scorecard,
    overrides,
  });
  input.onPlan?.(plan);
  log.info(
    { toUpdate: plan.updates.length, unchanged: plan.unchanged, method: plan.method, dryRun: input.dryRun },
    'write plan',
  );
  if (input.dryRun)
    return {
      writes: { attempted: 0, succeeded: 0, failed: 0, ...used() },
      tasksCreated: 0,
      configDrops: 0,
      errors: [],
      settled: false,
    };

  const result = await applyWritePlan(plan, mappings.salesforce, { salesforce, store, log, now });
  const alerts = await processAlerts(
    {
      current: input.scores,
      previous: input.previous,
      accounts,
      mapping: mappings.salesforce,
      ticketMaps: metricSettings(mappings).tickets,
      overrides,
      ...(input.configChange ? { underPreviousConfig: input.configChange.underPreviousConfig } : {}),
      ...(input.signalsUnchanged ? { signalsUnchanged: true } : {}),
    },
    { salesforce, store, log, now },
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
      ...used(),
    },
    tasksCreated: alerts.created,
    configDrops: alerts.configDrops,
    errors: errors.slice(0, MAX_REPORTED_FAILURES),
    settled: errors.length === 0 && result.notAttempted === 0 && alerts.pending === 0,
  };
}

/**
 * The write-back of a run, recorded in its run record: skipped (and said so) while a configured
 * source has never been read to its end, since the scores lack that source's data.
 */
export async function writeBackStage(
  run: RunContext,
  scored: Pick<WriteStageInput, 'scores' | 'previous' | 'configChange' | 'signalsUnchanged'> & {
    unchanged?: boolean;
  },
  deps: {
    salesforce: SalesforceConnection | undefined;
    incomplete: readonly SourceName[];
    onPlan?: (plan: WritePlan) => void;
    /** `writeSettledKey` of this run: saved again when its write-back leaves nothing to do. */
    settledKey: string;
  },
): Promise<void> {
  const { log, recorder } = run;
  if (!deps.salesforce) {
    log.info('salesforce: not configured, scores are kept locally and nothing is written back');
    return;
  }
  if (deps.incomplete.length) {
    const message = `write-back skipped: ${deps.incomplete.join(', ')} has not yet been read to the end once, so scores lack its data (not saved either); it resumes when a run completes it`;
    log.warn({ incomplete: deps.incomplete }, message);
    await recorder.error(new WriteError('WRITE_SKIPPED', message), { stage: 'write' });
    return;
  }
  await run.progress({ stage: 'write' });
  if (scored.unchanged) {
    // The score stage read no summary: nothing was rescored and the last write-back was settled.
    log.info('write-back: no account rescored or changed since the last complete write-back');
    await saveWriteSettled(run.store.meta, deps.settledKey);
    await recorder.change((s) => ({ ...s, writes: { ...s.writes, unchanged: true } }), true);
    return;
  }
  const { unchanged: _, ...summaries } = scored;
  const result = await writeStage({
    store: run.store,
    mappings: run.mappings,
    log,
    salesforce: deps.salesforce,
    now: run.now,
    dryRun: run.options.dryRun,
    ...summaries,
    ...(deps.onPlan ? { onPlan: deps.onPlan } : {}),
  });
  if (result.settled && !run.options.dryRun) await saveWriteSettled(run.store.meta, deps.settledKey);
  await recorder.change(
    (s) => ({
      ...s,
      writes: result.writes,
      tasksCreated: result.tasksCreated,
      ...(s.configChanges
        ? { configChanges: { ...s.configChanges, dropsWithoutTask: result.configDrops } }
        : {}),
      errors: [...s.errors, ...result.errors],
    }),
    true,
  );
}
