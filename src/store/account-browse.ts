import type { HealthStatus } from '../score/types.ts';

/**
 * One page of the account list as the console shows it: filtered, sorted and cut by the store (a
 * book of 20,000 accounts is never sent whole), with the status counts and the score histogram of
 * every account the filters other than status select.
 */
export type BrowseStatus = HealthStatus | 'unscored';
export const BROWSE_SORTS = ['name', 'score', 'trend7d', 'trend30d', 'tier', 'owner'] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];

export interface AccountBrowseQuery {
  /** Part of the name, case-insensitive. */
  search?: string;
  statuses?: BrowseStatus[];
  tier?: string;
  owner?: string;
  sort: BrowseSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface AccountRow {
  accountId: string;
  name: string;
  tier: string | null;
  ownerId: string | null;
  score: number | null;
  status: BrowseStatus;
  trend7d: number | null;
  trend30d: number | null;
  topDriver: string | null;
}

export interface AccountBrowsePage {
  /** Accounts that every filter selects (the page is a slice of them). */
  total: number;
  items: AccountRow[];
  /** Per status, over the accounts that the filters other than status select. */
  counts: Record<BrowseStatus, number>;
  /** Scores in ten bins of ten points (the last holds 90–100), over the same accounts as `counts`. */
  histogram: number[];
}

export interface AccountBrowseRepo {
  browse(query: AccountBrowseQuery): Promise<AccountBrowsePage>;
}
