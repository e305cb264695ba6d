import { z } from 'zod';
import type { ActiveRun } from '../../sync/single-flight.ts';
import { defineRoute } from '../route.ts';
import { runView } from './run-view.ts';

/** Longest a stream stays open: a run longer than this is followed by opening it again. */
export const LIVE_MAX_MS = 10 * 60_000;
/** With `next`, how long an idle stream waits for a run to start before it says `idle`. */
export const LIVE_NEXT_WAIT_MS = 30_000;

const LiveQuery = z
  .object({
    /**
     * `1`: when no run is going, wait for the next one instead of answering `idle`. A page that is
     * about to start a run opens the stream first, so it sees every event of even a sub-second run.
     */
    next: z.enum(['0', '1']).optional(),
  })
  .strict();

const Position = z.object({ done: z.number(), total: z.number(), unit: z.enum(['records', 'ms']) });
export const LiveProgress = z.object({
  runId: z.number().int().nullable(),
  startedAt: z.number(),
  stage: z.string().nullable(),
  /** Set while the current stream's requests are held back by a rate limit. */
  waiting: z.string().nullable(),
  streams: z.array(
    z.object({
      stream: z.string(),
      pages: z.number().int(),
      records: z.number().int(),
      /** How far of its total the stream has read, where its source tells (a query's count, a time range). */
      position: Position.optional(),
      done: z.boolean(),
    }),
  ),
});

const progressOf = (run: ActiveRun): z.infer<typeof LiveProgress> => ({
  runId: run.runId ?? null,
  startedAt: run.startedAt,
  stage: run.progress?.stage ?? null,
  waiting: run.progress?.waiting ?? null,
  streams: run.streams,
});

/**
 * The running sync's progress as server-sent events, as it happens: `progress` (the run's stage and
 * every stream so far), then `finished` (the run record) and the end of the stream; `idle` and the
 * end when no run is going. The console reads it with fetch (an EventSource cannot send the token).
 */
export const runsLive = defineRoute({
  method: 'get',
  path: '/runs/live',
  summary:
    "The running sync's per-stream progress as server-sent events (progress, finished; idle when none)",
  tag: 'runs',
  access: 'viewer',
  query: LiveQuery,
  responses: {
    200: {
      description: `text/event-stream: "progress" events (${'{ runId, startedAt, stage, waiting, streams: [{ stream, pages, records, position?, done }] }'}), then one "finished" (the run); or one "idle"`,
      contentType: 'text/event-stream',
    },
  },
  handle: ({ app, query }) => ({
    status: 200,
    events: (sink) => {
      const active = app.control.active();
      if (!active && query.next !== '1') {
        sink.send('idle', {});
        sink.end();
        return;
      }
      const cleanup: (() => void)[] = [];
      const close = (): void => {
        for (const fn of cleanup.splice(0)) fn();
        sink.end();
      };
      cleanup.push(app.control.onProgress((run) => sink.send('progress', progressOf(run))));
      cleanup.push(
        app.control.onFinish((record) => {
          sink.send('finished', runView(record, app.clock.now()));
          close();
        }),
      );
      const timer = setTimeout(close, LIVE_MAX_MS);
      cleanup.push(() => clearTimeout(timer));
      sink.onClose(close);
      if (active) {
        sink.send('progress', progressOf(active));
        return;
      }
      // Waiting for the next run: its first progress event starts the stream.
      const idle = setTimeout(() => {
        if (app.control.active()) return;
        sink.send('idle', {});
        close();
      }, LIVE_NEXT_WAIT_MS);
      cleanup.push(() => clearTimeout(idle));
    },
  }),
});
