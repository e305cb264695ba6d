import type { AccountLink } from '../store/store.ts';

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

/**
 * Walks facts and their stored links side by side, both sorted by id, so that a relink over a
 * million facts needs neither a query per fact nor every link in memory.
 */
export async function* mergeFactsWithLinks<F extends { id: string }>(
  facts: AsyncIterator<F>,
  links: AsyncIterator<AccountLink>,
): AsyncGenerator<Joined<F>> {
  let f = await facts.next();
  let l = await links.next();
  while (!f.done || !l.done) {
    const order = f.done ? 1 : l.done ? -1 : compareSqliteText(f.value.id, l.value.entityId);
    const id = order <= 0 ? (f.value as F).id : (l.value as AccountLink).entityId;
    const fact = order <= 0 ? (f.value as F) : undefined;
    if (order <= 0) f = await facts.next();
    const own: AccountLink[] = [];
    while (!l.done && l.value.entityId === id) {
      own.push(l.value);
      l = await links.next();
    }
    yield { id, fact, links: own };
  }
}
