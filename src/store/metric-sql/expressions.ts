import type { Cond, Constant, Expr, MetricFact } from '../../metrics/query.ts';
import { FACT_TABLES, listItem } from '../fact-tables.ts';
import { SQLITE_DIALECT, type SqlDialect } from './dialect.ts';

/**
 * Bound parameters of one metric query. Values from the mappings and the request are always bound,
 * never spliced in; only the definition's constants and fixed integers (quantile fractions) appear
 * in the SQL text.
 */
export class Params {
  /** By name (`p0`, `p1`…), as `node:sqlite` takes named parameters. */
  readonly values: Record<string, string | number> = {};
  /** In order, as `pg` takes positional ones. */
  readonly list: (string | number)[] = [];
  readonly dialect: SqlDialect;

  constructor(dialect: SqlDialect = SQLITE_DIALECT) {
    this.dialect = dialect;
  }

  bind(value: string | number): string {
    const index = this.list.length;
    this.list.push(value);
    this.values[`p${index}`] = value;
    return this.dialect.placeholder(index, value);
  }
}

/** The fact table an expression reads, under its alias in the query. */
export interface Scope {
  facts: MetricFact;
  alias: string;
  p: Params;
}

function column(s: Scope, field: string): string {
  const found = FACT_TABLES[s.facts].columns.find((c) => c.field === field);
  if (!found) throw new RangeError(`no field ${field} on ${s.facts}`);
  return `${s.alias}.${found.column}`;
}

/**
 * A constant as an SQL literal: written into the text so that the planner can match partial indexes
 * (tickets_open names the open statuses). Booleans are stored as 0/1.
 */
function literal(value: Constant['value'], d: SqlDialect): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite constant: ${value}`);
    return d.number(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlExpr(e: Expr<MetricFact>, s: Scope): string {
  switch (e.op) {
    case 'constant':
      return literal(e.value, s.p.dialect);
    case 'param':
      return s.p.bind(e.value);
    case 'field':
      return column(s, e.field);
    case 'lookup': {
      const otherwise = e.otherwise === null ? null : sqlExpr(e.otherwise, s);
      const whens = Object.entries(e.table)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => `WHEN ${s.p.bind(key)} THEN ${s.p.bind(value)}`);
      if (whens.length === 0) return otherwise ?? 'NULL';
      return `CASE ${sqlExpr(e.of, s)} ${whens.join(' ')}${otherwise === null ? '' : ` ELSE ${otherwise}`} END`;
    }
    case 'coalesce':
      return `COALESCE(${e.of.map((x) => sqlExpr(x, s)).join(', ')})`;
    case 'minus':
      return `${operand(e.left, s)} - ${operand(e.right, s)}`;
    case 'divide':
      return s.p.dialect.divide(operand(e.left, s), operand(e.right, s));
    case 'atLeastZero':
      return s.p.dialect.atLeastZero(sqlExpr(e.of, s));
    case 'truncate':
      return s.p.dialect.truncate(sqlExpr(e.of, s));
    case 'case': {
      const otherwise = e.otherwise === null ? null : sqlExpr(e.otherwise, s);
      if (e.whens.length === 0) return otherwise ?? 'NULL';
      const whens = e.whens.map((w) => `WHEN ${sqlCond(w.when, s)} THEN ${sqlExpr(w.then, s)}`);
      return `CASE ${whens.join(' ')}${otherwise === null ? '' : ` ELSE ${otherwise}`} END`;
    }
    case 'firstListed':
      return firstListed(e.list, e.table, s);
  }
}

/**
 * The value of the table key found earliest in the list: the least position among the keys present
 * (an absent key counts as past any text), then the key at that position. Distinct items start at
 * distinct positions of the delimited text, so at most one key is there; none is when none is present.
 */
function firstListed(
  list: Expr<MetricFact>,
  table: readonly (readonly [string, string])[],
  s: Scope,
): string {
  if (table.length === 0) return 'NULL';
  const text = sqlExpr(list, s);
  const at = (key: string): string => s.p.dialect.position(text, s.p.bind(listItem(key)));
  const beyond = s.p.dialect.number(PAST_ANY_TEXT);
  const positions = table.map(([key]) => `COALESCE(NULLIF(${at(key)}, 0), ${beyond})`);
  const whens = table.map(([key, value]) => `WHEN ${at(key)} THEN ${s.p.bind(value)}`);
  return `CASE ${s.p.dialect.least([beyond, ...positions])} ${whens.join(' ')} END`;
}

/** A position no list text reaches (lists are a ticket's tags or field values). */
const PAST_ANY_TEXT = 2_147_483_647;

/** An arithmetic operand: parenthesized unless it is one term. */
function operand(e: Expr<MetricFact>, s: Scope): string {
  const sql = sqlExpr(e, s);
  return e.op === 'minus' || e.op === 'divide' ? `(${sql})` : sql;
}

export function sqlCond(c: Cond<MetricFact>, s: Scope): string {
  switch (c.op) {
    case 'compare':
      return `${sqlExpr(c.left, s)} ${c.cmp} ${sqlExpr(c.right, s)}`;
    case 'in':
      return `${sqlExpr(c.of, s)} IN (${c.values.map((v) => sqlExpr(v, s)).join(', ')})`;
    case 'between':
      return `${sqlExpr(c.of, s)} BETWEEN ${sqlExpr(c.low, s)} AND ${sqlExpr(c.high, s)}`;
    case 'isNull':
      return `${sqlExpr(c.of, s)} IS NULL`;
    case 'notNull':
      return `${sqlExpr(c.of, s)} IS NOT NULL`;
    case 'listHas':
      return `${s.p.dialect.position(sqlExpr(c.list, s), s.p.bind(listItem(c.item)))} > 0`;
    case 'and':
      return c.of.length === 0
        ? '1 = 1'
        : c.of.map((x) => (x.op === 'or' ? `(${sqlCond(x, s)})` : sqlCond(x, s))).join(' AND ');
    case 'or':
      return c.of.length === 0
        ? '1 = 0'
        : c.of.map((x) => (x.op === 'and' ? `(${sqlCond(x, s)})` : sqlCond(x, s))).join(' OR ');
  }
}
