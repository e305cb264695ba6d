import { and, between, or, param } from '../../metrics/query-builders.ts';
import type {
  AccountKeyField,
  BacklogRow,
  Cond,
  ContactCountQuery,
  ContactSource,
  FollowUpQuery,
  MetricFact,
  MetricQuery,
  QuantileQuery,
  RepeatContactsQuery,
  Scan,
  ShareQuery,
  ShareRow,
  ValueRow,
  WeightedBacklogQuery,
} from '../../metrics/query.ts';
import type { MetricValue } from '../../metrics/types.ts';
import { FACT_TABLES } from '../fact-tables.ts';
import { type Params, type Scope, sqlCond, sqlExpr } from './expressions.ts';

export type Row = Record<string, unknown>;

/** Whose facts a query reads: every account's (undefined) or only these accounts'. */
export type Accounts = readonly string[] | undefined;

/** A metric query as the store runs it: the SQL (its values bound in `Params`) and how a row becomes a value. */
export interface CompiledMetric {
  sql: string;
  read: (row: Row) => MetricValue;
}

/** The alias of each kind of fact in a metric query (and of its links: `t_l`). */
export const ALIAS: Record<MetricFact, string> = { ticket: 't', call: 'c', issue: 'i' };

const scope = (facts: MetricFact, p: Params): Scope => ({ facts, alias: ALIAS[facts], p });

/** The facts of one kind joined to the accounts they belong to (see `SqlDialect.linked`). */
function linked(s: Scope, accounts: Accounts): string {
  const ids = accounts === undefined ? undefined : s.p.bind(JSON.stringify(accounts));
  return s.p.dialect.linked(FACT_TABLES[s.facts].table, s.alias, s.facts, ids);
}

/** `FROM … WHERE …` of a scan: its facts with their links, in the window and matching its condition. */
function fromWhere(scan: Scan<MetricFact>, s: Scope, accounts: Accounts): string {
  const from = `FROM ${linked(s, accounts)}`;
  const conds: Cond<MetricFact>[] = [];
  if (scan.window) {
    const { time, from: start, to: end } = scan.window;
    conds.push(between({ op: 'field', field: time }, param(start), param(end)));
  }
  if (scan.where) conds.push(scan.where);
  return conds.length === 0 ? from : `${from}\n    WHERE ${sqlCond(and(...conds), s)}`;
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

/**
 * Counts of contacts per account in [from, to], split at `split` (before / from it on): each kind of
 * contact is grouped first, so no row-level union is materialized.
 */
function contactCountSql(q: ContactCountQuery, p: Params, accounts: Accounts): string {
  const [from, split, to] = [p.bind(q.from), p.bind(q.split ?? q.from), p.bind(q.to)];
  const counts = q.contacts.map((source) => {
    const s = scope(source.facts, p);
    const time = sqlExpr({ op: 'field', field: source.time }, s);
    return `SELECT ${s.alias}_l.account_id AS account_id,
        SUM(CASE WHEN ${time} >= ${split} THEN 1 ELSE 0 END) AS late, SUM(CASE WHEN ${time} < ${split} THEN 1 ELSE 0 END) AS early
        FROM ${linked(s, accounts)} WHERE ${time} BETWEEN ${from} AND ${to} GROUP BY ${s.alias}_l.account_id`;
  });
  return `SELECT account_id, SUM(late) AS late, SUM(early) AS early FROM (
      ${counts.join('\n      UNION ALL\n      ')}) AS u
    GROUP BY account_id`;
}

/** The accounts column of an account key field (its main phone's key). */
function accountColumn(field: AccountKeyField): string {
  const found = FACT_TABLES.account.columns.find((c) => c.field === field);
  if (!found) throw new RangeError(`no field ${field} on account`);
  return found.column;
}

/**
 * Contacts per account with their time and person key, and the source's place for ordering ties. A
 * person key equal to the account's own key (`notPersonIf`) is no person: NULL, looked up by the
 * account's primary key.
 */
function contactsSql(
  contacts: readonly ContactSource[],
  w: { from: string; to: string },
  p: Params,
  accounts: Accounts,
): string {
  return contacts
    .map((source, place) => {
      const s = scope(source.facts, p);
      const time = sqlExpr({ op: 'field', field: source.time }, s);
      const key = sqlExpr({ op: 'field', field: source.person }, s);
      const person = source.notPersonIf
        ? `NULLIF(${key}, (SELECT a.${accountColumn(source.notPersonIf)} FROM accounts a WHERE a.id = ${s.alias}_l.account_id))`
        : key;
      return `SELECT ${s.alias}_l.account_id AS account_id, ${time} AS at, ${person} AS person, ${place} AS src, ${s.alias}.id AS id
      FROM ${linked(s, accounts)} WHERE ${time} BETWEEN ${w.from} AND ${w.to}`;
    })
    .join('\n    UNION ALL\n    ');
}

function repeatContactsSql(q: RepeatContactsQuery, p: Params, accounts: Accounts): string {
  // The earlier contact may lie before the window: read from `within` before it.
  const w = { from: p.bind(q.from - q.within), to: p.bind(q.to) };
  return `WITH c AS (${contactsSql(q.contacts, w, p, accounts)}),
      q AS (SELECT account_id, at,
        LAG(at) OVER (PARTITION BY account_id, person ORDER BY ${['at', 'src', 'id'].map((x) => p.dialect.order(x)).join(', ')}) AS prev
        FROM c WHERE person IS NOT NULL)
      SELECT account_id, COUNT(*) AS sample,
        SUM(CASE WHEN prev IS NOT NULL AND at - prev <= ${p.bind(q.within)} THEN 1 ELSE 0 END) AS hits
      FROM q WHERE at >= ${p.bind(q.from)} GROUP BY account_id`;
}

/**
 * Each contact with the time of the same person's next one (by time, then id): contacts are read
 * up to `within` past the window, so a counted contact's next one is seen wherever it falls.
 */
function followUpSql(q: FollowUpQuery<MetricFact>, p: Params, accounts: Accounts): string {
  const s = scope(q.contacts.facts, p);
  const time = sqlExpr({ op: 'field', field: q.contacts.time }, s);
  const person = sqlExpr({ op: 'field', field: q.contacts.person }, s);
  const [from, to] = [p.bind(q.from), p.bind(q.to)];
  const where = q.contacts.where ? ` AND ${sqlCond(q.contacts.where, s)}` : '';
  return `WITH c AS (SELECT ${s.alias}_l.account_id AS account_id, ${time} AS at, ${person} AS person, ${s.alias}.id AS id,
        CASE WHEN ${sqlCond(q.counted, s)} THEN 1 ELSE 0 END AS counted
      FROM ${linked(s, accounts)}
      WHERE ${time} BETWEEN ${from} AND ${p.bind(q.to + q.within)} AND ${person} IS NOT NULL${where}),
      q AS (SELECT account_id, at, counted,
        LEAD(at) OVER (PARTITION BY account_id, person ORDER BY ${p.dialect.order('at')}, ${p.dialect.order('id')}) AS next
        FROM c)
      SELECT account_id, COUNT(*) AS sample,
        SUM(CASE WHEN next IS NOT NULL AND next - at <= ${p.bind(q.within)} THEN 1 ELSE 0 END) AS hits
      FROM q WHERE counted = 1 AND at BETWEEN ${from} AND ${to} GROUP BY account_id`;
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
