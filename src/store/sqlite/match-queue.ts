import type { MatchQueueEntry, MatchQueueRepo } from '../match-queue.ts';
import type { Sqlite } from './database.ts';
import { QueryRows } from './rows.ts';

export class SqliteMatchQueue implements MatchQueueRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  head(): Promise<number> {
    return this.s.run(
      () =>
        (this.s.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM match_queue').get() as { n: number }).n,
    );
  }

  count(): Promise<number> {
    return this.s.run(
      () => (this.s.db.prepare('SELECT COUNT(*) AS n FROM match_queue').get() as { n: number }).n,
    );
  }

  iterate(throughSeq: number): AsyncIterableIterator<MatchQueueEntry> {
    return new QueryRows(
      this.s,
      () =>
        this.s.db
          .prepare('SELECT seq, entity, entity_id FROM match_queue WHERE seq <= ? ORDER BY seq')
          .iterate(throughSeq),
      (row) => {
        const r = row as { seq: number; entity: MatchQueueEntry['entity']; entity_id: string };
        return { seq: r.seq, entity: r.entity, entityId: r.entity_id };
      },
    );
  }

  ack(throughSeq: number): Promise<void> {
    return this.s.run(() => {
      this.s.db.prepare('DELETE FROM match_queue WHERE seq <= ?').run(throughSeq);
    });
  }

  suspend(now: number): Promise<void> {
    return this.s.run(() => {
      if (!this.isSuspended())
        this.s.db.prepare('INSERT INTO match_queue_suspended (since) VALUES (?)').run(now);
    });
  }

  suspended(): Promise<boolean> {
    return this.s.run(() => this.isSuspended());
  }

  resume(): Promise<void> {
    return this.s.run(() => {
      this.s.db.prepare('DELETE FROM match_queue_suspended').run();
    });
  }

  private isSuspended(): boolean {
    return this.s.db.prepare('SELECT 1 FROM match_queue_suspended LIMIT 1').get() !== undefined;
  }
}
