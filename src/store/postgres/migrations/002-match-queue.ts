/**
 * The match queue, filled by triggers as SQLite's is (its migrations 20–22): a fact whose match keys
 * are new or changed is queued, or moves to a new, highest `seq` when already queued (so acknowledging
 * what a relink read never forgets a change made while it ran); nothing is queued while
 * `match_queue_suspended` holds a row. `seq` comes from a sequence, so two writers never take the same.
 */
const KEYS = {
  organization: { table: 'organizations', columns: ['external_id', 'domains'] },
  ticket: { table: 'tickets', columns: ['organization_id', 'requester_domain'] },
  call: { table: 'calls', columns: ['external_org_id', 'caller_key'] },
  issue: { table: 'issues', columns: ['account_refs', 'ticket_refs'] },
};

const triggers = Object.entries(KEYS)
  .map(([entity, { table, columns }]) => {
    const changed = columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
    return `
CREATE FUNCTION ${table}_match_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM match_queue_suspended) THEN
    INSERT INTO match_queue (seq, entity, entity_id) VALUES (nextval('match_queue_seq'), '${entity}', NEW.id)
      ON CONFLICT (entity, entity_id) DO UPDATE SET seq = EXCLUDED.seq;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER ${table}_match_queue_insert AFTER INSERT ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ${table}_match_queue();
CREATE TRIGGER ${table}_match_queue_update AFTER UPDATE ON ${table}
  FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION ${table}_match_queue();`;
  })
  .join('\n');

export const sql = `
CREATE SEQUENCE match_queue_seq;
CREATE TABLE match_queue (
  seq BIGINT PRIMARY KEY,
  entity TEXT COLLATE "C" NOT NULL,
  entity_id TEXT COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX match_queue_entity ON match_queue(entity, entity_id);
CREATE TABLE match_queue_suspended (since BIGINT NOT NULL);
${triggers}
`;
