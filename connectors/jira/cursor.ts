import { z } from 'zod';

/**
 * The issues cursor. `updatedMs` is the newest `updated` seen (never ahead of our clock); the next
 * run searches from `updatedMs - lookback`. `recent` holds the issues already stored from inside
 * that window (id → updated), so the overlap re-read does not count them again; an issue that shows
 * up there late, or changed again, is not in it and is read.
 */
export const JiraCursor = z.object({
  updatedMs: z.number().int().nonnegative(),
  recent: z.record(z.string(), z.number().int().nonnegative()),
  /** True until a read from the start date has finished (its end sweeps issues no longer found). */
  full: z.boolean().default(false),
});
export type JiraCursor = z.infer<typeof JiraCursor>;

/** The cursor after a page: newest `updated` so far, and the issues inside the next lookback window. */
export function advanceCursor(
  cursor: JiraCursor,
  page: readonly { id: string; updatedAt: number }[],
  lookbackMs: number,
  nowMs: number,
): JiraCursor {
  let newest = cursor.updatedMs;
  for (const issue of page) newest = Math.max(newest, issue.updatedAt);
  // A Jira clock ahead of ours must not push the window past what we can re-read.
  const updatedMs = Math.max(cursor.updatedMs, Math.min(newest, nowMs));
  const floor = updatedMs - lookbackMs;
  const recent: Record<string, number> = {};
  for (const [id, at] of Object.entries(cursor.recent)) if (at >= floor) recent[id] = at;
  for (const issue of page)
    if (issue.updatedAt >= floor) recent[issue.id] = Math.max(recent[issue.id] ?? 0, issue.updatedAt);
  return { updatedMs, recent, full: cursor.full };
}
