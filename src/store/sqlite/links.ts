import type { StatementSync } from 'node:sqlite';
import type { Fact } from '../../facts/schemas.ts';
import type { AccountLink, LinkRepo } from '../store.ts';
import type { Sqlite } from './database.ts';
import { FACT_TABLES, columnsOf, fromRow } from './fact-tables.ts';

// As migration 001 creates it; recreated on open after a bulk load that did not finish.
const ACCOUNT_INDEX = 'CREATE INDEX IF NOT EXISTS account_links_account ON account_links(account_id, entity)';

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

  replace(entities: { entity: AccountLink['entity']; entityId: string }[], links: AccountLink[]): void {
    this.s.transaction(() => {
      for (const e of entities) this.del.run(e.entity, e.entityId);
      for (const l of links) this.ins.run(l.entity, l.entityId, l.accountId, l.rule);
    });
  }

  async bulkLoad<T>(load: () => Promise<T>): Promise<T> {
    if (this.s.db.prepare('SELECT 1 FROM account_links LIMIT 1').get() !== undefined) return load();
    this.s.db.exec('DROP INDEX IF EXISTS account_links_account');
    try {
      return await load();
    } finally {
      this.s.db.exec(ACCOUNT_INDEX);
    }
  }

  forEntity(entity: AccountLink['entity'], entityId: string): AccountLink[] {
    const rows = this.byEntity.all(entity, entityId) as {
      entity: AccountLink['entity'];
      entity_id: string;
      account_id: string;
      rule: string;
    }[];
    return rows.map((r) => ({
      entity: r.entity,
      entityId: r.entity_id,
      accountId: r.account_id,
      rule: r.rule,
    }));
  }

  *iterate(entity: AccountLink['entity']): IterableIterator<AccountLink> {
    const stmt = this.s.db.prepare(
      'SELECT entity_id, account_id, rule FROM account_links WHERE entity = ? ORDER BY entity_id, account_id',
    );
    for (const row of stmt.iterate(entity) as IterableIterator<{
      entity_id: string;
      account_id: string;
      rule: string;
    }>)
      yield { entity, entityId: row.entity_id, accountId: row.account_id, rule: row.rule };
  }

  countsByRule(): { entity: string; rule: string; count: number }[] {
    return this.s.db
      .prepare(
        'SELECT entity, rule, COUNT(DISTINCT entity_id) AS count FROM account_links GROUP BY entity, rule ORDER BY entity, rule',
      )
      .all() as { entity: string; rule: string; count: number }[];
  }

  unmatched(entity: AccountLink['entity']): number {
    const table = FACT_TABLES[entity].table;
    const row = this.s.db
      .prepare(
        `SELECT COUNT(*) AS n FROM ${table} f WHERE NOT EXISTS
         (SELECT 1 FROM account_links l WHERE l.entity = ? AND l.entity_id = f.id)`,
      )
      .get(entity) as { n: number };
    return row.n;
  }

  *iterateUnlinked<K extends AccountLink['entity']>(
    entity: K,
    fields: readonly string[],
  ): IterableIterator<Partial<Extract<Fact, { kind: K }>> & { kind: K; id: string }> {
    const columns = columnsOf(entity, fields);
    const rows = this.s.db
      .prepare(
        `SELECT ${columns.map((c) => `f.${c.column}`).join(', ')} FROM ${FACT_TABLES[entity].table} f
         WHERE NOT EXISTS (SELECT 1 FROM account_links l WHERE l.entity = ? AND l.entity_id = f.id)
         ORDER BY f.id`,
      )
      .iterate(entity);
    for (const row of rows) yield fromRow(entity, row as Record<string, unknown>, columns);
  }
}
