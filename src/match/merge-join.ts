import type { AccountLink } from './types.ts';

/**
 * Orders strings as SQLite's BINARY collation does (UTF-8 bytes), which is how the store orders
 * both facts and links. JavaScript's `<` compares UTF-16 code units, which agrees except for
 * characters above U+FFFF against U+E000–U+FFFF: only those take the slow path.
 */
export function compareSqliteText(a: string, b: string): number {
  if (a === b) return 0;
  if (/[\uD800-\uFFFF]/.test(a) || /[\uD800-\uFFFF]/.test(b))
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return a < b ? -1 : 1;
}

export interface Joined<F> {
  id: string;
  /** Undefined when links exist for a fact that is gone (orphans). */
  fact: F | undefined;
  links: AccountLink[];
}

/** One side of a merge-join: its rows a chunk at a time, so that only a new chunk costs an await. */
class Cursor<T> {
  private chunk: readonly T[] = [];
  private position = 0;
  private readonly chunks: AsyncIterator<readonly T[]>;

  constructor(chunks: AsyncIterator<readonly T[]>) {
    this.chunks = chunks;
  }

  /** The row in hand, or undefined when the chunk is used up: then `refill()` reads the next one. */
  get current(): T | undefined {
    return this.chunk[this.position];
  }

  /** The row in hand after reading the next chunk when needed; undefined at the end. */
  async refill(): Promise<T | undefined> {
    while (this.position >= this.chunk.length) {
      const step = await this.chunks.next();
      if (step.done) return undefined;
      this.chunk = step.value;
      this.position = 0;
    }
    return this.chunk[this.position];
  }

  /** Moves past the row in hand; `current` is then undefined at the end of a chunk. */
  advance(): void {
    this.position++;
  }
}

/** Joined rows per yield: the caller loops over them without an await per fact. */
const JOINED_PER_YIELD = 1000;

/**
 * Walks facts and their stored links side by side, both sorted by id, so that a relink over a
 * million facts needs neither a query per fact nor every link in memory. Yields the joined rows in
 * chunks.
 */
export async function* mergeFactsWithLinks<F extends { id: string }>(
  facts: AsyncIterator<readonly F[]>,
  links: AsyncIterator<readonly AccountLink[]>,
): AsyncGenerator<Joined<F>[]> {
  const f = new Cursor(facts);
  const l = new Cursor(links);
  // `current ?? await refill()`: an await only where a chunk ends.
  let fact = f.current ?? (await f.refill());
  let link = l.current ?? (await l.refill());
  let joined: Joined<F>[] = [];
  while (fact !== undefined || link !== undefined) {
    const order =
      fact === undefined ? 1 : link === undefined ? -1 : compareSqliteText(fact.id, link.entityId);
    const id = order <= 0 ? fact!.id : link!.entityId;
    const own: AccountLink[] = [];
    while (link !== undefined && link.entityId === id) {
      own.push(link);
      l.advance();
      link = l.current ?? (await l.refill());
    }
    joined.push({ id, fact: order <= 0 ? fact : undefined, links: own });
    if (order <= 0) {
      f.advance();
      fact = f.current ?? (await f.refill());
    }
    if (joined.length >= JOINED_PER_YIELD) {
      yield joined;
      joined = [];
    }
  }
  if (joined.length > 0) yield joined;
}
