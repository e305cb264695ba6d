/**
 * Tickets by organization, as SQLite has had since its first migration: a relink after only some
 * organizations changed reads their tickets alone.
 */
export const sql = `
CREATE INDEX tickets_org ON tickets(organization_id);
`;
