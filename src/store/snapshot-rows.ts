/**
 * The weekly snapshot rows health-sync wrote to Salesforce (`Health_Snapshot__c`), by their key: the
 * content the org confirmed, and the Bulk job a row is in while its result is not yet recorded.
 */
export interface PendingSnapshotRow {
  key: string;
  accountId: string;
  weekStart: string;
  /** The row's content as sent (see `rowContent` in src/writeback/snapshots.ts). */
  content: string;
}

export interface SnapshotResult {
  key: string;
  success: boolean;
  /** Salesforce's reason, when it refused the row. */
  error?: string;
  /** Refused for a reason that does not pass: the same content is not sent again. */
  permanent?: boolean;
}

export interface SnapshotRowRepo {
  /** The content Salesforce confirmed, by key (rows never confirmed are absent). */
  confirmed(): Promise<Map<string, string>>;
  /** Content Salesforce refused for good, by key (sent again only once it changes). */
  refused(): Promise<Map<string, string>>;
  /** Journals the rows of a Bulk job before its data is sent (one transaction). */
  markPending(jobId: string, rows: readonly PendingSnapshotRow[]): Promise<void>;
  /** How many rows wait for this job's result. */
  pendingCount(jobId: string): Promise<number>;
  /**
   * Records a job's results: a success confirms the content sent, a failure keeps the confirmed
   * content and notes the error. Every row of the job stops waiting for it (a row without a result
   * stays unconfirmed, so it is planned again).
   */
  settle(jobId: string, results: readonly SnapshotResult[], at: number): Promise<void>;
  /** How many rows of weeks before `weekStart` were written (pending or confirmed). */
  countBefore(weekStart: string): Promise<number>;
  /** Forgets rows of weeks before `weekStart` (deleted in Salesforce); returns how many. */
  pruneBefore(weekStart: string): Promise<number>;
}
