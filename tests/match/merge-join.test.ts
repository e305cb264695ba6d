import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { compareSqliteText, mergeFactsWithLinks } from '../../src/match/merge-join.ts';
import type { AccountLink } from '../../src/match/types.ts';

const IDS = ['9', '10', '100', 'a', 'B', 'ä', 'z', '\uE000', '😀', 'Ω', ''];

describe('compareSqliteText', () => {
  it('orders strings as SQLite orders TEXT (binary UTF-8), surrogate pairs included', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO t (id) VALUES (?)');
    for (const id of IDS) insert.run(id);
    const sqlite = (db.prepare('SELECT id FROM t ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    expect([...IDS].sort(compareSqliteText)).toEqual(sqlite);
    // JavaScript's own order differs exactly where UTF-16 and UTF-8 disagree.
    expect([...IDS].sort()).not.toEqual(sqlite);
  });
});

describe('mergeFactsWithLinks', () => {
  it('pairs each fact with its links across chunk boundaries, and yields links whose fact is gone', async () => {
    const link = (entityId: string, accountId: string): AccountLink => ({
      entity: 'ticket',
      entityId,
      accountId,
      rule: 'r',
    });
    const facts = [{ id: '1' }, { id: '3' }, { id: '5' }];
    const links = [link('1', 'A'), link('1', 'B'), link('2', 'A'), link('5', 'C'), link('6', 'D')];
    // Chunks of two: fact 1's links end one chunk, and fact 5's link starts one.
    const chunks = <T>(items: T[]): AsyncIterator<T[]> => {
      const it = Array.from({ length: Math.ceil(items.length / 2) }, (_, i) =>
        items.slice(2 * i, 2 * i + 2),
      ).values();
      return { next: () => Promise.resolve(it.next()) };
    };
    const yielded = await Array.fromAsync(mergeFactsWithLinks(chunks(facts), chunks(links)));
    const joined = yielded.flat().map((j) => ({
      id: j.id,
      fact: j.fact !== undefined,
      accounts: j.links.map((l) => l.accountId),
    }));
    expect(joined).toEqual([
      { id: '1', fact: true, accounts: ['A', 'B'] },
      { id: '2', fact: false, accounts: ['A'] },
      { id: '3', fact: true, accounts: [] },
      { id: '5', fact: true, accounts: ['C'] },
      { id: '6', fact: false, accounts: ['D'] },
    ]);
  });
});
