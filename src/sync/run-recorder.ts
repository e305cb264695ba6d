import { HealthSyncError } from '../errors.ts';
import type { SecretScrubber } from '../log/redact.ts';
import type { RunRecord, RunRepo, RunStatus } from '../store/store.ts';
import {
  addSourceStats,
  emptyRunStats,
  type RunErrorStats,
  type RunStats,
  type SourceStats,
} from './run-stats.ts';
import type { RunProgress, SyncOptions } from './types.ts';

type Source = keyof RunStats['sources'];

/** A scrubbed run error: the stable code of a HealthSyncError, or `INTERNAL`; never a stack or a secret. */
export function toRunError(
  err: unknown,
  scrubber: SecretScrubber,
  where: Omit<RunErrorStats, 'code' | 'message'> = {},
): RunErrorStats {
  const code = err instanceof HealthSyncError ? err.code : 'INTERNAL';
  const raw = err instanceof Error ? err.message : String(err);
  // First line only, bounded: a message can carry a response excerpt.
  const message = scrubber.scrub(raw.split('\n')[0] ?? '').slice(0, 500);
  return { code, message, ...where };
}

/** The status a run ends with, from what it met. */
export function statusFor(stats: RunStats, aborted: boolean): Exclude<RunStatus, 'running'> {
  const sourceErrors = Object.values(stats.sources).some((s) => s.errors > 0);
  if (aborted || stats.errors.length > 0 || sourceErrors || stats.writes.failed > 0) return 'partial';
  return 'succeeded';
}

/**
 * Keeps one run's record up to date while it goes: counters, progress (saved at most every
 * `saveEveryMs` so a fast stream does not write its run row per record), and the end.
 * The sync pipeline may use it; nothing requires it to.
 */
export class RunRecorder {
  readonly record: RunRecord;
  private stats: RunStats;
  private lastSave = 0;
  private readonly runs: RunRepo;
  private readonly now: () => number;
  private readonly saveEveryMs: number;
  private readonly scrubber: SecretScrubber;

  private constructor(
    runs: RunRepo,
    record: RunRecord,
    stats: RunStats,
    deps: { scrubber: SecretScrubber; now?: () => number; saveEveryMs?: number },
  ) {
    this.runs = runs;
    this.record = record;
    this.stats = stats;
    this.scrubber = deps.scrubber;
    this.now = deps.now ?? Date.now;
    this.saveEveryMs = deps.saveEveryMs ?? 500;
  }

  /** Starts a run record (status `running`, empty stats) and returns its recorder. */
  static async start(
    runs: RunRepo,
    options: Pick<SyncOptions, 'trigger'> & Record<string, unknown>,
    deps: { scrubber: SecretScrubber; now?: () => number; saveEveryMs?: number },
  ): Promise<RunRecorder> {
    const record = await runs.start(options.trigger, options);
    const stats = emptyRunStats(options.trigger);
    await runs.update(record.id, stats);
    return new RunRecorder(runs, record, stats, deps);
  }

  get id(): number {
    return this.record.id;
  }

  current(): RunStats {
    return this.stats;
  }

  /** Applies a pure change to the stats document and saves it (throttled unless `force`). */
  async change(fn: (s: RunStats) => RunStats, force = false): Promise<void> {
    this.stats = fn(this.stats);
    const t = this.now();
    if (force || t - this.lastSave >= this.saveEveryMs) {
      this.lastSave = t;
      await this.runs.update(this.record.id, this.stats);
    }
  }

  progress(p: RunProgress): Promise<void> {
    const stageChanged = this.stats.progress?.stage !== p.stage;
    return this.change((s) => ({ ...s, progress: { ...p } }), stageChanged);
  }

  source(source: Source, delta: Partial<SourceStats>): Promise<void> {
    return this.change((s) => addSourceStats(s, source, delta));
  }

  error(err: unknown, where: Omit<RunErrorStats, 'code' | 'message'> = {}): Promise<void> {
    const e = toRunError(err, this.scrubber, where);
    return this.change((s) => {
      const next = { ...s, errors: [...s.errors, e] };
      return where.source ? addSourceStats(next, where.source, { errors: 1 }) : next;
    }, true);
  }

  /** Ends the run; `status` defaults to what the stats say (`partial` after an abort or any error). */
  async finish(
    options: { aborted?: boolean; status?: Exclude<RunStatus, 'running'>; error?: string } = {},
  ): Promise<RunRecord> {
    const durationMs = Math.max(0, this.now() - this.record.startedAt);
    this.stats = { ...this.stats, durationMs, progress: { stage: 'done' } };
    const status = options.status ?? statusFor(this.stats, options.aborted ?? false);
    const error = options.error ?? (options.aborted ? 'aborted: the process is shutting down' : undefined);
    await this.runs.finish(this.record.id, status, this.stats, error);
    return (await this.runs.get(this.record.id)) ?? { ...this.record, status, stats: this.stats };
  }
}
