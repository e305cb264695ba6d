import type { AlertDetail, AlertRow } from '../writeback/types.ts';

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
  /** One account's alerts, newest first (the console's account page lists the Tasks they opened). */
  forAccount(accountId: string): Promise<AlertRow[]>;
}
