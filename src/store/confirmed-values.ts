import type { WrittenValue } from '../writeback/types.ts';

/**
 * What each Salesforce field last received and whether Salesforce confirmed it: the write plan
 * writes only what differs from the confirmed value.
 */
export interface ConfirmedValueRepo {
  /** Confirmed values per account and field (fields never confirmed are absent). */
  all(): Promise<Map<string, Record<string, WrittenValue>>>;
  /** Salesforce accepted these values (clears any earlier error on those fields). */
  recordConfirmed(accountId: string, values: Record<string, WrittenValue>, at: number): Promise<void>;
  /** Salesforce refused these values, or they could not be sent; the confirmed value stays. */
  recordFailed(
    accountId: string,
    values: Record<string, WrittenValue>,
    error: string,
    at: number,
  ): Promise<void>;
}
