/**
 * No query reads tickets by organization (metrics go through account links, relinks in id order),
 * and every stored ticket paid for this index: a full read writes a million of them.
 */
export const sql = `DROP INDEX IF EXISTS tickets_org;`;
