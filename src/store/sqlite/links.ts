import type { StatementSync } from 'node:sqlite';
import type { Fact } from '../../facts/schemas.ts';
import type { AccountLink } from '../../match/types.ts';
import type { Chunks, LinkRepo } from '../store.ts';
import type { Sqlite } from './database.ts';
import { FACT_TABLES, columnsOf, fromRow } from '../fact-tables.ts';
import { QueryChunks } from './rows.ts';

// As migration 001 creates it; recreated on open after a bulk load that did not finish.
const ACCOUNT_INDEX = 'CREATE INDEX IF NOT EXISTS account_links_account ON account_links(account_id, entity)';

type LinkRow = { entity: AccountLink['entity']; entity_id: string; account_id: string; rule: string };

export class SqliteLinks implements LinkRepo {
  private readonly del: StatementSync;
  private readonly ins: StatementSync;
  // Prepared once: a statement prepared per call holds native memory until V8 collects its wrapper,
  // and the relink looks up links once per issue.
  private readonly byEntity: StatementSync;

  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
    s.db.exec(ACCOUNT_INDEX);
    this.del = s.db.prepare('DELETE FROM account_links WHERE entity = ? AND entity_id = ?');
    this.ins = s.db.prepare(
      'INSERT OR REPLACE INTO account_links (entity, entity_id, account_id, rule) VALUES (?, ?, ?, ?)',
    );
    this.byEntity = s.db.prepare(
      'SELECT entity, entity_id, account_id, rule FROM account_links WHERE entity = ? AND entity_id = ? ORDER BY account_id',
    );
  }

  replace(
    entities: { entity: AccountLink['entity']; entityId: string }[],
    links: AccountLink[],
  ): Promise<void> {
    return this.s.runAtomic(() => this.replaceRows(entities, links));
  }

  /** `replace`'s statements, for a caller that holds the transaction (a page's commit). */
  replaceRows(entities: { entity: AccountLink['entity']; entityId: string }[], links: AccountLink[]): void {
    for (const e of entities) this.del.run(e.entity, e.entityId);
    for (const l of links) this.ins.run(l.entity, l.entityId, l.accountId, l.rule);
  }

  async bulkLoad<T>(load: () => Promise<T>): Promise<T> {
    const empty = await this.s.run(() => {
      if (this.s.db.prepare('SELECT 1 FROM account_links LIMIT 1').get() !== undefined) return false;
      this.s.db.exec('DROP INDEX IF EXISTS account_links_account');
      return true;
    });
    if (!empty) return load();
    try {
      return await load();
    } finally {
      await this.s.run(() => this.s.db.exec(ACCOUNT_INDEX));
    }
  }

  forEntity(entity: AccountLink['entity'], entityId: string): Promise<AccountLink[]> {
    return this.s.run(() =>
      (this.byEntity.all(entity, entityId) as LinkRow[]).map((r) => ({
        entity: r.entity,
        entityId: r.entity_id,
        accountId: r.account_id,
        rule: r.rule,
      })),
    );
  }

  chunks(entity: AccountLink['entity']): Chunks<AccountLink> {
    return new QueryChunks(
      this.s,
      () =>
        this.s.db
          .prepare(
            'SELECT entity_id, account_id, rule FROM account_links WHERE entity = ? ORDER BY entity_id, account_id',
          )
          .iterate(entity),
      (row) => {
        const r = row as Omit<LinkRow, 'entity'>;
        return { entity, entityId: r.entity_id, accountId: r.account_id, rule: r.rule };
      },
    );
  }

  countsByRule(): Promise<{ entity: string; rule: string; count: number }[]> {
    return this.s.run(
      () =>
        this.s.db
          .prepare(
            'SELECT entity, rule, COUNT(DISTINCT entity_id) AS count FROM account_links GROUP BY entity, rule ORDER BY entity, rule',
          )
          .all() as { entity: string; rule: string; count: number }[],
    );
  }

  unmatched(entity: AccountLink['entity']): Promise<number> {
    const table = FACT_TABLES[entity].table;
    return this.s.run(
      () =>
        (
          this.s.db
            .prepare(
              `SELECT COUNT(*) AS n FROM ${table} f WHERE NOT EXISTS
               (SELECT 1 FROM account_links l WHERE l.entity = ? AND l.entity_id = f.id)`,
            )
            .get(entity) as { n: number }
        ).n,
    );
  }

  unlinkedChunks<K extends AccountLink['entity']>(
    entity: K,
    fields: readonly string[],
  ): Chunks<Partial<Extract<Fact, { kind: K }>> & { kind: K; id: string }> {
    const columns = columnsOf(entity, fields);
    const sql = `SELECT ${columns.map((c) => `f.${c.column}`).join(', ')} FROM ${FACT_TABLES[entity].table} f
       WHERE NOT EXISTS (SELECT 1 FROM account_links l WHERE l.entity = ? AND l.entity_id = f.id)
       ORDER BY f.id`;
    return new QueryChunks(
      this.s,
      () => this.s.db.prepare(sql).iterate(entity),
      (row) => fromRow(entity, row, columns),
    );
  }
}
