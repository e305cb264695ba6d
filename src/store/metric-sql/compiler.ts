import { or } from '../../metrics/query-builders.ts';
import type {
  BacklogRow,
  MetricFact,
  MetricQuery,
  QuantileQuery,
  Scan,
  ShareQuery,
  ShareRow,
  ValueRow,
  WeightedBacklogQuery,
} from '../../metrics/query.ts';
import type { MetricValue } from '../../metrics/types.ts';
import { contactCountSql, followUpSql, repeatContactsSql } from './contact-sql.ts';
import { type Params, sqlCond, sqlExpr } from './expressions.ts';
import { type Accounts, fromWhere, scope } from './scan-sql.ts';

export type Row = Record<string, unknown>;

/** A metric query as the store runs it: the SQL (its values bound in `Params`) and how a row becomes a value. */
export interface CompiledMetric {
  sql: string;
  read: (row: Row) => MetricValue;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0);
const shareRow = (row: Row): ShareRow => ({ sample: num(row['sample']), hits: num(row['hits']) });
const valueRow = (row: Row): ValueRow => ({
  sample: num(row['sample']),
  value: row['value'] === null ? null : num(row['value']),
});

/**
 * The exact q-quantile (q = num/den) of `x` per account, interpolated between the two closest ranks
 * (the "linear" definition, type 7: the median of an even count is the mean of the middle two). The
 * positions are integer arithmetic on the count, so no floating-point rounding picks the wrong rank;
 * hence num and den are written into the text (bound numbers would be real).
 */
function quantileSql(q: QuantileQuery<MetricFact>, p: Params, accounts: Accounts): string {
  const { num, den } = q.q;
  if (!Number.isInteger(num) || !Number.isInteger(den) || num < 0 || den <= 0 || num > den)
    throw new RangeError(`bad quantile ${num}/${den}`);
  const s = scope(q.over.facts, p);
  return `WITH v AS (SELECT ${s.alias}_l.account_id AS account_id, ${sqlExpr(q.of, s)} AS x
    ${fromWhere(q.over, s, accounts)}),
    o AS (SELECT account_id, x,
      ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY ${p.dialect.order('x')}) - 1 AS i,
      COUNT(*) OVER (PARTITION BY account_id) AS n FROM v),
    r AS (SELECT account_id, n,
      MAX(CASE WHEN i = ((n - 1) * ${num}) / ${den} THEN x END) AS lo,
      MAX(CASE WHEN i = ((n - 1) * ${num} + ${den - 1}) / ${den} THEN x END) AS hi,
      ${p.dialect.real(`(((n - 1) * ${num}) % ${den})`)} / ${den} AS frac
      FROM o GROUP BY account_id, n)
    SELECT account_id, n AS sample, lo + (hi - lo) * frac AS value FROM r`;
}

function weightedBacklogSql(q: WeightedBacklogQuery<MetricFact>, p: Params, accounts: Accounts): string {
  const s = scope(q.over.facts, p);
  return `WITH b AS (
      SELECT ${s.alias}_l.account_id AS account_id, ${sqlExpr(q.groupBy, s)} AS grp,
        CASE WHEN ${sqlCond(q.open, s)} THEN 1 ELSE 0 END AS open,
        ${sqlExpr(q.ageDays, s)} AS days, ${sqlExpr(q.weight, s)} AS w
      ${fromWhere(q.over, s, accounts)}),
    a AS (SELECT account_id, COUNT(*) AS sample, SUM(open) AS open_count,
        SUM(CASE WHEN open = 1 THEN w * (1 + ${p.bind(q.ageWeightPerDay)} * days) ELSE 0 END) AS value,
        MAX(CASE WHEN open = 1 THEN days END) AS oldest
      FROM b GROUP BY account_id),
    t AS (SELECT account_id, grp, COUNT(*) AS n,
        ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY ${p.dialect.order('w', 'DESC')}, ${p.dialect.order('grp')}) AS rk
      FROM b WHERE open = 1 GROUP BY account_id, grp, w)
    SELECT a.account_id, a.sample, a.open_count, a.value, a.oldest, t.grp AS top_group, t.n AS top_count
    FROM a LEFT JOIN t ON t.account_id = a.account_id AND t.rk = 1`;
}

