import type { SqlDialect } from '../metric-sql/dialect.ts';

/**
 * The metric queries in Postgres, answering exactly as SQLite's: bound values carry their type
 * (a bare `$1` in `CASE … THEN $2` would be text), reals are DOUBLE PRECISION rather than NUMERIC
 * (SQLite computes in doubles), division by zero is NULL rather than an error, GREATEST ignores a
 * NULL that SQLite's MAX(0, x) propagates, CAST rounds where SQLite truncates, and NULLs sort first
 * ascending as in SQLite. The planner chooses the join order itself.
 */
export const POSTGRES_DIALECT: SqlDialect = {
  placeholder: (index, value) => {
    const type = typeof value === 'string' ? 'text' : Number.isInteger(value) ? 'bigint' : 'double precision';
    return `CAST($${index + 1} AS ${type})`;
  },
  linked: (table, alias, facts, accountsParam) => {
    const on = `ON ${alias}_l.entity = '${facts}' AND ${alias}_l.entity_id = ${alias}.id`;
    if (accountsParam === undefined) return `${table} ${alias} JOIN account_links ${alias}_l ${on}`;
    return `account_links ${alias}_l JOIN ${table} ${alias} ${on} AND ${alias}_l.account_id IN (SELECT jsonb_array_elements_text(CAST(${accountsParam} AS jsonb)))`;
  },
  number: (value) => (Number.isInteger(value) ? String(value) : `CAST(${value} AS DOUBLE PRECISION)`),
  divide: (left, right) => `CAST(${left} AS DOUBLE PRECISION) / NULLIF(${right}, 0)`,
  real: (x) => `CAST(${x} AS DOUBLE PRECISION)`,
  avg: (x) => `AVG(CAST(${x} AS DOUBLE PRECISION))`,
  atLeastZero: (x) => `CASE WHEN ${x} IS NULL THEN NULL ELSE GREATEST(0, ${x}) END`,
  truncate: (x) => `CAST(TRUNC(CAST(${x} AS DOUBLE PRECISION)) AS BIGINT)`,
  order: (x, direction) => (direction === 'DESC' ? `${x} DESC NULLS LAST` : `${x} NULLS FIRST`),
  position: (text, needle) => `strpos(${text}, ${needle})`,
  least: (values) => `LEAST(${values.join(', ')})`,
};
