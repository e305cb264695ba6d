import type { FactKind } from '../facts/schemas.ts';

export interface MatchQueueEntry {
  seq: number;
  entity: Exclude<FactKind, 'account'>;
  entityId: string;
}

/**
 * Facts written since the last relink whose match keys are new or changed (the SQLite store fills
 * it with triggers, so every writer is covered; a Postgres store needs the same triggers). An
 * incremental relink reads up to `head()`, then acknowledges exactly that far.
 */
export interface MatchQueueRepo {
  /** The newest sequence number queued, 0 when the queue is empty. */
  head(): Promise<number>;
  count(): Promise<number>;
  /** Entries up to and including `throughSeq`, oldest first. */
  iterate(throughSeq: number): AsyncIterableIterator<MatchQueueEntry>;
  /** Forgets entries up to and including `throughSeq`; entries queued later stay. */
  ack(throughSeq: number): Promise<void>;
  /**
   * Stops queueing (a stream is re-reading everything): until `resume()`, facts are written
   * without entries, so the next relink must be a full pass. Idempotent.
   */
  suspend(now: number): Promise<void>;
  suspended(): Promise<boolean>;
  /** Queues again; a full relink calls it once it has matched every fact. */
  resume(): Promise<void>;
}
