/**
 * Re-queues without `INSERT OR REPLACE`: an entry already queued moves to a new, highest `seq`
 * (so acknowledging what a relink read never forgets a change made while it ran), else one is added. Inside a trigger, SQLite applies
 * the conflict policy of the statement that fired it, and the facts are written by an upsert
 * (`INSERT … ON CONFLICT DO UPDATE`, policy ABORT): so a fact whose match keys changed while it was
 * still queued (a call read again in the next Genesys window, a ticket moved twice between relinks)
 * failed the whole page with "UNIQUE constraint failed: match_queue.entity, match_queue.entity_id".
 */
export const KEYS = {
  organization: { table: 'organizations', columns: ['external_id', 'domains'] },
  ticket: { table: 'tickets', columns: ['organization_id', 'requester_domain'] },
  call: { table: 'calls', columns: ['external_org_id', 'caller_key'] },
  issue: { table: 'issues', columns: ['account_refs', 'ticket_refs'] },
};

/** The trigger body that queues (or re-queues) the fact `NEW` of this kind. */
export function enqueueSql(entity: string): string {
  const mine = `entity = '${entity}' AND entity_id = NEW.id`;
  return (
    `UPDATE match_queue SET seq = (SELECT MAX(seq) + 1 FROM match_queue) WHERE ${mine}; ` +
    `INSERT INTO match_queue (entity, entity_id) SELECT '${entity}', NEW.id ` +
    `WHERE NOT EXISTS (SELECT 1 FROM match_queue WHERE ${mine});`
  );
}

/** A trigger's WHEN: some match key changed. */
export const keysChanged = (columns: readonly string[]): string =>
  columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

export const sql = Object.entries(KEYS)
  .map(([entity, { table, columns }]) => {
    const enqueue = enqueueSql(entity);
    const changed = keysChanged(columns);
    return `
DROP TRIGGER ${table}_match_queue_insert;
DROP TRIGGER ${table}_match_queue_update;
CREATE TRIGGER ${table}_match_queue_insert AFTER INSERT ON ${table} BEGIN ${enqueue} END;
CREATE TRIGGER ${table}_match_queue_update AFTER UPDATE ON ${table} WHEN ${changed} BEGIN ${enqueue} END;`;
  })
  .join('\n');
