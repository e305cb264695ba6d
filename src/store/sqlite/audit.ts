import { fromAuditRow, type AuditRow } from '../rows.ts';
import type { AuditEntry, AuditRepo } from '../store.ts';
import { type Sqlite, toJson } from './database.ts';

/** Append-only: there is no update or delete. */
export class SqliteAudit implements AuditRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: number }): Promise<AuditEntry> {
    const at = entry.at ?? Date.now();
    return this.s.run(() => {
      const res = this.s.db
        .prepare(
          'INSERT INTO audit (at, actor, action, target, before_digest, after_digest, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          at,
          entry.actor,
          entry.action,
          entry.target,
          entry.beforeDigest,
          entry.afterDigest,
          toJson(entry.detail),
        );
      return { ...entry, id: Number(res.lastInsertRowid), at };
    });
  }

  list(options: { limit?: number; beforeId?: number } = {}): Promise<AuditEntry[]> {
    return this.s.run(() => {
      const rows = this.s.db
        .prepare('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?')
        .all(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit ?? 100) as unknown as AuditRow[];
      return rows.map(fromAuditRow);
    });
  }

  forTarget(target: string, limit: number): Promise<AuditEntry[]> {
    return this.s.run(() =>
      (
        this.s.db
          .prepare('SELECT * FROM audit WHERE target = ? ORDER BY id LIMIT ?')
          .all(target, limit) as unknown as AuditRow[]
      ).map(fromAuditRow),
    );
  }
}
