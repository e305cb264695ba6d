import type { Comparison, Cond, Constant, Expr, Field, MetricFact, Param } from './query.ts';

/** Field references of one kind of fact: `const t = fieldsOf('ticket'); t('status')`. */
export const fieldsOf =
  <K extends MetricFact>(_kind: K) =>
  (field: Field<K>): Expr<K> => ({ op: 'field', field });

export const constant = (value: Constant['value']): Constant => ({ op: 'constant', value });
export const param = (value: Param['value']): Param => ({ op: 'param', value });

const compare =
  (cmp: Comparison) =>
  <K extends MetricFact>(left: Expr<K>, right: Expr<K>): Cond<K> => ({ op: 'compare', cmp, left, right });
export const eq = compare('=');
export const ne = compare('<>');
export const le = compare('<=');
export const gt = compare('>');
export const ge = compare('>=');

export const isIn = <K extends MetricFact>(of: Expr<K>, values: readonly Expr<K>[]): Cond<K> => ({
  op: 'in',
  of,
  values,
});
export const between = <K extends MetricFact>(of: Expr<K>, low: Expr<K>, high: Expr<K>): Cond<K> => ({
  op: 'between',
  of,
  low,
  high,
});
export const notNull = <K extends MetricFact>(of: Expr<K>): Cond<K> => ({ op: 'notNull', of });
export const and = <K extends MetricFact>(...of: Cond<K>[]): Cond<K> => ({ op: 'and', of });
export const or = <K extends MetricFact>(...of: Cond<K>[]): Cond<K> => ({ op: 'or', of });

export const lookup = <K extends MetricFact>(
  of: Expr<K>,
  table: Readonly<Record<string, number>>,
  otherwise: Expr<K> | null = null,
): Expr<K> => ({ op: 'lookup', of, table, otherwise });
export const coalesce = <K extends MetricFact>(...of: Expr<K>[]): Expr<K> => ({ op: 'coalesce', of });
export const minus = <K extends MetricFact>(left: Expr<K>, right: Expr<K>): Expr<K> => ({
  op: 'minus',
  left,
  right,
});
export const divide = <K extends MetricFact>(left: Expr<K>, right: Expr<K>): Expr<K> => ({
  op: 'divide',
  left,
  right,
});
export const atLeastZero = <K extends MetricFact>(of: Expr<K>): Expr<K> => ({ op: 'atLeastZero', of });
export const truncate = <K extends MetricFact>(of: Expr<K>): Expr<K> => ({ op: 'truncate', of });
export const caseOf = <K extends MetricFact>(
  whens: readonly { when: Cond<K>; then: Expr<K> }[],
  otherwise: Expr<K> | null = null,
): Expr<K> => ({ op: 'case', whens, otherwise });
export const firstListed = <K extends MetricFact>(
  list: Expr<K>,
  table: readonly (readonly [string, string])[],
): Expr<K> => ({ op: 'firstListed', list, table });
export const listHas = <K extends MetricFact>(list: Expr<K>, item: string): Cond<K> => ({
  op: 'listHas',
  list,
  item,
});
