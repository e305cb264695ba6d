import type { MetricRequest, MetricValue } from '../../metrics/types.ts';
import { DAY_MS } from '../../metrics/windows.ts';
import { type Params, linked } from './metrics-sql.ts';

/** An open bug whose priority has no configured weight counts as 1: it is not ignored. */
export const DEFAULT_BUG_WEIGHT = 1;

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0);

/**
 * Σ over the account's open bugs (issues of a bug type whose status category is not done, however
 * old) of priority weight × (1 + age_weight_per_day × whole days open). The sample is the bugs the
 * window saw: the open ones and those done within it, so an account whose bugs were all fixed this
 * window scores as having none open, and one with no bug activity at all has no data. The detail
 * names the open count, the oldest and the heaviest priority for the driver text.
 */
export function openBugsQuery(
  r: MetricRequest,
  p: Params,
  w: { start: string; now: string; at: string },
): { sql: string; value(row: Record<string, unknown>): MetricValue } {
  const { bugs } = r.settings;
  const weights = Object.entries(bugs.priorityWeights)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, weight]) => `WHEN ${p.bind(name)} THEN ${p.bind(weight)}`)
    .join(' ');
  const weight = weights
    ? `CASE i.priority ${weights} ELSE ${DEFAULT_BUG_WEIGHT} END`
    : `${DEFAULT_BUG_WEIGHT}`;
  const types = bugs.bugTypes.map((t) => p.bind(t)).join(', ');
  const sql = `WITH b AS (
      SELECT i_l.account_id AS account_id, i.priority AS priority,
        CASE WHEN i.status_category <> 'done' THEN 1 ELSE 0 END AS open,
        CAST(MAX(0, ${w.at} - i.created_at) / ${DAY_MS} AS INTEGER) AS days, ${weight} AS w
      FROM ${linked('issue', 'i', p, r.accountId)}
      WHERE i.type IN (${types}) AND i.created_at <= ${w.now} AND (i.status_category <> 'done'
        OR COALESCE(i.resolved_at, i.updated_at) BETWEEN ${w.start} AND ${w.now})),
    a AS (SELECT account_id, COUNT(*) AS sample, SUM(open) AS open_count,
        SUM(CASE WHEN open = 1 THEN w * (1 + ${p.bind(bugs.ageWeightPerDay)} * days) ELSE 0 END) AS value,
        MAX(CASE WHEN open = 1 THEN days END) AS oldest
      FROM b GROUP BY account_id),
    t AS (SELECT account_id, priority, COUNT(*) AS n,
        ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY w DESC, priority) AS rk
      FROM b WHERE open = 1 GROUP BY account_id, priority, w)
    SELECT a.account_id, a.sample, a.open_count, a.value, a.oldest, t.priority AS top_priority, t.n AS top_count
    FROM a LEFT JOIN t ON t.account_id = a.account_id AND t.rk = 1`;
  return {
    sql,
    value: (row) => {
      const detail: Record<string, number | string> = { open: num(row['open_count']) };
      if (row['oldest'] !== null) detail['oldestDays'] = num(row['oldest']);
      if (typeof row['top_priority'] === 'string') {
        detail['topPriority'] = row['top_priority'];
        detail['topPriorityOpen'] = num(row['top_count']);
      }
      return { value: num(row['value']), sample: num(row['sample']), detail };
    },
  };
}
