import type { SqlParam } from './database.ts';

/** Rows per multi-row statement: well under Postgres's 65,535 bound parameters for the widest table. */
const ROWS_PER_STATEMENT = 1000;

/**
 * `INSERT INTO table (columns) VALUES (…), (…) <tail>` statements for `rows`, a thousand rows each.
 * Postgres refuses an `ON CONFLICT DO UPDATE` that meets the same key twice in one statement, so rows
 * with a key seen later in `rows` are dropped first (the last one wins, as one upsert after another).
 */
export function insertMany(
  table: string,
  columns: readonly string[],
  rows: readonly SqlParam[][],
  tail: string,
  keyOf: (row: readonly SqlParam[]) => string,
): { sql: string; params: SqlParam[] }[] {
  const last = new Map<string, readonly SqlParam[]>();
  for (const row of rows) {
    const key = keyOf(row);
    last.delete(key);
    last.set(key, row);
  }
  const unique = [...last.values()];
  const out: { sql: string; params: SqlParam[] }[] = [];
  for (let start = 0; start < unique.length; start += ROWS_PER_STATEMENT) {
    const batch = unique.slice(start, start + ROWS_PER_STATEMENT);
    const params: SqlParam[] = [];
    const tuples = batch.map((row) => {
      const marks = row.map((v) => {
        params.push(v);
        return `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    out.push({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${tail}`,
      params,
    });
  }
  return out;
}
