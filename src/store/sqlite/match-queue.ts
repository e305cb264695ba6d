import type { MatchQueueEntry, MatchQueueRepo } from '../match-queue.ts';
import type { Sqlite } from './database.ts';

export class SqliteMatchQueue implements MatchQueueRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  head(): number {
    return (this.s.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM match_queue').get() as { n: number }).n;
  }

  count(): number {
    return (this.s.db.prepare('SELECT COUNT(*) AS n FROM match_queue').get() as { n: number }).n;
  }

  *iterate(throughSeq: number): IterableIterator<MatchQueueEntry> {
    const stmt = this.s.db.prepare(
      'SELECT seq, entity, entity_id FROM match_queue WHERE seq <= ? ORDER BY seq',
    );
    for (const row of stmt.iterate(throughSeq) as IterableIterator<{
      seq: number;
      entity: MatchQueueEntry['entity'];
      entity_id: string;
    }>)
      yield { seq: row.seq, entity: row.entity, entityId: row.entity_id };
  }

  ack(throughSeq: number): void {
    this.s.db.prepare('DELETE FROM match_queue WHERE seq <= ?').run(throughSeq);
  }

  suspend(now: number): void {
    if (!this.suspended()) this.s.db.prepare('INSERT INTO match_queue_suspended (since) VALUES (?)').run(now);
  }

  suspended(): boolean {
    return this.s.db.prepare('SELECT 1 FROM match_queue_suspended LIMIT 1').get() !== undefined;
  }

  resume(): void {
    this.s.db.prepare('DELETE FROM match_queue_suspended').run();
  }
}
