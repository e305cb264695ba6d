import type { MatchQueueEntry, MatchQueueRepo } from '../match-queue.ts';
import type { Postgres } from './database.ts';
import { KeysetChunks, KeysetRows } from './keyset-chunks.ts';

export class PostgresMatchQueue implements MatchQueueRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async head(): Promise<number> {
    return (await this.db.query<{ n: number }>('SELECT COALESCE(MAX(seq), 0) AS n FROM match_queue'))[0]!.n;
  }

  async count(): Promise<number> {
    return (await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM match_queue'))[0]!.n;
  }

  iterate(throughSeq: number): AsyncIterableIterator<MatchQueueEntry> {
    return new KeysetRows(
      new KeysetChunks<MatchQueueEntry, number>(
        this.db,
        (after) => ({
          sql: `SELECT seq, entity, entity_id FROM match_queue WHERE seq <= $1${after === undefined ? '' : ' AND seq > $2'} ORDER BY seq`,
          params: after === undefined ? [throughSeq] : [throughSeq, after],
        }),
        (row) => row['seq'] as number,
        (row) => ({
          seq: row['seq'] as number,
          entity: row['entity'] as MatchQueueEntry['entity'],
          entityId: row['entity_id'] as string,
        }),
      ),
    );
  }

  async ack(throughSeq: number): Promise<void> {
    await this.db.execute('DELETE FROM match_queue WHERE seq <= $1', [throughSeq]);
  }

  async suspend(now: number): Promise<void> {
    await this.db.execute(
      'INSERT INTO match_queue_suspended (since) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM match_queue_suspended)',
      [now],
    );
  }

  async suspended(): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM match_queue_suspended LIMIT 1')).length > 0;
  }

  async resume(): Promise<void> {
    await this.db.execute('DELETE FROM match_queue_suspended');
  }
}
