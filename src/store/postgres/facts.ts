import type { Fact, FactKind, FactRef } from '../../facts/schemas.ts';
import { FACT_TABLES, columnsOf, fromRow, toRow } from '../fact-tables.ts';
import type { Chunks, CursorRepo, CursorState, FactCounts, FactRepo, PageWrite } from '../store.ts';
import { insertMany } from './batches.ts';
import { type Postgres, fromJson, toJson } from './database.ts';
import { KeysetChunks, KeysetRows, byId } from './keyset-chunks.ts';
import type { PostgresLinks } from './links.ts';

const KINDS = Object.keys(FACT_TABLES) as FactKind[];

interface CursorRow {
  stream: string;
  value: string;
  fingerprint: string;
  updated_at: number;
}

export class PostgresCursors implements CursorRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async get(stream: string): Promise<CursorState | undefined> {
    const [row] = await this.db.query<CursorRow>(
      'SELECT value, fingerprint, updated_at FROM cursors WHERE stream = $1',
      [stream],
    );
    return (
      row && { value: fromJson(row.value, null), fingerprint: row.fingerprint, updatedAt: row.updated_at }
    );
  }

  async put(stream: string, value: unknown, fingerprint: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO cursors (stream, value, fingerprint, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (stream) DO UPDATE SET value = EXCLUDED.value, fingerprint = EXCLUDED.fingerprint,
         updated_at = EXCLUDED.updated_at`,
      [stream, toJson(value), fingerprint, Date.now()],
    );
  }

  async reset(stream: string): Promise<void> {
    await this.db.execute('DELETE FROM cursors WHERE stream = $1', [stream]);
  }

  async list(): Promise<(CursorState & { stream: string })[]> {
    const rows = await this.db.query<CursorRow>(
      'SELECT stream, value, fingerprint, updated_at FROM cursors ORDER BY stream',
    );
    return rows.map((r) => ({
      stream: r.stream,
      value: fromJson(r.value, null),
      fingerprint: r.fingerprint,
      updatedAt: r.updated_at,
    }));
  }
}

/** The upsert of one kind's facts, a thousand rows a statement. */
function upserts(kind: FactKind, facts: Fact[]): { sql: string; params: (string | number | null)[] }[] {
  const { table, columns } = FACT_TABLES[kind];
  const names = columns.map((c) => c.column);
  const updates = names.filter((n) => n !== 'id').map((n) => `${n} = EXCLUDED.${n}`);
  return insertMany(
    table,
    names,
    facts.map(toRow),
    `ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
    (row) => String(row[0]),
  ) as { sql: string; params: (string | number | null)[] }[];
}

export class PostgresFacts implements FactRepo {
  private readonly db: Postgres;
  private readonly cursors: PostgresCursors;
  private readonly links: PostgresLinks;

  constructor(db: Postgres, cursors: PostgresCursors, links: PostgresLinks) {
    this.db = db;
    this.cursors = cursors;
    this.links = links;
  }

  commitPage(stream: string, page: PageWrite, next: { value: unknown; fingerprint: string }): Promise<void> {
    return this.db.transaction(async () => {
      const byKind = new Map<FactKind, Fact[]>();
      for (const fact of page.upserts) byKind.set(fact.kind, [...(byKind.get(fact.kind) ?? []), fact]);
      for (const [kind, facts] of byKind)
        for (const { sql, params } of upserts(kind, facts)) await this.db.execute(sql, params);
      for (const kind of KINDS) {
        const ids = page.deletes.filter((r) => r.kind === kind).map((r) => r.id);
        if (ids.length === 0) continue;
        await this.db.execute(`DELETE FROM ${FACT_TABLES[kind].table} WHERE id = ANY($1::text[])`, [ids]);
        if (kind !== 'account')
          await this.links.replaceRows(
            ids.map((id) => ({ entity: kind, entityId: id })),
            [],
          );
      }
      if (page.links) {
        const entities = new Map<string, { entity: Exclude<FactKind, 'account'>; entityId: string }>();
        for (const f of page.upserts)
          if (f.kind !== 'account') entities.set(`${f.kind}:${f.id}`, { entity: f.kind, entityId: f.id });
        await this.links.replaceRows([...entities.values()], page.links);
      }
      await this.cursors.put(stream, next.value, next.fingerprint);
    });
  }

  async get(ref: FactRef): Promise<Fact | undefined> {
    const [row] = await this.db.query(`SELECT * FROM ${FACT_TABLES[ref.kind].table} WHERE id = $1`, [ref.id]);
    return row && fromRow(ref.kind, row);
  }

  async ticketIdsOfOrganizations(organizationIds: readonly string[]): Promise<string[]> {
    if (organizationIds.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(
      'SELECT id FROM tickets WHERE organization_id = ANY($1::text[])',
      [organizationIds],
    );
    return rows.map((r) => r.id);
  }

  async ids(kind: FactKind): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM ${FACT_TABLES[kind].table} ORDER BY id`);
    return rows.map((r) => r.id);
  }

  async counts(): Promise<FactCounts> {
    const [row] = await this.db.query<FactCounts>(
      `SELECT ${KINDS.map((k) => `(SELECT COUNT(*) FROM ${FACT_TABLES[k].table}) AS ${k}`).join(', ')}`,
    );
    return row!;
  }

  iterate<K extends FactKind>(kind: K): AsyncIterableIterator<Extract<Fact, { kind: K }>> {
    return new KeysetRows(
      new KeysetChunks(
        this.db,
        byId(`SELECT * FROM ${FACT_TABLES[kind].table}`, 'id'),
        (row) => row['id'] as string,
        (row) => fromRow(kind, row),
      ),
    );
  }

  chunks<K extends FactKind>(
    kind: K,
    fields: readonly string[],
  ): Chunks<Partial<Extract<Fact, { kind: K }>> & { kind: K; id: string }> {
    const columns = columnsOf(kind, fields);
    return new KeysetChunks(
      this.db,
      byId(`SELECT ${columns.map((c) => c.column).join(', ')} FROM ${FACT_TABLES[kind].table}`, 'id'),
      (row) => row['id'] as string,
      (row) => fromRow(kind, row, columns),
    );
  }
}
