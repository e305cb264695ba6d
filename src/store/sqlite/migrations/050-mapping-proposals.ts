/**
 * Mapping changes made through the admin API: proposed by one admin, applied only when a second
 * admin approves. `files` holds the proposed texts by file name; `base_hashes` the SHA-256 of each
 * of those files on disk when proposed, so an approval never overwrites a later edit unseen.
 */
export const sql = `
CREATE TABLE mapping_proposals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  note TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'rejected', 'failed')),
  files TEXT NOT NULL,
  base_hashes TEXT NOT NULL,
  base_digest TEXT NOT NULL,
  proposed_digest TEXT NOT NULL,
  decided_at INTEGER,
  decided_by TEXT,
  reason TEXT
);
CREATE INDEX mapping_proposals_status ON mapping_proposals(status, id);
`;
