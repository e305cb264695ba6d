/**
 * The weekly Health_Snapshot__c rows written to Salesforce, as SQLite's migration 70 keeps them: the
 * content the org confirmed (a rerun writes only rows whose content changed), the Bulk job a row is in
 * until its result is recorded (a process killed while the job runs reads its results on restart
 * instead of sending the rows again), and content the org refused for good.
 */
export const sql = `
CREATE TABLE snapshot_rows (
  snapshot_key TEXT COLLATE "C" PRIMARY KEY,
  account_id TEXT COLLATE "C" NOT NULL,
  week_start TEXT COLLATE "C" NOT NULL,
  confirmed_content TEXT,
  confirmed_at BIGINT,
  pending_job TEXT COLLATE "C",
  pending_content TEXT,
  last_error TEXT,
  refused_content TEXT
);
CREATE INDEX snapshot_rows_week ON snapshot_rows(week_start);
CREATE INDEX snapshot_rows_pending ON snapshot_rows(pending_job) WHERE pending_job IS NOT NULL;
`;
