import { KEYS, enqueueSql, keysChanged } from './021-match-queue-requeue.ts';

/**
 * A suspended queue: while a stream re-reads everything (first run, `--full`, a changed mapping),
 * queueing each of a million facts costs a third of the time to store them, and the relink after
 * it is a full pass that reads every fact anyway. `match_queue_suspended` holds one row while the
 * queue is suspended; the triggers queue nothing then, and the full relink resumes the queue.
 */
const idle = 'NOT EXISTS (SELECT 1 FROM match_queue_suspended)';

export const sql =
  `CREATE TABLE match_queue_suspended (since INTEGER NOT NULL);\n` +
  Object.entries(KEYS)
    .map(([entity, { table, columns }]) => {
      const enqueue = enqueueSql(entity);
      return `
DROP TRIGGER ${table}_match_queue_insert;
DROP TRIGGER ${table}_match_queue_update;
CREATE TRIGGER ${table}_match_queue_insert AFTER INSERT ON ${table} WHEN ${idle} BEGIN ${enqueue} END;
CREATE TRIGGER ${table}_match_queue_update AFTER UPDATE ON ${table} WHEN (${keysChanged(columns)}) AND ${idle} BEGIN ${enqueue} END;`;
    })
    .join('\n');
