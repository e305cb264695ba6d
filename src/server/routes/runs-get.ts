import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import { IdParams, defineRoute } from '../route.ts';
import { RunView, runView } from './run-view.ts';

const Progress = z.object({
  stage: z.enum(['sources', 'match', 'score', 'write', 'done']),
  stream: z.string().optional(),
  pages: z.number().optional(),
  records: z.number().optional(),
  /** How far the stream has read, where its source tells: `done` of `total` records, or ms of its time range. */
  position: z.object({ done: z.number(), total: z.number(), unit: z.enum(['records', 'ms']) }).optional(),
});

const RunDetail = RunView.extend({
  /** Where the run is now (live in this process, else the last progress the run saved). */
  progress: Progress.nullable(),
});

export const runsGet = defineRoute({
  method: 'get',
  path: '/runs/:id',
  summary: 'One run: counts, errors and, while it runs, its current stage, stream and pages',
  tag: 'runs',
  access: 'viewer',
  params: IdParams,
  responses: { 200: { description: 'the run', schema: RunDetail }, 404: { description: 'no such run' } },
  handle: async ({ app, params }) => {
    const record = await app.store.runs.get(params.id);
    if (!record) throw new ApiError(404, 'NOT_FOUND', `no run ${params.id}`);
    const active = app.control.active();
    const saved = Progress.safeParse(record.stats['progress']);
    const progress =
      active?.runId === record.id && active.progress ? active.progress : saved.success ? saved.data : null;
    return { status: 200, json: { ...runView(record, app.clock.now()), progress } };
  },
});
