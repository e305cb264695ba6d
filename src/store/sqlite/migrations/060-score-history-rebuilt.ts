/**
 * A daily snapshot is live (saved by a run that day) or rebuilt afterwards from the stored facts (see
 * src/sync/stages/history-rebuild.ts): a rebuild replaces only rebuilt snapshots and those of another
 * scorecard version, never a live one of its own version.
 */
export const sql = `
ALTER TABLE score_history ADD COLUMN rebuilt INTEGER NOT NULL DEFAULT 0;
`;
