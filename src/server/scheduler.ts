import { Cron } from 'croner';
import { type ScheduleMapping, type ScheduledJobName, scheduledJobs } from '../config/mappings/schedule.ts';
import type { Logger } from '../log/logger.ts';
import { SOURCE_NAMES, type SourceName } from '../sources.ts';
import { RunRefusedError, type RunControl } from '../sync/single-flight.ts';
import type { SyncOptions } from '../sync/types.ts';

export type JobName = ScheduledJobName;

export interface SchedulerDeps {
  control: RunControl;
  logger: Logger;
  onSkipped?: (job: JobName) => void;
  /** Sources with credentials; the others are never scheduled. */
  configured: readonly SourceName[];
  /** Ticks due within this window start one run together. */
  coalesceMs?: number;
}

export interface Scheduler {
  /** Replaces every job with those of `schedule` (at start, and when schedule.yaml changes). */
  apply(schedule: ScheduleMapping): void;
  /** What a cron tick does: skipped while a run goes, else joins the run about to start. */
  tick(job: JobName): void;
  jobs(): { name: JobName; cron: string; next: Date | null }[];
  stop(): void;
}

/** The sources a run may read: enabled in the schedule and configured in the environment. */
export function enabledSources(schedule: ScheduleMapping, configured: readonly SourceName[]): SourceName[] {
  return SOURCE_NAMES.filter((s) => schedule.sources[s].enabled && configured.includes(s));
}

/** The options of a run over some jobs' sources; none at all means a score-only run. */
export function runOptions(
  sources: SourceName[],
  trigger: string,
  extra: { full?: boolean; dryRun?: boolean } = {},
): SyncOptions {
  const base = { sources, trigger, full: extra.full ?? false, dryRun: extra.dryRun ?? false };
  return sources.length === 0 ? { ...base, scoreOnly: true } : base;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const coalesceMs = deps.coalesceMs ?? 250;
  let crons: { name: JobName; cron: Cron }[] = [];
  let schedule: ScheduleMapping | undefined;
  const pending = new Set<JobName>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const skip = (job: JobName, runId: number | undefined): void => {
    deps.logger.info({ job, runId }, `scheduled ${job} tick skipped: a run is in progress`);
    deps.onSkipped?.(job);
  };

  const flush = (): void => {
    timer = undefined;
    const jobs = [...pending];
    pending.clear();
    if (stopped || !schedule) return;
    const allowed = enabledSources(schedule, deps.configured);
    // A job disabled since its tick fired (schedule.yaml reloaded) does not run.
    const due = jobs.filter((j) => (j === 'score' ? schedule?.score.enabled : allowed.includes(j)));
    if (due.length === 0) return;
    const sources = allowed.filter((s) => due.includes(s));
    const trigger = `schedule:${due.join('+')}`;
    deps.control.start(runOptions(sources, trigger)).then(
      ({ runId, done }) => {
        deps.logger.info({ runId, trigger, sources }, 'scheduled run started');
        void done.then((r) => deps.logger.info({ runId, status: r.status }, 'scheduled run ended'));
      },
      (err: unknown) => {
        if (err instanceof RunRefusedError && err.reason === 'busy')
          for (const job of due) skip(job, err.runId);
        else if (!(err instanceof RunRefusedError))
          deps.logger.error({ err, trigger }, 'scheduled run did not start');
      },
    );
  };

  const tick = (job: JobName): void => {
    if (stopped) return;
    const active = deps.control.active();
    if (active) return skip(job, active.runId);
    pending.add(job);
    timer ??= setTimeout(flush, coalesceMs);
  };

  const stopCrons = (): void => {
    for (const c of crons) c.cron.stop();
    crons = [];
  };

  return {
    apply(next) {
      stopCrons();
      schedule = next;
      if (stopped) return;
      const { jobs, unconfigured } = scheduledJobs(next, deps.configured);
      for (const s of unconfigured) deps.logger.info({ job: s }, `${s} is not configured: not scheduled`);
      for (const job of jobs) {
        const cron = new Cron(job.cron, { timezone: next.timezone }, () => tick(job.name));
        crons.push({ name: job.name, cron });
      }
      deps.logger.info(
        {
          timezone: next.timezone,
          jobs: crons.map((c) => ({ job: c.name, next: c.cron.nextRun()?.toISOString() })),
        },
        'schedule applied',
      );
    },
    tick,
    jobs: () => crons.map((c) => ({ name: c.name, cron: c.cron.getPattern() ?? '', next: c.cron.nextRun() })),
    stop() {
      stopped = true;
      stopCrons();
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
