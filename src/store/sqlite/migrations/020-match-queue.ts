/**
 * The match queue: facts written since the last relink whose match keys are new or changed, so an
 * incremental relink (`relinkAccounts(..., { onlyChanged: true })`) visits only those. Triggers fill
 * it whoever writes the facts; an update that leaves the match keys alone (a lookback re-read, a
 * status change) queues nothing. A re-queued fact gets a new `seq`, so acknowledging the entries a
 * relink read never forgets a change made while it ran.
 */
const KEYS = {
  organization: { table: 'organizations', columns: ['external_id', 'domains'] },
  ticket: { table: 'tickets', columns: ['organization_id', 'requester_domain'] },
  call: { table: 'calls', columns: ['external_org_id', 'caller_key'] },
  issue: { table: 'issues', columns: ['account_refs', 'ticket_refs'] },
};

const triggers = Object.entries(KEYS)
  .map(([entity, { table, columns }]) => {
    const enqueue = `INSERT OR REPLACE INTO match_queue (entity, entity_id) VALUES ('${entity}', NEW.id);`;
    const changed = columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
    return `
CREATE TRIGGER ${table}_match_queue_insert AFTER INSERT ON ${table} BEGIN ${enqueue} END;
CREATE TRIGGER ${table}_match_queue_update AFTER UPDATE ON ${table} WHEN ${changed} BEGIN ${enqueue} END;`;
  })
  .join('\n');

export const sql = `
CREATE TABLE match_queue (
  seq INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL
);
CREATE UNIQUE INDEX match_queue_entity ON match_queue(entity, entity_id);
${triggers}
`;
