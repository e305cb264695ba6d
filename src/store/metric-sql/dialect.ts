import type { MetricFact } from '../../metrics/query.ts';

/**
 * What SQLite and Postgres spell differently in a metric query; everything else (the shape of each
 * query, the order of its rows, which values are bound) is shared by `compiler.ts`.
 */
export interface SqlDialect {
  /** The placeholder for the `index`-th bound value (0-based). */
  placeholder(index: number, value: string | number): string;
  /**
   * The facts of one kind joined to their account links (`alias` and `alias_l`), for every account
   * or only those of `accountsParam` (a placeholder bound to a JSON array of account ids).
   */
  linked(table: string, alias: string, facts: MetricFact, accountsParam: string | undefined): string;
  /** A number written into the SQL text. */
  number(value: number): string;
  /** `left / right` as a real number, NULL when `right` is 0. */
  divide(left: string, right: string): string;
  /** `x` as a real number. */
  real(x: string): string;
  /** The mean of `x` as a real number. */
  avg(x: string): string;
  /** The greater of 0 and `x`, NULL when `x` is NULL. */
  atLeastZero(x: string): string;
  /** `x` truncated toward zero, as an integer. */
  truncate(x: string): string;
  /** An ORDER BY term, with NULLs where SQLite puts them (first when ascending, last when descending). */
  order(x: string, direction?: 'ASC' | 'DESC'): string;
  /** Where `needle` first occurs in `text` (1-based), 0 when it does not. */
  position(text: string, needle: string): string;
  /** The least of two or more values, none of them NULL. */
  least(values: readonly string[]): string;
}

/** SQLite's facts joined to their links, facts first (see `SQLITE_DIALECT.linked`). */
export const sqliteLinked = (
  factsTable: string,
  linksTable: string,
  alias: string,
  facts: MetricFact,
): string =>
  `${factsTable} ${alias} CROSS JOIN ${linksTable} ${alias}_l ON ${alias}_l.entity = '${facts}' AND ${alias}_l.entity_id = ${alias}.id`;

/** SQLite: the SQL the embedded store has always run. */
export const SQLITE_DIALECT: SqlDialect = {
  placeholder: (index) => `:p${index}`,
  // SQLite keeps the order of a CROSS JOIN, and the order matters: the window on the fact's time is
  // the selective part (a month of a year's tickets), so facts come first and each looks up its
  // links; left to itself the planner walks every link instead, several times slower. Some accounts'
  // facts are read from a copy of them, as if they were the whole book (`copyBatchTables`).
  linked: (table, alias, facts, accountsParam) => {
    if (accountsParam !== undefined) throw new RangeError('SQLite reads some accounts from copyBatchTables');
    return sqliteLinked(table, 'account_links', alias, facts);
  },
  number: (value) => String(value),
  divide: (left, right) => `${left} * 1.0 / ${right}`,
  real: (x) => `${x} * 1.0`,
  avg: (x) => `AVG(${x})`,
  atLeastZero: (x) => `MAX(0, ${x})`,
  truncate: (x) => `CAST(${x} AS INTEGER)`,
  order: (x, direction) => (direction === 'DESC' ? `${x} DESC` : x),
  position: (text, needle) => `instr(${text}, ${needle})`,
  // With two or more arguments MIN is SQLite's scalar minimum, not the aggregate.
  least: (values) => `MIN(${values.join(', ')})`,
};
