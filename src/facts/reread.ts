/** A stream that the next sync would read again from its start, and what that costs. */
export interface Reread {
  source: string;
  stream: string;
  /** Records it holds now, all of which would be fetched again. */
  records: number;
  requests: number;
  /** At the vendor's documented limit; null where the vendor sets none per minute (Salesforce). */
  minutes: number | null;
  limit: string | null;
}

/** One line per stream, for `validate` and `preview`. */
export function rereadText(rereads: readonly Reread[]): string[] {
  if (rereads.length === 0) return ['Re-read: none; every stream keeps its cursor.'];
  return rereads.map(
    (r) =>
      `Re-read: ${r.stream} starts over (its settings changed): ${r.records.toLocaleString('en-US')} records, ` +
      `about ${r.requests.toLocaleString('en-US')} requests` +
      (r.minutes === null ? '' : `, ${r.minutes} min at ${r.limit}`),
  );
}
