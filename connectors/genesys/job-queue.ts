import { createJob, readJobResults, waitForJob } from './read-job.ts';
import type { ReadOptions, WindowPage } from './read-window.ts';
import type { TimeWindow } from './windows.ts';

/**
 * At most this many async jobs exist at once: the one whose results are being read and the ones
 * created ahead of it. Genesys documents no concurrent-job limit we can rely on, and each job holds
 * server resources (its result set) until it is read or expires, so the look-ahead is bounded; a few
 * jobs ahead are enough to hide each one's poll backoff behind the reading of the ones before it.
 */
export const MAX_JOBS_IN_FLIGHT = 4;

interface Slot {
  window: TimeWindow;
  /** Cancels this job's creation and polling once the read no longer needs it. */
  stop: AbortController;
  /** The job's id once it is FULFILLED. */
  ready: Promise<string>;
}

/**
 * Reads old windows through async jobs, several jobs at a time: each job is created (one after another,
 * in window order) as soon as a slot is free and polled with its own backoff, while the pages of the
 * jobs before it are read. Pages come out strictly in window order, exactly as a serial read gives them,
 * so a window's last page is still the only one that may move the stream's cursor to its end.
 *
 * The requests are those of a serial read: one create, the polls, and the result pages per job. A failed
 * job's SourceError is raised when its turn comes (the windows before it are read and committed first).
 * When the read stops early (an error, `return()`, or `opts.signal`), the jobs created ahead stop
 * polling; they are left to expire on the Genesys side. On `opts.signal` the job being waited for is
 * still awaited (its pages are the current page), as a serial read would.
 */
export async function* readByJobs(
  opts: ReadOptions,
  windows: readonly TimeWindow[],
): AsyncGenerator<WindowPage> {
  const cap = Math.max(1, opts.maxJobsInFlight ?? MAX_JOBS_IN_FLIGHT);
  const slots: Slot[] = [];
  let read = 0; // jobs whose results are all fetched: they no longer count against the cap
  let awaited = -1; // the job the read is waiting for, if any
  let created: Promise<unknown> = Promise.resolve();

  const launch = (): void => {
    while (slots.length - read < cap && slots.length < windows.length && !opts.signal?.aborted) {
      const window = windows[slots.length]!;
      const stop = new AbortController();
      // Creates go one at a time, so jobs are submitted in window order (after a failed create, none is).
      const id = created.then(() => createJob(opts, window, stop.signal));
      created = id;
      const ready = id.then(async (jobId) => {
        await waitForJob(opts, jobId, stop.signal);
        return jobId;
      });
      // Awaited in its turn; a job abandoned before its turn must not surface as an unhandled rejection.
      ready.catch(() => undefined);
      slots.push({ window, stop, ready });
    }
  };
  const abandon = (keep: number): void => {
    for (let i = read; i < slots.length; i++) if (i !== keep) slots[i]!.stop.abort();
  };
  // A stream runner that stops on the signal may never resume or close this generator: stop the jobs
  // ahead here, but not the one the current page is waiting for.
  const onAbort = (): void => abandon(awaited);
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    launch();
    for (let i = 0; i < windows.length; i++) {
      const slot = slots[i];
      if (opts.signal?.aborted || !slot) return;
      let jobId: string;
      awaited = i;
      try {
        jobId = await slot.ready;
      } catch (err) {
        if (slot.stop.signal.aborted && opts.signal?.aborted) return;
        throw err;
      } finally {
        awaited = -1;
      }
      for await (const page of readJobResults(opts, slot.window, jobId)) {
        if (page.complete) {
          read = i + 1;
          launch();
        }
        yield page;
      }
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    abandon(-1);
    // Nothing of this read keeps running after it: every poll loop has ended (they end at once when stopped).
    await Promise.allSettled(slots.map((s) => s.ready));
  }
}
