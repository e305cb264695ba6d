import type { LeaseRepo, LeaseResult } from '../leases.ts';
import type { Sqlite } from './database.ts';

export class SqliteLeases implements LeaseRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  acquire(name: string, owner: string, ttlMs: number, now: number): Promise<LeaseResult> {
    return this.s.run(() => {
      // One statement: the upsert only overwrites an expired lease or our own, so two writers cannot both win.
      const res = this.s
        .prepared(
          `INSERT INTO write_leases (name, owner, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
           WHERE write_leases.expires_at <= ? OR write_leases.owner = excluded.owner`,
        )
        .run(name, owner, now + ttlMs, now);
      if (Number(res.changes) > 0) return { acquired: true };
      const holder = this.s
        .prepared('SELECT owner, expires_at FROM write_leases WHERE name = ?')
        .get(name) as { owner: string; expires_at: number } | undefined;
      return holder
        ? { acquired: false, holder: holder.owner, expiresAt: holder.expires_at }
        : { acquired: false };
    });
  }

  release(name: string, owner: string): Promise<void> {
    return this.s.run(() => {
      this.s.prepared('DELETE FROM write_leases WHERE name = ? AND owner = ?').run(name, owner);
    });
  }
}
