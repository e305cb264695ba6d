import { NOTHING_BELOW_TARGET } from '../score/drivers.ts';
import type { ScoreSummary } from '../score/types.ts';

/** Marks a list that lost items to the field's length. */
const MORE = '…';

/**
 * Whole items joined by `separator`, as many as fit in `max` characters, then "…" when some were
 * left out: a CSM reads two complete drivers rather than two and a half. When even the first item
 * does not fit, it is returned whole, and the field's canonical form cuts it.
 */
export function fitItems(items: readonly string[], separator: string, max: number): string {
  const all = items.join(separator);
  if (max <= 0 || all.length <= max) return all;
  for (let keep = items.length - 1; keep >= 1; keep--) {
    const text = [...items.slice(0, keep), MORE].join(separator);
    if (text.length <= max) return text;
  }
  return items[0] ?? '';
}

/**
 * The drivers field: what pulls the score down, worst first (without a score, why there is none).
 * A scored account with nothing below target says so, then names its strengths, so an empty field
 * never stands for "fine" and is never mistaken for "not computed". A long text area takes one item
 * a line; a one-line text field separates them with "; ". A `lead` (a CSM's override) goes first
 * and is never dropped for the drivers after it.
 */
export function driversText(
  score: Pick<ScoreSummary, 'status' | 'drivers' | 'strengths'>,
  oneLine: boolean,
  max: number,
  lead?: string,
): string | null {
  const computed =
    score.drivers.length > 0 || score.status === 'insufficient_data'
      ? score.drivers
      : [NOTHING_BELOW_TARGET, ...score.strengths.map((s, i) => (i === 0 ? `Strengths: ${s}` : s))];
  const items = lead === undefined ? computed : [lead, ...computed];
  return items.length ? fitItems(items, oneLine ? '; ' : '\n', max) : null;
}
