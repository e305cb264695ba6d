/**
 * The weekly Health_Snapshot__c rows written to Salesforce: what the org confirmed for each row (so a
 * rerun writes only rows whose content changed), and the Bulk job a row was last sent in until its
 * result is recorded (so a process killed while the job runs reads that job's results on restart
 * instead of sending the rows again), and content the org refused for good.
 */
export const sql = `
CREATE TABLE snapshot_rows (
  snapshot_key TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  week_start TEXT NOT NULL,
  confirmed_content TEXT,
  confirmed_at INTEGER,
  pending_job TEXT,
  pending_content TEXT,
  last_error TEXT,
  -- Content Salesforce refused for a reason that does not pass (a bad picklist value, a missing
  -- Account): not sent again until the row's content changes.
  refused_content TEXT
);
CREATE INDEX snapshot_rows_week ON snapshot_rows(week_start);
CREATE INDEX snapshot_rows_pending ON snapshot_rows(pending_job) WHERE pending_job IS NOT NULL;
`;
