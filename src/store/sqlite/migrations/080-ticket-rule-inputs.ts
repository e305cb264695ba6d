/**
 * Ticket facts keep what the category and escalation rules read (tags, the category field's values,
 * the group) instead of the category and escalation decided at ingest: the metrics apply the rules
 * in force, so editing them re-reads no ticket. Rows from before hold empty lists until the Zendesk
 * ticket stream, whose mapper version moved with this change, reads them again.
 */
export const sql = `
ALTER TABLE tickets ADD COLUMN group_id INTEGER;
ALTER TABLE tickets ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN category_field_values TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets DROP COLUMN category;
ALTER TABLE tickets DROP COLUMN escalated;
`;
