import { and, between, param } from '../../metrics/query-builders.ts';
import type { Cond, MetricFact, Scan } from '../../metrics/query.ts';
import { FACT_TABLES } from '../fact-tables.ts';
import { type Params, type Scope, sqlCond } from './expressions.ts';

/** Whose facts a query reads: every account's (undefined) or only these accounts'. */
export type Accounts = readonly string[] | undefined;

/** The alias of each kind of fact in a metric query (and of its links: `t_l`). */
export const ALIAS: Record<MetricFact, string> = { ticket: 't', call: 'c', issue: 'i' };

/** An expression scope over one kind of fact, under its alias. */
export const scope = (facts: MetricFact, p: Params): Scope => ({ facts, alias: ALIAS[facts], p });

/** The facts of one kind joined to the accounts they belong to (see `SqlDialect.linked`). */
export function linked(s: Scope, accounts: Accounts): string {
  const ids = accounts === undefined ? undefined : s.p.bind(JSON.stringify(accounts));
  return s.p.dialect.linked(FACT_TABLES[s.facts].table, s.alias, s.facts, ids);
}

/** `FROM … WHERE …` of a scan: its facts with their links, in the window and matching its condition. */
export function fromWhere(scan: Scan<MetricFact>, s: Scope, accounts: Accounts): string {
  const from = `FROM ${linked(s, accounts)}`;
  const conds: Cond<MetricFact>[] = [];
  if (scan.window) {
    const { time, from: start, to: end } = scan.window;
    conds.push(between({ op: 'field', field: time }, param(start), param(end)));
  }
  if (scan.where) conds.push(scan.where);
  return conds.length === 0 ? from : `${from}\n    WHERE ${sqlCond(and(...conds), s)}`;
}
