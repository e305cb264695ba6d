import type { SlaTargets } from '../../metrics/types.ts';

/**
 * Building blocks of the metric queries. Values from the mappings are always bound, never spliced in;
 * only fixed integers from this file (quantile fractions) appear in the SQL text.
 */
export class Params {
  readonly values: Record<string, string | number> = {};
  private n = 0;

  bind(value: string | number): string {
    const name = `p${this.n++}`;
    this.values[name] = value;
    return `:${name}`;
  }

  /** A named parameter bound on first use (node:sqlite refuses values the statement does not use). */
  once(name: string, value: () => number): string {
    if (!(name in this.values)) this.values[name] = value();
    return `:${name}`;
  }
}

export type LinkedEntity = 'ticket' | 'call' | 'issue';
const TABLE: Record<LinkedEntity, string> = { ticket: 'tickets', call: 'calls', issue: 'issues' };

/**
 * The facts of one kind joined to the accounts they belong to. SQLite keeps the order of a CROSS JOIN,
 * and the order matters: for all accounts, the window on the fact's time is the selective part (a
 * month of a year's tickets), so facts come first and each looks up its links; left to itself the
 * planner walks every link instead, several times slower. For one account, its links come first,
 * by the account index (named, because without statistics the planner prefers the primary key).
 */
export function linked(entity: LinkedEntity, alias: string, p: Params, accountId?: string): string {
  const on = `ON ${alias}_l.entity = '${entity}' AND ${alias}_l.entity_id = ${alias}.id`;
  if (accountId === undefined) return `${TABLE[entity]} ${alias} CROSS JOIN account_links ${alias}_l ${on}`;
  return `account_links ${alias}_l INDEXED BY account_links_account CROSS JOIN ${TABLE[entity]} ${alias} ${on} AND ${alias}_l.account_id = ${p.bind(accountId)}`;
}

export const SOLVED = `t.status IN ('solved', 'closed')`;
export const OPEN = `t.status IN ('new', 'open', 'pending', 'hold')`;

/** The ticket's target in minutes: its category's override, else its priority's; NULL when neither has one. */
export function slaTarget(
  kind: 'firstReplyMinutes' | 'resolutionMinutes',
  sla: SlaTargets,
  p: Params,
): string {
  const whens = (pairs: [string, number | undefined][]): string =>
    pairs
      .filter((pair): pair is [string, number] => pair[1] !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `WHEN ${p.bind(k)} THEN ${p.bind(v)}`)
      .join(' ');
  const byCategory = whens(Object.entries(sla.byCategory).map(([c, o]) => [c, o[kind]]));
  const byPriority = whens(Object.entries(sla[kind]));
  return `COALESCE(${byCategory ? `CASE t.category ${byCategory} END` : 'NULL'}, ${
    byPriority ? `CASE t.priority ${byPriority} END` : 'NULL'
  })`;
}

/**
 * A share over tickets: `hits` of `population`, per account. `population` and `hit` are SQL conditions
 * on the ticket `t`; `time` is the column that puts a ticket in the window.
 */
export function ticketShareSql(
  o: { time: 'created_at' | 'solved_at'; population: string; hit: string },
  p: Params,
  w: { start: string; now: string },
  accountId?: string,
): string {
  return `SELECT t_l.account_id AS account_id, COUNT(*) AS sample,
      SUM(CASE WHEN ${o.hit} THEN 1 ELSE 0 END) AS hits
    FROM ${linked('ticket', 't', p, accountId)}
    WHERE t.${o.time} BETWEEN ${w.start} AND ${w.now} AND (${o.population})
    GROUP BY t_l.account_id`;
}

/**
 * The exact q-quantile (q = num/den) of `x` per account, interpolated between the two closest ranks
 * (the "linear" definition, type 7: the median of an even count is the mean of the middle two). The
 * positions are integer arithmetic on the count, so no floating-point rounding picks the wrong rank.
 * `values` must select `account_id` and `x`.
 */
export function quantileSql(values: string, q: { num: number; den: number }): string {
  const { num, den } = q;
  if (!Number.isInteger(num) || !Number.isInteger(den) || num < 0 || den <= 0 || num > den)
    throw new RangeError(`bad quantile ${num}/${den}`);
  return `WITH v AS (${values}),
    o AS (SELECT account_id, x,
      ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY x) - 1 AS i,
      COUNT(*) OVER (PARTITION BY account_id) AS n FROM v),
    r AS (SELECT account_id, n,
      MAX(CASE WHEN i = ((n - 1) * ${num}) / ${den} THEN x END) AS lo,
      MAX(CASE WHEN i = ((n - 1) * ${num} + ${den - 1}) / ${den} THEN x END) AS hi,
      (((n - 1) * ${num}) % ${den}) * 1.0 / ${den} AS frac
      FROM o GROUP BY account_id, n)
    SELECT account_id, n AS sample, lo + (hi - lo) * frac AS value FROM r`;
}

/** Contacts (tickets by creation, calls by start) per account with their time and person key. */
export function contactsSql(p: Params, from: string, to: string, accountId?: string): string {
  return `SELECT t_l.account_id AS account_id, t.created_at AS at, t.requester_key AS person, 0 AS src, t.id AS id
      FROM ${linked('ticket', 't', p, accountId)} WHERE t.created_at BETWEEN ${from} AND ${to}
    UNION ALL
    SELECT c_l.account_id, c.started_at, c.caller_key, 1, c.id
      FROM ${linked('call', 'c', p, accountId)} WHERE c.started_at BETWEEN ${from} AND ${to}`;
}

/**
 * Counts of contacts per account in [from, to], split at `split` (before / from it on): tickets and
 * calls are each grouped first, so no row-level union is materialized.
 */
export function contactCountsSql(
  p: Params,
  w: { from: string; split: string; to: string },
  accountId?: string,
): string {
  const counts = (time: string): string =>
    `SUM(CASE WHEN ${time} >= ${w.split} THEN 1 ELSE 0 END) AS late, SUM(CASE WHEN ${time} < ${w.split} THEN 1 ELSE 0 END) AS early`;
  return `SELECT account_id, SUM(late) AS late, SUM(early) AS early FROM (
      SELECT t_l.account_id AS account_id, ${counts('t.created_at')}
        FROM ${linked('ticket', 't', p, accountId)} WHERE t.created_at BETWEEN ${w.from} AND ${w.to} GROUP BY t_l.account_id
      UNION ALL
      SELECT c_l.account_id, ${counts('c.started_at')}
        FROM ${linked('call', 'c', p, accountId)} WHERE c.started_at BETWEEN ${w.from} AND ${w.to} GROUP BY c_l.account_id)
    GROUP BY account_id`;
}
