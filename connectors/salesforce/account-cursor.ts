import { z } from 'zod';

/**
 * Where a SystemModstamp query resumes: the newest SystemModstamp committed, and the ids already
 * read at exactly that instant. The next query asks `SystemModstamp >= since` (ties exist: many
 * records share a second) and skips those ids, so nothing is lost at a page boundary and nothing
 * is read twice.
 */
export const ModstampMark = z.object({
  since: z.number().int().nonnegative(),
  ids: z.array(z.string()),
});
export type ModstampMark = z.infer<typeof ModstampMark>;

export const AccountsCursor = z.object({
  /** The Accounts query (configured fields, `where`); null until a page has been read. */
  upserts: ModstampMark.nullable(),
  /**
   * True while a full read (first run, `--full`, a config change) is under way. A full read ends
   * with a sweep that removes stored Accounts it did not see; an interrupted one starts over.
   */
  full: z.boolean(),
  /**
   * Accounts that stopped matching `where` (deletions come with the changes), and when that query
   * last ran: it runs after a full read and then at most once an hour.
   */
  removals: ModstampMark.extend({ checkedAt: z.number().int().nonnegative().optional() }),
});
export type AccountsCursor = z.infer<typeof AccountsCursor>;

export interface StampedId {
  id: string;
  modstamp: number;
}

/** True when a record was already read at the mark's instant (the `>=` overlap). */
export const alreadyRead = (mark: ModstampMark | null, r: StampedId): boolean =>
  mark !== null && r.modstamp === mark.since && mark.ids.includes(r.id);

/** The mark after a page of records read in (SystemModstamp, Id) order. */
export function advanceMark(mark: ModstampMark | null, records: readonly StampedId[]): ModstampMark | null {
  let since = mark?.since;
  let ids = new Set(mark?.ids ?? []);
  for (const r of records) {
    if (since === undefined || r.modstamp > since) {
      since = r.modstamp;
      ids = new Set([r.id]);
    } else if (r.modstamp === since) ids.add(r.id);
    // Older than the mark: a re-read of the floored second, covered already.
  }
  return since === undefined ? null : { since, ids: [...ids] };
}
