export type AlertState = 'pending' | 'created';

/** The Task an alert opens, fixed when the alert is detected so that a rerun sends the same one. */
export interface AlertTask {
  subject: string;
  description: string;
  ownerId: string | null;
  priority: string;
  status: string;
  activityDate: string;
}

export interface AlertDetail {
  task: AlertTask;
  /** The Subject prefix the Task carries: a rerun looks for it by this prefix and the key in Description. */
  subjectPrefix: string;
  /** Create requests sent so far: above 0, a rerun first looks for the Task in Salesforce. */
  attempts: number;
  lastError: string | null;
}

export interface AlertRow {
  key: string;
  accountId: string;
  /** `status_drop` or `signal:<name>`. */
  rule: string;
  windowStart: number;
  createdAt: number;
  state: AlertState;
  taskId: string | null;
  detail: AlertDetail;
}

/**
 * Alerts, one row per status drop or signal firing, whose key makes a second Task impossible; and
 * the status each account's alerts were last evaluated against.
 */
export interface AlertRepo {
  /** The status each account's alerts were last evaluated against. */
  baselines(): Promise<Map<string, string>>;
  setBaseline(accountId: string, status: string, at: number): Promise<void>;
  /** Inserts a pending alert unless its key exists; true when inserted. */
  insert(row: Omit<AlertRow, 'state' | 'taskId'>): Promise<boolean>;
  get(key: string): Promise<AlertRow | undefined>;
  pending(): Promise<AlertRow[]>;
  markCreated(key: string, taskId: string, detail: AlertDetail): Promise<void>;
  updateDetail(key: string, detail: AlertDetail): Promise<void>;
  /** When the newest alert of a rule for an account was created. */
  lastAt(rule: string, accountId: string): Promise<number | undefined>;
}
