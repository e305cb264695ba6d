import { HealthSyncError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import type { RunRecord, Store } from '../store/store.ts';
import { toRunError } from './run-recorder.ts';
import { emptyRunStats } from './run-stats.ts';
import { addStreamProgress, type StreamProgress } from './stream-progress.ts';
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
  /** Every stream read so far in this run, the current one last (`done: false`). */
  streams: StreamProgress[];
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
  /** Returns the function that removes the listener. */
  onFinish(listener: (record: RunRecord) => void): () => void;
  /**
   * Calls `listener` on each progress event of a run, as it happens (not throttled as the run
   * record's saves are); returns the function that removes it.
   */
  onProgress(listener: (run: ActiveRun) => void): () => void;
}

export interface RunControlDeps {
  runner: SyncRunner;
  store: Pick<Store, 'runs'>;
  logger: Logger;
  /** Scrubs the error of a run the runner could not finish itself. */
  scrubber: SecretScrubber;
  now?: () => number;
}

type Current = ActiveRun & { controller: AbortController; done: Promise<RunRecord> };

export function createRunControl(deps: RunControlDeps): RunControl {
  const now = deps.now ?? Date.now;
  const listeners: ((record: RunRecord) => void)[] = [];
  const progressListeners = new Set<(run: ActiveRun) => void>();
  let closed = false;
  let current: Current | undefined;

  // A runner that threw, or returned leaving its record `running`, still leaves a finished record.
  const settleFailure = async (active: ActiveRun, err: unknown): Promise<RunRecord> => {
    const runError = toRunError(err, deps.scrubber);
    deps.logger.error({ err: runError, trigger: active.options.trigger }, 'run failed');
    const existing = active.runId === undefined ? undefined : await deps.store.runs.get(active.runId);
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

  const snapshot = (c: Current): ActiveRun => ({
    runId: c.runId,
    options: c.options,
    startedAt: c.startedAt,
    progress: c.progress,
    streams: c.streams,
  });

  const refuseUnlessFree = (): void => {
    if (closed) throw new RunRefusedError('closing');
    if (current) throw new RunRefusedError('busy', current.runId);
  };

  const start: RunControl['start'] = async (options) => {
    refuseUnlessFree();
    const active: Current = {
      runId: undefined,
      options,
      startedAt: now(),
      progress: undefined,
      streams: [],
      controller: new AbortController(),
      done: Promise.resolve(undefined as unknown as RunRecord),
    };
    current = active;
    const started = Promise.withResolvers<number>();
    let run: Promise<RunRecord>;
    try {
      run = deps.runner.run(options, {
        signal: active.controller.signal,
        onStart: (runId) => {
          active.runId = runId;
          started.resolve(runId);
        },
        onProgress: (p) => {
          active.progress = p;
          active.streams = addStreamProgress(active.streams, p);
          const view = snapshot(active);
          for (const listener of progressListeners) {
            try {
              listener(view);
            } catch (err) {
              deps.logger.error({ err }, 'progress listener failed');
            }
          }
        },
      });
    } catch (err) {
      run = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    active.done = run
      .then(async (record) => {
        const stored = (await deps.store.runs.get(record.id)) ?? record;
        if (stored.status !== 'running') return stored;
        const unfinished = new Error('the runner returned an unfinished run');
        return settleFailure({ ...active, runId: record.id }, unfinished);
      })
      .catch((err: unknown) => settleFailure(active, err))
      .catch((err: unknown): RunRecord => {
        // Not even a failed record could be written (the store is gone): report one anyway, so
        // that `done` never rejects and the control is free for the next run.
        deps.logger.error({ err }, 'cannot record the end of the run');
        const error = toRunError(err, deps.scrubber).message;
        const { trigger } = options;
        const base = { trigger, startedAt: active.startedAt, endedAt: now(), options: { ...options } };
        return { ...base, id: active.runId ?? 0, status: 'failed', stats: {}, error };
      })
      .then((record) => {
        active.runId = record.id;
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

    // A runner that fails before it has a record announces none: its failed record is the one.
    const runId = await Promise.race([started.promise, active.done.then((r) => r.id)]);
    return { runId, done: active.done };
  };

  return {
    start,
    active: () => current && snapshot(current),
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
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    onProgress: (listener) => {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
  };
}
