import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadBatch, ReadReply } from './parallel-reads.ts';

/**
 * The thread behind `ParallelReads`: a read-only connection to the store's file that answers
 * read-only statements of a batch, claiming each from the counter it shares with the main thread.
 * WAL lets it read while the main connection reads or writes; it sees what was committed.
 */
const db = new DatabaseSync(workerData as string, { readOnly: true });
db.exec('PRAGMA busy_timeout = 5000; PRAGMA cache_size = -16384;');

parentPort?.on('message', (batch: ReadBatch) => {
  const claim = new Int32Array(batch.claim);
  for (;;) {
    const index = Atomics.add(claim, 0, 1);
    if (index >= batch.statements.length) break;
    const { sql, params } = batch.statements[index]!;
    let reply: ReadReply;
    try {
      reply = { batch: batch.id, index, rows: db.prepare(sql).all(params) };
    } catch (err) {
      reply = { batch: batch.id, index, error: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(reply);
  }
  parentPort?.postMessage({ batch: batch.id, done: true } satisfies ReadReply);
});
