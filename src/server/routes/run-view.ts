import { z } from 'zod';
import type { RunRecord } from '../../store/store.ts';

export const RunView = z.object({
  id: z.number(),
  trigger: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'partial']),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  durationMs: z.number().nullable(),
  options: z.record(z.string(), z.unknown()),
  /** The run's stats document (src/sync/run-stats.ts). */
  stats: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
});
export type RunView = z.infer<typeof RunView>;

export const runView = (r: RunRecord, now: number): RunView => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  startedAt: r.startedAt,
  endedAt: r.endedAt,
  durationMs: (r.endedAt ?? now) - r.startedAt,
  options: r.options,
  stats: r.stats,
  error: r.error,
});
