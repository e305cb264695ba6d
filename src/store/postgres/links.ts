import type { Fact } from '../../facts/schemas.ts';
import type { AccountLink } from '../../match/types.ts';
import { FACT_TABLES, columnsOf, fromRow } from '../fact-tables.ts';
import type { Chunks, LinkRepo } from '../store.ts';
import { insertMany } from './batches.ts';
import type { Postgres } from './database.ts';
import { KeysetChunks, byId } from './keyset-chunks.ts';

// As migration 001 creates it; recreated on open after a bulk load that did not finish.
export const ACCOUNT_INDEX =
  'CREATE INDEX IF NOT EXISTS account_links_account ON account_links(account_id, entity)';

type LinkRow = { entity: AccountLink['entity']; entity_id: string; account_id: string; rule: string };
type Entity = { entity: AccountLink['entity']; entityId: string };

export class PostgresLinks implements LinkRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  replace(entities: Entity[], links: AccountLink[]): Promise<void> {
    return this.db.transaction(() => this.replaceRows(entities, links));
  }

  /** `replace`'s statements, for a caller that holds the transaction (a page's commit). */
  async replaceRows(entities: Entity[], links: AccountLink[]): Promise<void> {
    if (entities.length > 0)
      await this.db.execute(
        `DELETE FROM account_links l USING unnest($1::text[], $2::text[]) AS e(entity, entity_id)
         WHERE l.entity = e.entity AND l.entity_id = e.entity_id`,
        [entities.map((e) => e.entity), entities.map((e) => e.entityId)],
      );
    const statements = insertMany(
      'account_links',
      ['entity', 'entity_id', 'account_id', 'rule'],
      links.map((l) => [l.entity, l.entityId, l.accountId, l.rule]),
      'ON CONFLICT (entity, entity_id, account_id) DO UPDATE SET rule = EXCLUDED.rule',
      (row) => JSON.stringify(row.slice(0, 3)),
    );
    for (const { sql, params } of statements) await this.db.execute(sql, params);
  }

  async bulkLoad<T>(load: () => Promise<T>): Promise<T> {
    const [any] = await this.db.query('SELECT 1 FROM account_links LIMIT 1');
    if (any) return load();
    await this.db.execute('DROP INDEX IF EXISTS account_links_account');
    try {
      return await load();
    } finally {
      await this.db.execute(ACCOUNT_INDEX);
    }
  }

  async forEntity(entity: AccountLink['entity'], entityId: string): Promise<AccountLink[]> {
    const rows = await this.db.query<LinkRow>(
      'SELECT entity, entity_id, account_id, rule FROM account_links WHERE entity = $1 AND entity_id = $2 ORDER BY account_id',
      [entity, entityId],
    );
    return rows.map((r) => ({
      entity: r.entity,
      entityId: r.entity_id,
      accountId: r.account_id,
      rule: r.rule,
    }));
  }

  chunks(entity: AccountLink['entity']): Chunks<AccountLink> {
    return new KeysetChunks<AccountLink, [string, string]>(
      this.db,
      (after) => ({
        sql: `SELECT entity_id, account_id, rule FROM account_links WHERE entity = $1${
          after ? ' AND (entity_id, account_id) > ($2, $3)' : ''
        } ORDER BY entity_id, account_id`,
        params: after ? [entity, ...after] : [entity],
      }),
      (row) => [row['entity_id'] as string, row['account_id'] as string],
      (row) => ({
        entity,
        entityId: row['entity_id'] as string,
        accountId: row['account_id'] as string,
        rule: row['rule'] as string,
      }),
    );
  }

  countsByRule(): Promise<{ entity: string; rule: string; count: number }[]> {
    return this.db.query(
      'SELECT entity, rule, COUNT(DISTINCT entity_id) AS count FROM account_links GROUP BY entity, rule ORDER BY entity, rule',
    );
  }

  async unmatched(entity: AccountLink['entity']): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM ${FACT_TABLES[entity].table} f WHERE NOT EXISTS
       (SELECT 1 FROM account_links l WHERE l.entity = $1 AND l.entity_id = f.id)`,
      [entity],
    );
    return row!.n;
  }

  unlinkedChunks<K extends AccountLink['entity']>(
    entity: K,
    fields: readonly string[],
  ): Chunks<Partial<Extract<Fact, { kind: K }>> & { kind: K; id: string }> {
    const columns = columnsOf(entity, fields);
    return new KeysetChunks(
      this.db,
      byId(
        `SELECT ${columns.map((c) => `f.${c.column}`).join(', ')} FROM ${FACT_TABLES[entity].table} f`,
        'f.id',
        ['NOT EXISTS (SELECT 1 FROM account_links l WHERE l.entity = $1 AND l.entity_id = f.id)'],
        [entity],
      ),
      (row) => row['id'] as string,
      (row) => fromRow(entity, row, columns),
    );
  }
}
