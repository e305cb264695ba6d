/** Write-back: the write lease, each account's alert baseline, and indexes for alert lookups. */
export const sql = `
-- One writer at a time per lease name; a crashed holder's lease expires.
CREATE TABLE write_leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

-- The status each account's status-drop alerts were last evaluated against.
CREATE TABLE alert_baselines (
  account_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  evaluated_at INTEGER NOT NULL
);

CREATE INDEX alerts_rule_account ON alerts(rule, account_id, created_at);
CREATE INDEX alerts_state ON alerts(state);
`;
