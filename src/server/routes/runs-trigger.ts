import { z } from 'zod';
import { defaultSchedule } from '../../config/mappings/schedule.ts';
import { SOURCE_NAMES } from '../../sources.ts';
import { ApiError } from '../api-error.ts';
import { defineRoute } from '../route.ts';
import { enabledSources, runOptions } from '../scheduler.ts';

const Source = z.enum(SOURCE_NAMES);

const TriggerBody = z
  .object({
    /** Sources to read; default: every source enabled in schedule.yaml and configured. */
    sources: z
      .array(Source)
      .min(1)
      .max(SOURCE_NAMES.length)
      .refine((s) => new Set(s).size === s.length, 'each source once')
      .optional(),
    /** Ignore cursors and read everything from each stream's start date. */
    full: z.boolean().optional(),
    /** Compute the write plan without writing to Salesforce. */
    dryRun: z.boolean().optional(),
  })
  .strict();

const Accepted = z.object({
  runId: z.number(),
  status: z.literal('running'),
  trigger: z.string(),
  sources: z.array(Source),
  scoreOnly: z.boolean(),
  full: z.boolean(),
  dryRun: z.boolean(),
});

export const runsTrigger = defineRoute({
  method: 'post',
  path: '/runs',
  summary: 'Start a run (single-flight: 409 while one is going)',
  tag: 'runs',
  access: 'operator',
  body: TriggerBody,
  audit: 'run.trigger',
  responses: {
    202: { description: 'started; poll GET /runs/{id}', schema: Accepted },
    409: { description: 'a run is in progress (RUN_IN_PROGRESS)' },
    422: { description: 'a source is disabled in schedule.yaml or has no credentials (SOURCE_DISABLED)' },
    503: { description: 'shutting down, or no configuration loaded' },
  },
  handle: async ({ app, body, actor }) => {
    const loaded = app.mappings.current();
    if (!loaded) throw new ApiError(503, 'NOT_READY', 'no mapping configuration is loaded');
    const allowed = enabledSources(loaded.schedule ?? defaultSchedule(), app.sources);
    const refused = (body.sources ?? []).filter((s) => !allowed.includes(s));
    if (refused.length)
      throw new ApiError(
        422,
        'SOURCE_DISABLED',
        `not runnable: ${refused.join(', ')} (disabled in schedule.yaml or without credentials)`,
        { details: { refused, runnable: allowed }, audit: { detail: { refused } } },
      );
    const options = runOptions(body.sources ?? allowed, `api:${actor?.name ?? 'anonymous'}`, {
      full: body.full ?? false,
      dryRun: body.dryRun ?? false,
    });
    const { runId } = await app.control.start(options);
    return {
      status: 202,
      headers: { Location: `/runs/${runId}` },
      json: {
        runId,
        status: 'running',
        trigger: options.trigger,
        sources: options.sources,
        scoreOnly: options.scoreOnly ?? false,
        full: options.full,
        dryRun: options.dryRun,
      },
      audit: {
        target: `run:${runId}`,
        detail: { sources: options.sources, full: options.full, dryRun: options.dryRun },
      },
    };
  },
});
