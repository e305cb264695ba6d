import type { Fact, FactKind } from '../facts/schemas.ts';

/**
 * How each fact kind maps to its table: one column per field, booleans as 0/1, arrays and records
 * as JSON, lists of short strings as delimited text (see `listText`). The mapping is data so that
 * writing, reading and deleting share one definition.
 */
type Codec = 'plain' | 'bool' | 'json' | 'list';

/**
 * A list of strings as `|a|b|` (none: ''), so both stores find an item with a substring search for
 * `|item|` (`listItem`): SQLite's instr, Postgres's strpos. No item may hold the delimiter.
 */
export const LIST_DELIMITER = '|';
export function listText(items: readonly string[]): string {
  if (items.some((x) => x.includes(LIST_DELIMITER)))
    throw new RangeError(`a list item holds "${LIST_DELIMITER}"`);
  return items.length === 0 ? '' : `${LIST_DELIMITER}${items.join(LIST_DELIMITER)}${LIST_DELIMITER}`;
}
/** What `listText` holds an item as: a substring of the text only if it is one of its items. */
export const listItem = (item: string): string => `${LIST_DELIMITER}${item}${LIST_DELIMITER}`;
const fromListText = (text: string): string[] => text.split(LIST_DELIMITER).filter((x) => x !== '');
interface Column {
  field: string;
  column: string;
  codec: Codec;
}
export interface FactTable {
  table: string;
  columns: Column[];
}

const col = (field: string, codec: Codec = 'plain'): Column => ({
  field,
  column: field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
  codec,
});

export const FACT_TABLES: Record<FactKind, FactTable> = {
  ticket: {
    table: 'tickets',
    columns: [
      col('id'),
      col('organizationId'),
      col('requesterKey'),
      col('requesterDomain'),
      col('createdAt'),
      col('updatedAt'),
      col('solvedAt'),
      col('status'),
      col('priority'),
      col('channel'),
      col('groupId'),
      col('tags', 'list'),
      col('categoryFieldValues', 'list'),
      col('firstReplyMinutes'),
      col('fullResolutionMinutes'),
      col('replies'),
      col('reopens'),
      col('slaBreached', 'bool'),
      col('satisfaction'),
      col('riskFlag', 'bool'),
      col('amount'),
    ],
  },
  organization: {
    table: 'organizations',
    columns: [col('id'), col('name'), col('externalId'), col('domains', 'json'), col('updatedAt')],
  },
  call: {
    table: 'calls',
    columns: [
      col('id'),
      col('startedAt'),
      col('endedAt'),
      col('direction'),
      col('queueId'),
      col('handleSec'),
      col('talkSec'),
      col('holdSec'),
      col('acwSec'),
      col('abandoned', 'bool'),
      col('transferred', 'bool'),
      col('callerKey'),
      col('externalOrgId'),
    ],
  },
  issue: {
    table: 'issues',
    columns: [
      col('id'),
      col('key'),
      col('type'),
      col('priority'),
      col('statusCategory'),
      col('createdAt'),
      col('updatedAt'),
      col('resolvedAt'),
      col('accountRefs', 'json'),
      col('ticketRefs', 'json'),
    ],
  },
  account: {
    table: 'accounts',
    columns: [
      col('id'),
      col('name'),
      col('ownerId'),
      col('tier'),
      col('domain'),
      col('phoneKey'),
      col('fields', 'json'),
      col('systemModstamp'),
    ],
  },
};

type SqlValue = string | number | null;

export function toRow(fact: Fact): SqlValue[] {
  const record = fact as unknown as Record<string, unknown>;
  return FACT_TABLES[fact.kind].columns.map(({ field, codec }) => {
    const v = record[field];
    if (v === null || v === undefined) return null;
    if (codec === 'bool') return v ? 1 : 0;
    if (codec === 'json') return JSON.stringify(v);
    if (codec === 'list') return listText(v as string[]);
    return v as SqlValue;
  });
}

/** The table's columns for some fields of its fact, always with `id`. */
export function columnsOf(kind: FactKind, fields: readonly string[]): Column[] {
  return FACT_TABLES[kind].columns.filter((c) => c.field === 'id' || fields.includes(c.field));
}

export function fromRow<K extends FactKind>(
  kind: K,
  row: Record<string, unknown>,
  columns: readonly Column[] = FACT_TABLES[kind].columns,
): Extract<Fact, { kind: K }> {
  const out: Record<string, unknown> = { kind };
  for (const { field, column, codec } of columns) {
    const v = row[column];
    if (codec === 'list') out[field] = typeof v === 'string' ? fromListText(v) : [];
    else if (v === null || v === undefined) out[field] = null;
    else if (codec === 'bool') out[field] = v === 1;
    else if (codec === 'json') out[field] = JSON.parse(v as string);
    else out[field] = v;
  }
  return out as Extract<Fact, { kind: K }>;
}

export function upsertSql(kind: FactKind): string {
  const { table, columns } = FACT_TABLES[kind];
  const names = columns.map((c) => c.column);
  const updates = names.filter((n) => n !== 'id').map((n) => `${n} = excluded.${n}`);
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
    ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`;
}
