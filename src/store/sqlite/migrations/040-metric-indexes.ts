/**
 * Indexes for the metric queries (which select tickets by solved time as well as creation time,
 * and open tickets) and for reading every account's snapshots of one day (score trends).
 */
export const sql = `
CREATE INDEX IF NOT EXISTS tickets_solved ON tickets(solved_at);
-- Open tickets are few: a partial index finds them without reading the rest.
CREATE INDEX IF NOT EXISTS tickets_open ON tickets(created_at) WHERE status IN ('new', 'open', 'pending', 'hold');
CREATE INDEX IF NOT EXISTS score_history_day ON score_history(day);
`;
