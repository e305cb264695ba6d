import type { Postgres, SqlParam } from './database.ts';

type Row = Record<string, unknown>;

/** Rows per page, as the SQLite store's chunks. */
export const CHUNK = 1000;

/**
 * A query's rows a page at a time by keyset (`WHERE key > last ORDER BY key LIMIT n`) rather than a
 * server-side cursor: no connection is held between pages, so an iteration that is abandoned without
 * `return()` leaks nothing, and each page is one short statement (on the caller's transaction when it
 * has one). `page(after)` builds the statement for the page after the key of the last row read
 * (undefined for the first page).
 */
export class KeysetChunks<T, K> implements AsyncIterableIterator<T[]> {
  private after: K | undefined;
  private exhausted = false;
  private readonly db: Postgres;
  private readonly page: (after: K | undefined) => { sql: string; params: SqlParam[] };
  private readonly keyOf: (row: Row) => K;
  private readonly map: (row: Row) => T;

  constructor(
    db: Postgres,
    page: (after: K | undefined) => { sql: string; params: SqlParam[] },
    keyOf: (row: Row) => K,
    map: (row: Row) => T,
  ) {
    this.db = db;
    this.page = page;
    this.keyOf = keyOf;
    this.map = map;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<T[], undefined>> {
    if (this.exhausted) return { done: true, value: undefined };
    const { sql, params } = this.page(this.after);
    const rows = await this.db.query(`${sql} LIMIT ${CHUNK}`, params);
    if (rows.length < CHUNK) this.exhausted = true;
    if (rows.length === 0) return { done: true, value: undefined };
    this.after = this.keyOf(rows[rows.length - 1]!);
    return { done: false, value: rows.map(this.map) };
  }

  return(): Promise<IteratorResult<T[], undefined>> {
    this.exhausted = true;
    return Promise.resolve({ done: true, value: undefined });
  }
}

/** The same rows one by one, handed out from the page in memory. */
export class KeysetRows<T> implements AsyncIterableIterator<T> {
  private buffer: T[] = [];
  private position = 0;
  private readonly chunks: AsyncIterableIterator<T[]>;

  constructor(chunks: AsyncIterableIterator<T[]>) {
    this.chunks = chunks;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<T, undefined>> {
    if (this.position < this.buffer.length) return { done: false, value: this.buffer[this.position++]! };
    const chunk = await this.chunks.next();
    if (chunk.done) return { done: true, value: undefined };
    this.buffer = chunk.value;
    this.position = 1;
    return { done: false, value: chunk.value[0]! };
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.buffer = [];
    this.position = 0;
    await this.chunks.return?.();
    return { done: true, value: undefined };
  }
}

/** Keyset page over a single text key `column`. */
export function byId(
  select: string,
  column: string,
  where: string[] = [],
  params: SqlParam[] = [],
): (after: string | undefined) => { sql: string; params: SqlParam[] } {
  return (after) => {
    const conds = after === undefined ? where : [...where, `${column} > $${params.length + 1}`];
    return {
      sql: `${select}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''} ORDER BY ${column}`,
      params: after === undefined ? params : [...params, after],
    };
  };
}