const backlogRow = (row: Row): BacklogRow => ({
  sample: num(row['sample']),
  open: num(row['open_count']),
  value: num(row['value']),
  oldest: row['oldest'] === null ? null : num(row['oldest']),
  heaviest:
    typeof row['top_group'] === 'string' ? { name: row['top_group'], open: num(row['top_count']) } : null,
});

/** Compiles a metric query over all accounts (or some) to one grouped query in `p`'s dialect. */
export function compileMetricQuery(q: MetricQuery, p: Params, accounts?: Accounts): CompiledMetric {
  switch (q.kind) {
    case 'share': {
      const s = scope(q.over.facts, p);
      return {
        sql: `SELECT ${s.alias}_l.account_id AS account_id, COUNT(*) AS sample,
      SUM(CASE WHEN ${sqlCond(q.hit, s)} THEN 1 ELSE 0 END) AS hits
    ${fromWhere(q.over, s, accounts)}
    GROUP BY ${s.alias}_l.account_id`,
        read: (row) => q.read(shareRow(row)),
      };
    }
    case 'mean': {
      const s = scope(q.over.facts, p);
      return {
        sql: `SELECT ${s.alias}_l.account_id AS account_id, COUNT(*) AS sample, ${p.dialect.avg(sqlExpr(q.of, s))} AS value
    ${fromWhere(q.over, s, accounts)}
    GROUP BY ${s.alias}_l.account_id`,
        read: (row) => q.read(valueRow(row)),
      };
    }
    case 'quantile':
      return { sql: quantileSql(q, p, accounts), read: (row) => q.read(valueRow(row)) };
    case 'contactCount':
      return {
        sql: contactCountSql(q, p, accounts),
        read: (row) => q.read({ early: num(row['early']), late: num(row['late']) }),
      };
    case 'repeatContacts':
      return { sql: repeatContactsSql(q, p, accounts), read: (row) => q.read(shareRow(row)) };
    case 'followUp':
      return { sql: followUpSql(q, p, accounts), read: (row) => q.read(shareRow(row)) };
    case 'weightedBacklog':
      return { sql: weightedBacklogSql(q, p, accounts), read: (row) => q.read(backlogRow(row)) };
  }
}

/**
 * Share queries over the same facts and window (`sameScan`), in one pass: each fact in the window is
 * read and joined to its links once, then counted for every query whose `where` it meets. An account
 * that none of a query's facts reach gets no value for it (`undefined`), as that query alone would
 * return no row for it.
 */
export function compileShareGroup(
  qs: readonly ShareQuery<MetricFact>[],
  p: Params,
  accounts?: Accounts,
): { sql: string; reads: ((row: Row) => MetricValue | undefined)[] } {
  const first = qs[0];
  if (!first || qs.some((q) => !sameScan(q.over, first.over)))
    throw new RangeError('a share group needs queries over the same facts and window');
  const s = scope(first.over.facts, p);
  const columns = qs.map((q, i) => {
    const hit = sqlCond(q.hit, s);
    if (!q.over.where) return `COUNT(*) AS sample${i}, SUM(CASE WHEN ${hit} THEN 1 ELSE 0 END) AS hits${i}`;
    const where = sqlCond(q.over.where, s);
    return `SUM(CASE WHEN ${where} THEN 1 ELSE 0 END) AS sample${i},
      SUM(CASE WHEN ${where} AND ${hit} THEN 1 ELSE 0 END) AS hits${i}`;
  });
  // Facts no query counts are left out, unless some query counts every fact of the window.
  const wheres = qs.map((q) => q.over.where);
  const scan: Scan<MetricFact> = {
    facts: first.over.facts,
    ...(first.over.window ? { window: first.over.window } : {}),
    ...(wheres.every((w) => w !== undefined) ? { where: or(...wheres) } : {}),
  };
  return {
    sql: `SELECT ${s.alias}_l.account_id AS account_id, ${columns.join(',\n      ')}
    ${fromWhere(scan, s, accounts)}
    GROUP BY ${s.alias}_l.account_id`,
    reads: qs.map((q, i) => (row) => {
      const share = { sample: num(row[`sample${i}`]), hits: num(row[`hits${i}`]) };
      return share.sample === 0 ? undefined : q.read(share);
    }),
  };
}

/** Two scans read the same facts in the same window (whatever their `where`). */
export const sameScan = (a: Scan<MetricFact>, b: Scan<MetricFact>): boolean =>
  a.facts === b.facts &&
  a.window?.time === b.window?.time &&
  a.window?.from === b.window?.from &&
  a.window?.to === b.window?.to;
