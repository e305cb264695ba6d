import { isSfId } from '../ids.ts';
import {
  findField,
  isIdType,
  isNumberType,
  isTextType,
  type FieldDef,
  type SObjectDef,
} from '../schema/fields.ts';
import type { Condition, FieldRef, LiteralAt, SoqlQuery } from './ast.ts';
import { noSuchColumn, soqlError, unsupportedType } from './errors.ts';

/** A parsed query checked against the object's describe: every name resolved, every literal of the right type. */
export interface CompiledQuery {
  query: SoqlQuery;
  def: SObjectDef;
  select: FieldDef[];
  fieldOf: (ref: FieldRef) => FieldDef;
}

export function compileQuery(query: SoqlQuery, defs: SObjectDef[]): CompiledQuery {
  const def = defs.find((d) => d.name.toLowerCase() === query.object.name.toLowerCase());
  if (!def) throw soqlError('INVALID_TYPE', query.soql, query.object.pos, unsupportedType(query.object.name));
  const resolved = new Map<FieldRef, FieldDef>();
  const resolve = (ref: FieldRef): FieldDef => {
    const known = resolved.get(ref);
    if (known) return known;
    if (ref.name.includes('.')) {
      const rel = ref.name.split('.')[0] ?? ref.name;
      throw soqlError(
        'INVALID_FIELD',
        query.soql,
        ref.pos,
        `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    const f = findField(def, ref.name);
    if (!f) throw soqlError('INVALID_FIELD', query.soql, ref.pos, noSuchColumn(ref.name, def.name));
    resolved.set(ref, f);
    return f;
  };

  const select = query.fields.map(resolve);
  const seen = new Set<string>();
  query.fields.forEach((ref, i) => {
    const name = select[i]!.name;
    if (seen.has(name))
      throw soqlError('MALFORMED_QUERY', query.soql, ref.pos, `duplicate field selected: ${name}`);
    seen.add(name);
  });
  if (query.where) checkCondition(query, query.where, resolve);
  for (const item of query.orderBy) {
    const f = resolve(item.field);
    if (!f.sortable) {
      throw soqlError(
        'INVALID_FIELD',
        query.soql,
        item.field.pos,
        `field '${f.name}' can not be sorted in a query call`,
      );
    }
  }
  return { query, def, select, fieldOf: resolve };
}

function checkCondition(query: SoqlQuery, c: Condition, resolve: (ref: FieldRef) => FieldDef): void {
  switch (c.type) {
    case 'and':
    case 'or':
      c.items.forEach((item) => checkCondition(query, item, resolve));
      return;
    case 'not':
      checkCondition(query, c.item, resolve);
      return;
    case 'compare':
    case 'in':
    case 'like': {
      const f = resolve(c.field);
      if (!f.filterable) {
        throw soqlError(
          'INVALID_FIELD',
          query.soql,
          c.field.pos,
          `field '${f.name}' can not be filtered in a query call`,
        );
      }
      if (c.type === 'like') {
        if (!isTextType(f.type)) {
          throw soqlError(
            'INVALID_QUERY_FILTER_OPERATOR',
            query.soql,
            c.pos,
            `invalid operator on ${f.type} field: LIKE`,
          );
        }
        return;
      }
      const values = c.type === 'compare' ? [c.value] : c.values;
      values.forEach((v) => checkLiteral(query, f, v));
      return;
    }
  }
}

const TYPE_WORD: Record<string, string> = {
  datetime: 'dateTime',
  date: 'date',
  boolean: 'boolean',
  int: 'integer',
  double: 'double',
  currency: 'currency',
  percent: 'double',
};

/** The org refuses a literal of the wrong kind, with the wording Salesforce uses. */
function checkLiteral(query: SoqlQuery, f: FieldDef, v: LiteralAt): void {
  const { lit } = v;
  if (lit.kind === 'null') return;
  const quotedWord = (word: string): never => {
    throw soqlError(
      'INVALID_FIELD',
      query.soql,
      v.pos,
      `value of filter criterion for field '${f.name}' must be of type ${word} and should not be enclosed in quotes`,
    );
  };
  if (isIdType(f.type)) {
    if (lit.kind !== 'string') quotedWord('id');
    if (lit.kind === 'string' && !isSfId(lit.value)) {
      throw soqlError('INVALID_QUERY_FILTER_OPERATOR', query.soql, v.pos, `invalid ID field: ${lit.value}`);
    }
    return;
  }
  if (isTextType(f.type)) {
    if (lit.kind !== 'string') {
      throw soqlError(
        'INVALID_FIELD',
        query.soql,
        v.pos,
        `value of filter criterion for field '${f.name}' must be of type string and should be enclosed in quotes`,
      );
    }
    return;
  }
  const expected =
    f.type === 'datetime'
      ? 'datetime'
      : f.type === 'date'
        ? 'date'
        : f.type === 'boolean'
          ? 'boolean'
          : isNumberType(f.type)
            ? 'number'
            : null;
  if (expected && lit.kind !== expected) quotedWord(TYPE_WORD[f.type] ?? f.type);
}
