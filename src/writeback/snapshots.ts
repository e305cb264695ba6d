import { addDays, utcDay } from '../metrics/windows.ts';
import type { SnapshotRow } from './types.ts';

/**
 * The weekly `Health_Snapshot__c` rows: which completed ISO weeks are kept, what each row holds, and
 * which rows differ from what Salesforce last confirmed. Pure: the driver reads the history and the
 * confirmed contents from the store (src/sync/stages/snapshots.ts).
 */

/** One account's stored score on one UTC day (the store's score history, as this plan reads it). */
export interface DaySnapshot {
  accountId: string;
  day: string;
  score: number | null;
  status: string;
  scorecardVersion: string;
  rebuilt: boolean;
}

/** Score__c is Number(5,1): the org keeps one decimal, so the row holds what the org will hold. */
const SCORE_SCALE = 10;
/** Scorecard_Version__c is Text(80). */
const VERSION_LENGTH = 80;

/** The Monday (UTC) of the ISO week holding `day` (`YYYY-MM-DD`). */
export function weekStartOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The ISO week (`2026-W49`) that starts on `monday`: its year is the year of its Thursday. */
export function isoWeek(monday: string): string {
  const thursday = new Date(`${addDays(monday, 3)}T00:00:00Z`);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The Mondays of the last `retentionWeeks` completed ISO weeks before `now`'s week, oldest first,
 * and the Monday before which every row is past retention.
 */
export function keptWeeks(now: number, retentionWeeks: number): { weeks: string[]; cutoff: string } {
  const current = weekStartOf(utcDay(now));
  const weeks: string[] = [];
  for (let i = retentionWeeks; i >= 1; i--) weeks.push(addDays(current, -7 * i));
  return { weeks, cutoff: weeks[0] ?? current };
}

/** The seven days of the week starting on `monday`. */
export const daysOfWeek = (monday: string): string[] =>
  Array.from({ length: 7 }, (_, i) => addDays(monday, i));

export const snapshotKey = (accountId: string, week: string): string => `${accountId}-${week}`;

/**
 * Each account's row for the week: the snapshot of its last stored day that week. Accounts no longer
 * in the store are left out (the row's master, the Account, is gone from Salesforce or from scope).
 */
export function weekRows(
  monday: string,
  snapshots: readonly DaySnapshot[],
  accounts: ReadonlySet<string>,
): SnapshotRow[] {
  const last = new Map<string, DaySnapshot>();
  for (const s of snapshots) {
    if (!accounts.has(s.accountId)) continue;
    const seen = last.get(s.accountId);
    if (!seen || s.day > seen.day) last.set(s.accountId, s);
  }
  const week = isoWeek(monday);
  return [...last.values()]
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1))
    .map((s) => ({
      key: snapshotKey(s.accountId, week),
      accountId: s.accountId,
      week,
      weekStart: monday,
      score: s.score === null ? null : Math.round(s.score * SCORE_SCALE) / SCORE_SCALE,
      status: s.status,
      scorecardVersion: s.scorecardVersion.slice(0, VERSION_LENGTH),
      rebuilt: s.rebuilt,
    }));
}

/** What a row holds besides its identity: when this changes, the row is written again. */
export const rowContent = (row: SnapshotRow): string =>
  JSON.stringify([row.score, row.status, row.scorecardVersion, row.rebuilt]);

export interface SnapshotPlan {
  /** Rows never confirmed, or confirmed with other content. */
  upserts: SnapshotRow[];
  unchanged: number;
  /** Rows whose content Salesforce refused for good (a bad picklist value…): not sent until it changes. */
  refused: number;
}

/**
 * The rows to upsert: those whose content differs from what Salesforce confirmed, except content it
 * refused for a reason that does not pass (sending it again would fail again).
 */
export function planSnapshotUpserts(
  rows: readonly SnapshotRow[],
  confirmed: ReadonlyMap<string, string>,
  refused: ReadonlyMap<string, string> = new Map(),
): SnapshotPlan {
  const plan: SnapshotPlan = { upserts: [], unchanged: 0, refused: 0 };
  for (const r of rows) {
    const content = rowContent(r);
    if (confirmed.get(r.key) === content) plan.unchanged++;
    else if (refused.get(r.key) === content) plan.refused++;
    else plan.upserts.push(r);
  }
  return plan;
}
