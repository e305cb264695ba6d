import type { MetricQuery } from '../../metrics/query.ts';
import type { MetricValue } from '../../metrics/types.ts';
import { type Row, compileMetricQuery, compileShareGroup, sameScan } from './compiler.ts';
import type { Accounts } from './scan-sql.ts';
import type { SqlDialect } from './dialect.ts';
import { Params } from './expressions.ts';

/** One SQL statement of a batch, and which of the batch's queries its rows answer. */
export interface CompiledStatement {
  sql: string;
  params: Params;
  /** By index into the batch; `undefined`: no value for that row's account. */
  answers: { query: number; read: (row: Row) => MetricValue | undefined }[];
}

/**
 * Compiles metric queries to as few statements as answer them all: share queries over the same
 * facts and window share one pass over those facts (most of a grouped query's time is reading each
 * fact and its links, not the counting), every other query is a statement of its own.
 */
export function compileMetricBatch(
  queries: readonly MetricQuery[],
  dialect: SqlDialect,
  accounts?: Accounts,
): CompiledStatement[] {
  const alone = (query: number, q: MetricQuery): CompiledStatement => {
    const params = new Params(dialect);
    const compiled = compileMetricQuery(q, params, accounts);
    return { sql: compiled.sql, params, answers: [{ query, read: compiled.read }] };
  };
  const statements: CompiledStatement[] = [];
  const groups: { query: number; q: Extract<MetricQuery, { kind: 'share' }> }[][] = [];
  for (const [query, q] of queries.entries()) {
    if (q.kind !== 'share') {
      statements.push(alone(query, q));
      continue;
    }
    const group = groups.find((g) => sameScan(g[0]!.q.over, q.over));
    if (group) group.push({ query, q });
    else groups.push([{ query, q }]);
  }
  for (const group of groups) {
    if (group.length === 1) {
      statements.push(alone(group[0]!.query, group[0]!.q));
      continue;
    }
    const params = new Params(dialect);
    const compiled = compileShareGroup(
      group.map((g) => g.q),
      params,
      accounts,
    );
    statements.push({
      sql: compiled.sql,
      params,
      answers: group.map((g, i) => ({ query: g.query, read: compiled.reads[i]! })),
    });
  }
  return statements;
}

/** One empty map of values per query of a batch, for `collectRows` to fill. */
export const emptyResults = (count: number): Map<string, MetricValue>[] =>
  Array.from({ length: count }, () => new Map<string, MetricValue>());

/** Adds a statement's rows to the values of the queries it answers, by account id. */
export function collectRows(
  results: Map<string, MetricValue>[],
  statement: CompiledStatement,
  rows: Iterable<Row>,
): void {
  for (const row of rows) {
    const id = row['account_id'];
    if (typeof id !== 'string') continue;
    for (const { query, read } of statement.answers) {
      const value = read(row);
      if (value !== undefined) results[query]!.set(id, value);
    }
  }
}
