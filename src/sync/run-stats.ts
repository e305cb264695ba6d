import { z } from 'zod';
import { SOURCE_NAMES } from '../sources.ts';

/**
 * The stats document of a run (`runs.stats`): what ops read in GET /runs/:id and `sync --json`,
 * and what /metrics is fed from when a run ends. Counters are totals for the whole run.
 */
const count = z.number().int().nonnegative();

export const RunSourceName = z.enum(SOURCE_NAMES);

export const SourceStats = z.object({
  pages: count.default(0),
  records: count.default(0),
  upserts: count.default(0),
  deletes: count.default(0),
  apiCalls: count.default(0),
  retries: count.default(0),
  /** Responses with HTTP 429 (or the vendor's equivalent). */
  rateLimited: count.default(0),
  errors: count.default(0),
  /** Time the source was held by 429s (each pause once); bounded by the retry policy's run budget. */
  rateLimitWaitMs: count.default(0),
  /** Time requests waited on our own client-side limits (the vendors' documented limits). */
  limiterWaitMs: count.default(0),
});
export type SourceStats = z.infer<typeof SourceStats>;

export const RunStage = z.enum(['sources', 'match', 'score', 'write', 'done']);

/** Where a running run is; the same shape as `RunProgress` in src/sync/types.ts. */
export const RunProgressStats = z.object({
  stage: RunStage,
  stream: z.string().optional(),
  pages: count.optional(),
  records: count.optional(),
  /** Set while the stream's requests are held back, e.g. `the zendesk incremental limit (…), 42 s`. */
  waiting: z.string().optional(),
});

export const ReconciliationStats = z.object({
  stream: z.string(),
  /** What the source says it holds, or null where its API cannot tell. */
  expected: count.nullable(),
  stored: count,
  /** expected − stored, or null without an expected count. */
  difference: z.number().int().nullable(),
  note: z.string(),
});

export const WriteStats = z.object({
  attempted: count.default(0),
  succeeded: count.default(0),
  failed: count.default(0),
  /** API requests the write-back made (collections calls, or Bulk 2.0 job requests). */
  requests: count.default(0),
  /** Of those, requests sent again by the retry policy (a 5xx, a reset, an expired session). */
  retries: count.default(0),
  /** Set when nothing was planned: no account rescored or changed since a write-back that left nothing to do. */
  unchanged: z.boolean().optional(),
});

/** The weekly Health_Snapshot__c rows (src/sync/stages/snapshots.ts). */
export const SnapshotStats = z.object({
  /** Completed ISO weeks within retention. */
  weeks: count,
  /** Rows whose content differs from what Salesforce confirmed (what a dry run would send). */
  planned: count,
  unchanged: count,
  /** Rows Salesforce refused for good with this content (a bad picklist value…): not sent again. */
  refused: count.default(0),
  upserted: count,
  failed: count,
  /** Rows past retention deleted, and those Salesforce refused to delete. */
  deleted: count,
  deleteFailed: count,
  /** API requests of the stage (the delete query and the Bulk jobs' steps), and retries among them. */
  requests: count,
  retries: count,
});
export type SnapshotStats = z.infer<typeof SnapshotStats>;

/** An error a run met, scrubbed: a stable code and a message with no secret in it. */
export const RunErrorStats = z.object({
  code: z.string(),
  message: z.string(),
  stage: RunStage.optional(),
  source: RunSourceName.optional(),
  stream: z.string().optional(),
});
export type RunErrorStats = z.infer<typeof RunErrorStats>;

/**
 * Statuses the scoring configuration (not the facts) moved this run: the accounts are scored on the
 * same facts under the previous and the new configuration. Their drops open no Task.
 */
export const ConfigChangeStats = z.object({
  /** Accounts whose status the change alone moved. */
  moved: count,
  /** By transition under previous → new configuration: `{"green->yellow": 55}`. */
  byTransition: z.record(z.string(), count),
  /** Status drops since the alert baseline that the change made: no Task, the baseline moved. */
  dropsWithoutTask: count.default(0),
  /** The scorecard's content digest (the `+<digest>` of the version written) before and after. */
  scorecardBefore: z.string(),
  scorecardAfter: z.string(),
  /**
   * The digest of all that scoring reads (scorecard, SLA targets, ticket category and escalation
   * rules, bug weights) before and after.
   */
  scoringBefore: z.string(),
  scoringAfter: z.string(),
});
export type ConfigChangeStats = z.infer<typeof ConfigChangeStats>;

/**
 * The score history a run rebuilt (src/sync/stages/history-stage.ts): the days trends read, before
 * scoring, or (`backfill`) older days after the write-back; `remaining` days are left to later runs.
 */
export const HistoryRebuildStats = z.object({
  reason: z.string(),
  remaining: count.default(0),
  days: count,
  from: z.string(),
  to: z.string(),
  accounts: count,
  written: count,
  ms: count,
});

/** Accounts the score stage scored this run (the others kept their saved scores), of all, and why. */
export const RescoredStats = z.object({
  accounts: count,
  of: count,
  /** `all: <why>` (new day, configuration, accounts added or removed…) or what moved the others. */
  reason: z.string(),
  /** Of those, the accounts whose facts, links or fields changed and those a new hour's windows moved. */
  changed: count.optional(),
  crossed: count.optional(),
});

export const RunStats = z.object({
  trigger: z.string(),
  progress: RunProgressStats.optional(),
  sources: z.partialRecord(RunSourceName, SourceStats).default({}),
  /** Facts no accounts.yaml rule matched, by source then rule (`none` when no rule applied). */
  unmatched: z.record(z.string(), z.record(z.string(), count)).default({}),
  reconciliation: z.array(ReconciliationStats).default([]),
  writes: WriteStats.prefault({}),
  tasksCreated: count.default(0),
  snapshots: SnapshotStats.optional(),
  /** The digest of the mappings the run ran with (`LoadedMappings.digest`). */
  mappingsDigest: z.string().optional(),
  /** Set when the scoring configuration changed since the last saved scores. */
  configChanges: ConfigChangeStats.optional(),
  historyRebuild: HistoryRebuildStats.optional(),
  rescored: RescoredStats.optional(),
  errors: z.array(RunErrorStats).default([]),
  /** Set when the run ends. */
  durationMs: count.nullable().default(null),
});
export type RunStats = z.infer<typeof RunStats>;

export const emptyRunStats = (trigger: string): RunStats => RunStats.parse({ trigger });

/** A stored stats document read leniently: an older or foreign shape yields undefined, not an error. */
export function readRunStats(stats: unknown): RunStats | undefined {
  const parsed = RunStats.safeParse(stats);
  return parsed.success ? parsed.data : undefined;
}

export const emptySourceStats = (): SourceStats => SourceStats.parse({});

/** Adds counters to one source's stats (pure: returns a new document). */
export function addSourceStats(
  stats: RunStats,
  source: z.infer<typeof RunSourceName>,
  delta: Partial<SourceStats>,
): RunStats {
  const current = stats.sources[source] ?? emptySourceStats();
  const next = { ...current };
  for (const key of Object.keys(current) as (keyof SourceStats)[]) next[key] += delta[key] ?? 0;
  return { ...stats, sources: { ...stats.sources, [source]: next } };
}
