import type {
  AccountKeyField,
  ContactCountQuery,
  ContactSource,
  FollowUpQuery,
  MetricFact,
  RepeatContactsQuery,
} from '../../metrics/query.ts';
import { FACT_TABLES } from '../fact-tables.ts';
import { type Params, sqlCond, sqlExpr } from './expressions.ts';
import { type Accounts, linked, scope } from './scan-sql.ts';

/**
 * Counts of contacts per account in [from, to], split at `split` (before / from it on): each kind of
 * contact is grouped first, so no row-level union is materialized.
 */
export function contactCountSql(q: ContactCountQuery, p: Params, accounts: Accounts): string {
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

export function repeatContactsSql(q: RepeatContactsQuery, p: Params, accounts: Accounts): string {
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
export function followUpSql(q: FollowUpQuery<MetricFact>, p: Params, accounts: Accounts): string {
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
