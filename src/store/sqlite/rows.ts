import type { Sqlite } from './database.ts';

type Row = Record<string, unknown>;

/** Rows read per synchronous step of the statement. */
const CHUNK = 1000;

/**
 * A query's rows as an async iterator, for relinks over a million facts. The statement is stepped
 * synchronously a chunk at a time (taking its turn like any statement, see `Sqlite.run`) and the
 * rows are then handed out from memory: per row this costs one resolved promise. Over 1,000,000
 * rows the sync iterator took 1,494 ms, this 1,620 ms, an async generator yielding each row 1,741 ms.
 * The statement is prepared when the first row is asked for, and is its own: two iterations of the
 * same query do not share a cursor.
 */
export class Rows<T> implements AsyncIterableIterator<T> {
  private buffer: T[] = [];
  private position = 0;
  private cursor: Iterator<Row> | undefined;
  private exhausted = false;
  private readonly s: Sqlite;
  private readonly open: () => Iterator<Row>;
  private readonly map: (row: Row) => T;

  constructor(s: Sqlite, open: () => Iterator<Row>, map: (row: Row) => T) {
    this.s = s;
    this.open = open;
    this.map = map;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.position < this.buffer.length)
      return Promise.resolve({ done: false, value: this.buffer[this.position++]! });
    if (this.exhausted) return Promise.resolve({ done: true, value: undefined });
    return this.s.run(() => this.fill()).then(() => this.next());
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.exhausted = true;
    this.buffer = [];
    this.position = 0;
    this.cursor?.return?.();
    return Promise.resolve({ done: true, value: undefined });
  }

  private fill(): void {
    // Another call to next() may have filled the buffer while this one waited for its turn.
    if (this.position < this.buffer.length || this.exhausted) return;
    this.cursor ??= this.open();
    const rows: T[] = [];
    for (let i = 0; i < CHUNK; i++) {
      const step = this.cursor.next();
      if (step.done) {
        this.exhausted = true;
        break;
      }
      rows.push(this.map(step.value));
    }
    this.buffer = rows;
    this.position = 0;
  }
}
