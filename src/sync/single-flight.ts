import { HealthSyncError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { RunRecord, Store } from '../store/store.ts';
import { toRunError } from './run-recorder.ts';
import { emptyRunStats } from './run-stats.ts';
import type { RunProgress, SyncOptions, SyncRunner } from './types.ts';

/** A run that could not start: another one is going, or the process is shutting down. */
export class RunRefusedError extends HealthSyncError {
  readonly reason: 'busy' | 'closing';
  readonly runId: number | undefined;

  constructor(reason: 'busy' | 'closing', runId?: number) {
    super(
      'RUN_IN_PROGRESS',
      reason === 'busy'
        ? `a run is in progress${runId === undefined ? '' : ` (run ${runId})`}`
        : 'the service is shutting down',
      { reason, runId },
    );
    this.reason = reason;
    this.runId = runId;
  }
}

export interface ActiveRun {
  /** Known once the runner has created its run record. */
  runId: number | undefined;
  options: SyncOptions;
  startedAt: number;
  progress: RunProgress | undefined;
}

export interface RunControl {
  /**
   * Starts a run unless one is going (single-flight). Resolves once the run has its record, with its
   * id and a promise of its end that never rejects (a runner failure becomes a `failed` run record).
   */
  start(options: SyncOptions): Promise<{ runId: number; done: Promise<RunRecord> }>;
  active(): ActiveRun | undefined;
  /** Asks the current run to stop after its current page (the runner commits, then returns). */
  abort(reason: string): boolean;
  /** Resolves when no run is going. */
  idle(): Promise<void>;
  /** Refuses every later start (shutdown). */
  close(): void;
  onFinish(listener: (record: RunRecord) => void): void;
}

export interface RunControlDeps {
  runner: SyncRunner;
  store: Pick<Store, 'runs'>;
  logger: Logger;
  now?: () => number;
  /** How often to look for the run record the runner creates. */
  pollMs?: number;
}

type Current = ActiveRun & { controller: AbortController; done: Promise<RunRecord> };

export function createRunControl(deps: RunControlDeps): RunControl {
  const now = deps.now ?? Date.now;
  const pollMs = deps.pollMs ?? 5;
  const listeners: ((record: RunRecord) => void)[] = [];
  let closed = false;
  let current: Current | undefined;

  // The runner creates its own run record; the newest one with our trigger after `before` is ours.
  const findRecord = async (before: number, trigger: string): Promise<number | undefined> =>
    (await deps.store.runs.list({ limit: 10 })).find((r) => r.id > before && r.trigger === trigger)?.id;

  // A runner that threw, or returned leaving its record `running`, still leaves a finished record.
  const settleFailure = async (active: ActiveRun, before: number, err: unknown): Promise<RunRecord> => {
    const runError = toRunError(err);
    deps.logger.error({ err: runError, trigger: active.options.trigger }, 'run failed');
    const id = active.runId ?? (await findRecord(before, active.options.trigger));
    const existing = id === undefined ? undefined : await deps.store.runs.get(id);
    const record = existing ?? (await deps.store.runs.start(active.options.trigger, { ...active.options }));
    if (record.status === 'running') {
      const stats = { ...emptyRunStats(active.options.trigger), ...record.stats };
      const errors = Array.isArray(stats.errors) ? stats.errors : [];
      await deps.store.runs.finish(
        record.id,
        'failed',
        { ...stats, errors: [...errors, runError] },
        runError.message,
      );
    }
    return (await deps.store.runs.get(record.id)) ?? record;
  };

  const refuseUnlessFree = (): void => {
    if (closed) throw new RunRefusedError('closing');
    if (current) throw new RunRefusedError('busy', current.runId);
  };

  const start: RunControl['start'] = async (options) => {
    refuseUnlessFree();
    const before = (await deps.store.runs.list({ limit: 1 }))[0]?.id ?? 0;
    // Again after reading the store: another start may have taken the flight meanwhile.
    refuseUnlessFree();
    let ended = false;
    const active: Current = {
      runId: undefined,
      options,
      startedAt: now(),
      progress: undefined,
      controller: new AbortController(),
      done: Promise.resolve(undefined as unknown as RunRecord),
    };
    current = active;
    const identify = async (): Promise<void> => {
      active.runId ??= await findRecord(before, options.trigger);
    };
    let run: Promise<RunRecord>;
    try {
      run = deps.runner.run(options, active.controller.signal, (p) => {
        active.progress = p;
        // The runner reports progress synchronously: its record is looked for without waiting.
        identify().catch((err: unknown) => deps.logger.warn({ err }, 'cannot read the run records'));
      });
    } catch (err) {
      run = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    active.done = run
      .then(async (record) => {
        const stored = (await deps.store.runs.get(record.id)) ?? record;
        if (stored.status !== 'running') return stored;
        const unfinished = new Error('the runner returned an unfinished run');
        return settleFailure({ ...active, runId: record.id }, before, unfinished);
      })
      .catch((err: unknown) => settleFailure(active, before, err))
      .catch((err: unknown): RunRecord => {
        // Not even a failed record could be written (the store is gone): report one anyway, so
        // that `done` never rejects and the control is free for the next run.
        deps.logger.error({ err }, 'cannot record the end of the run');
        const error = toRunError(err).message;
        const { trigger } = options;
        const base = { trigger, startedAt: active.startedAt, endedAt: now(), options: { ...options } };
        return { ...base, id: active.runId ?? 0, status: 'failed', stats: {}, error };
      })
      .then((record) => {
        active.runId = record.id;
        ended = true;
        current = undefined;
        for (const listener of listeners) {
          try {
            listener(record);
          } catch (err) {
            deps.logger.error({ err }, 'run listener failed');
          }
        }
        return record;
      });

    await identify();
    while (active.runId === undefined && !ended) {
      await new Promise((r) => setTimeout(r, pollMs));
      await identify();
    }
    const runId = active.runId ?? (await active.done).id;
    return { runId, done: active.done };
  };

  return {
    start,
    active: () =>
      current && {
        runId: current.runId,
        options: current.options,
        startedAt: current.startedAt,
        progress: current.progress,
      },
    abort: (reason) => {
      if (!current || current.controller.signal.aborted) return false;
      deps.logger.info({ runId: current.runId, reason }, 'asking the current run to stop after its page');
      current.controller.abort(new Error(reason));
      return true;
    },
    idle: async () => {
      if (current) await current.done;
    },
    close: () => {
      closed = true;
    },
    onFinish: (listener) => {
      listeners.push(listener);
    },
  };
}
