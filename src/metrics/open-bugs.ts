import {
  and,
  atLeastZero,
  between,
  coalesce,
  constant,
  divide,
  fieldsOf,
  gt,
  isIn,
  le,
  lookup,
  minus,
  ne,
  or,
  param,
  truncate,
} from './query-builders.ts';
import type { MetricQuery } from './query.ts';
import type { MetricRequest } from './types.ts';
import { DAY_MS, ageReference, windowStart } from './windows.ts';

/** An open bug whose priority has no configured weight counts as 1: it is not ignored. */
export const DEFAULT_BUG_WEIGHT = 1;

const i = fieldsOf('issue');
const OPEN = ne(i('statusCategory'), constant('done'));

/** Whole days a bug has been open at `at` (0 before its creation): its age as the metric weighs it. */
export const bugAgeDays = (at: number) =>
  truncate(divide(atLeastZero(minus(param(at), i('createdAt'))), constant(DAY_MS)));

/**
 * Σ over the account's open bugs (issues of a bug type whose status category is not done, however
 * old) of priority weight × (1 + age_weight_per_day × whole days open). The sample is the bugs the
 * window saw: the open ones and those done within it, so an account whose bugs were all fixed this
 * window scores as having none open, and one with no bug activity at all has no data. The detail
 * names the open count, the oldest and the heaviest priority for the driver text.
 */
export function openBugsWeighted(r: MetricRequest): MetricQuery {
  const { bugs } = r.settings;
  const now = param(r.now);
  // As of a past `now` (a history rebuild), a bug resolved since was still open then.
  const openAtNow = r.past ? or(OPEN, gt(i('resolvedAt'), now)) : OPEN;
  return {
    kind: 'weightedBacklog',
    over: {
      facts: 'issue',
      where: and(
        isIn(i('type'), bugs.bugTypes.map(param)),
        le(i('createdAt'), now),
        or(
          openAtNow,
          between(
            coalesce(i('resolvedAt'), i('updatedAt')),
            param(windowStart(r.now, r.spec.windowDays)),
            now,
          ),
        ),
      ),
    },
    open: openAtNow,
    weight: lookup(i('priority'), bugs.priorityWeights, constant(DEFAULT_BUG_WEIGHT)),
    ageDays: bugAgeDays(ageReference(r.now)),
    ageWeightPerDay: bugs.ageWeightPerDay,
    groupBy: i('priority'),
    read: (row) => {
      const detail: Record<string, number | string> = { open: row.open };
      if (row.oldest !== null) detail['oldestDays'] = row.oldest;
      if (row.heaviest) {
        detail['topPriority'] = row.heaviest.name;
        detail['topPriorityOpen'] = row.heaviest.open;
      }
      return { value: row.value, sample: row.sample, detail };
    },
  };
}
