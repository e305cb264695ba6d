import { parseDatetime } from '../sf-time.ts';
import { isIdType, isTextType, type FieldDef } from '../schema/fields.ts';
import type { SfRecord, SfValue } from '../records.ts';
import type { Condition, Literal } from './ast.ts';
import type { CompiledQuery } from './compile.ts';

type Comparable = string | number;

/** The comparable form of a stored value: text compares without case, ids by their 15-character form. */
function normalize(f: FieldDef, value: SfValue): Comparable | null {
  if (value === null) return null;
  if (f.type === 'datetime') return typeof value === 'string' ? datetimeMs(value) : null;
  if (f.type === 'boolean') return value === true ? 1 : 0;
  if (isIdType(f.type)) return String(value).slice(0, 15);
  if (isTextType(f.type)) return String(value).toLowerCase();
  return value as Comparable;
}

function literalValue(f: FieldDef, lit: Literal): Comparable | null {
  switch (lit.kind) {
    case 'null':
      return null;
    case 'boolean':
      return lit.value ? 1 : 0;
    case 'datetime':
    case 'number':
      return lit.value;
    case 'date':
      return lit.value;
    case 'string':
      return isIdType(f.type) ? lit.value.slice(0, 15) : lit.value.toLowerCase();
  }
}

const SF_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

/** Stored datetimes are always in Salesforce's form, so the common case skips the general parser. */
function datetimeMs(value: string): number | null {
  if (SF_FORM.test(value)) return Date.parse(`${value.slice(0, 23)}Z`);
  return parseDatetime(value) ?? null;
}

const cmp = (a: Comparable, b: Comparable): number => (a < b ? -1 : a > b ? 1 : 0);

function likeRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && i + 1 < pattern.length) {
      source += pattern.charAt(i + 1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    } else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

function matches(q: CompiledQuery, c: Condition, row: SfRecord): boolean {
  switch (c.type) {
    case 'and':
      return c.items.every((item) => matches(q, item, row));
    case 'or':
      return c.items.some((item) => matches(q, item, row));
    case 'not':
      return !matches(q, c.item, row);
    case 'like': {
      const value = row[q.fieldOf(c.field).name];
      return typeof value === 'string' && likeRegex(c.pattern).test(value);
    }
    case 'in': {
      const f = q.fieldOf(c.field);
      const value = normalize(f, row[f.name] ?? null);
      const found = c.values.some((v) => literalValue(f, v.lit) === value);
      return c.negated ? !found : found;
    }
    case 'compare': {
      const f = q.fieldOf(c.field);
      const value = normalize(f, row[f.name] ?? null);
      const lit = literalValue(f, c.value.lit);
      // SOQL's != keeps rows whose field is null, unlike SQL.
      if (value === null || lit === null) {
        if (c.op === '=') return value === lit;
        if (c.op === '!=') return value !== lit;
        return false;
      }
      const r = cmp(value, lit);
      switch (c.op) {
        case '=':
          return r === 0;
        case '!=':
          return r !== 0;
        case '<':
          return r < 0;
        case '<=':
          return r <= 0;
        case '>':
          return r > 0;
        case '>=':
          return r >= 0;
      }
    }
  }
}

/** Filters, sorts (ASC NULLS FIRST / DESC NULLS LAST by default) and applies OFFSET and LIMIT. */
export function runQuery(q: CompiledQuery, rows: Iterable<SfRecord>): SfRecord[] {
  const { where, orderBy, offset, limit } = q.query;
  let out: SfRecord[] = [];
  for (const row of rows) if (!where || matches(q, where, row)) out.push(row);
  if (orderBy.length > 0) {
    const keys = orderBy.map((item) => ({
      f: q.fieldOf(item.field),
      desc: item.desc,
      nullsLast: item.nullsLast,
    }));
    // Sort keys are computed once per row, not once per comparison.
    const decorated = out.map((row) => ({
      row,
      values: keys.map((k) => normalize(k.f, row[k.f.name] ?? null)),
    }));
    decorated.sort((a, b) => {
      for (const [i, k] of keys.entries()) {
        const va = a.values[i] ?? null;
        const vb = b.values[i] ?? null;
        if (va === null || vb === null) {
          if (va === vb) continue;
          return (va === null) === k.nullsLast ? 1 : -1;
        }
        const r = cmp(va, vb);
        if (r !== 0) return k.desc ? -r : r;
      }
      return 0;
    });
    out = decorated.map((d) => d.row);
  }
  const start = offset ?? 0;
  return out.slice(start, limit === null ? undefined : start + limit);
}
