import type { StatementSync } from 'node:sqlite';
import type { Fact, FactKind, FactRef } from '../../facts/schemas.ts';
import type { Chunks, CursorRepo, CursorState, FactCounts, FactRepo, PageWrite } from '../store.ts';
import { type Sqlite, fromJson, toJson } from './database.ts';
import { FACT_TABLES, columnsOf, fromRow, toRow, upsertSql } from '../fact-tables.ts';
import type { SqliteLinks } from './links.ts';
import { QueryChunks, QueryRows } from './rows.ts';

const KINDS = Object.keys(FACT_TABLES) as FactKind[];

export class SqliteCursors implements CursorRepo {
  private readonly getStmt: StatementSync;
  readonly putStmt: StatementSync;

  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
    this.getStmt = s.db.prepare('SELECT value, fingerprint, updated_at FROM cursors WHERE stream = ?');
    this.putStmt = s.db
      .prepare(`INSERT INTO cursors (stream, value, fingerprint, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (stream) DO UPDATE SET value = excluded.value, fingerprint = excluded.fingerprint, updated_at = excluded.updated_at`);
  }

  get(stream: string): Promise<CursorState | undefined> {
    return this.s.run(() => {
      const row = this.getStmt.get(stream) as
        { value: string; fingerprint: string; updated_at: number } | undefined;
      return (
        row && { value: fromJson(row.value, null), fingerprint: row.fingerprint, updatedAt: row.updated_at }
      );
    });
  }

  reset(stream: string): Promise<void> {
    return this.s.run(() => {
      this.s.db.prepare('DELETE FROM cursors WHERE stream = ?').run(stream);
    });
  }

  list(): Promise<(CursorState & { stream: string })[]> {
    return this.s.run(() => {
      const rows = this.s.db
        .prepare('SELECT stream, value, fingerprint, updated_at FROM cursors ORDER BY stream')
        .all() as {
        stream: string;
        value: string;
        fingerprint: string;
        updated_at: number;
      }[];
      return rows.map((r) => ({
        stream: r.stream,
        value: fromJson(r.value, null),
        fingerprint: r.fingerprint,
        updatedAt: r.updated_at,
      }));
    });
  }
}

export class SqliteFacts implements FactRepo {
  private readonly upserts = new Map<FactKind, StatementSync>();
  private readonly deletes = new Map<FactKind, StatementSync>();
  private readonly gets = new Map<FactKind, StatementSync>();

  private readonly s: Sqlite;
  private readonly cursors: SqliteCursors;
  private readonly links: SqliteLinks;

  constructor(s: Sqlite, cursors: SqliteCursors, links: SqliteLinks) {
    this.s = s;
    this.cursors = cursors;
    this.links = links;
    for (const kind of KINDS) {
      const table = FACT_TABLES[kind].table;
      this.upserts.set(kind, s.db.prepare(upsertSql(kind)));
      this.deletes.set(kind, s.db.prepare(`DELETE FROM ${table} WHERE id = ?`));
      this.gets.set(kind, s.db.prepare(`SELECT * FROM ${table} WHERE id = ?`));
    }
  }

  commitPage(stream: string, page: PageWrite, next: { value: unknown; fingerprint: string }): Promise<void> {
    return this.s.runAtomic(() => {
      for (const fact of page.upserts) this.upserts.get(fact.kind)!.run(...toRow(fact));
      for (const ref of page.deletes) {
        this.deletes.get(ref.kind)!.run(ref.id);
        if (ref.kind !== 'account') this.links.replaceRows([{ entity: ref.kind, entityId: ref.id }], []);
      }
      if (page.links) {
        const entities = new Map<string, { entity: Exclude<FactKind, 'account'>; entityId: string }>();
        for (const f of page.upserts)
          if (f.kind !== 'account') entities.set(`${f.kind}:${f.id}`, { entity: f.kind, entityId: f.id });
        this.links.replaceRows([...entities.values()], page.links);
      }
      this.cursors.putStmt.run(stream, toJson(next.value), next.fingerprint, Date.now());
    });
  }

  get(ref: FactRef): Promise<Fact | undefined> {
    return this.s.run(() => {
      const row = this.gets.get(ref.kind)!.get(ref.id) as Record<string, unknown> | undefined;
      return row && fromRow(ref.kind, row);
    });
  }

  ticketIdsOfOrganizations(organizationIds: readonly string[]): Promise<string[]> {
    if (organizationIds.length === 0) return Promise.resolve([]);
    // Tickets have no index by organization here (migration 023): one pass over them, whatever the
    // number of organizations, rather than one per few hundred bound values.
    return this.s.run(() =>
      (
        this.s
          .prepared('SELECT id FROM tickets WHERE organization_id IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify(organizationIds)) as { id: string }[]
      ).map((r) => r.id),
    );
  }

  ids(kind: FactKind): Promise<string[]> {
    return this.s.run(() =>
      (
        this.s.db.prepare(`SELECT id FROM ${FACT_TABLES[kind].table} ORDER BY id`).all() as { id: string }[]
      ).map((r) => r.id),
    );
  }

  counts(): Promise<FactCounts> {
    return this.s.run(() => {
      const out = {} as FactCounts;
      for (const kind of KINDS)
        out[kind] = (
          this.s.db.prepare(`SELECT COUNT(*) AS n FROM ${FACT_TABLES[kind].table}`).get() as { n: number }
        ).n;
      return out;
    });
  }

  iterate<K extends FactKind>(kind: K): AsyncIterableIterator<Extract<Fact, { kind: K }>> {
    const sql = `SELECT * FROM ${FACT_TABLES[kind].table} ORDER BY id`;
    return new QueryRows(
      this.s,
      () => this.s.db.prepare(sql).iterate(),
      (row) => fromRow(kind, row),
    );
  }

  chunks<K extends FactKind>(
    kind: K,
    fields: readonly string[],
  ): Chunks<Partial<Extract<Fact, { kind: K }>> & { kind: K; id: string }> {
    const columns = columnsOf(kind, fields);
    const sql = `SELECT ${columns.map((c) => c.column).join(', ')} FROM ${FACT_TABLES[kind].table} ORDER BY id`;
    return new QueryChunks(
      this.s,
      () => this.s.db.prepare(sql).iterate(),
      (row) => fromRow(kind, row, columns),
    );
  }
}
