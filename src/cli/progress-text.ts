import type { StatusLine } from '../log/status-line.ts';
import type { ReadPosition } from '../facts/stream-position.ts';
import type { RunProgress } from '../sync/types.ts';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

function positionText(p: ReadPosition): string {
  if (p.total <= 0) return '';
  if (p.unit === 'records') return `${count(p.done)} of ${count(p.total)} queried`;
  return `${Math.floor((100 * p.done) / p.total)}% of the time range`;
}

/**
 * The progress line's text: the stage, and for a stream its pages and records, how far it has got
 * where the source tells (a query's count, the share of its time range), and its rate.
 */
export function progressText(p: RunProgress, elapsedMs: number): string {
  if (!p.stream) return `${p.stage}…`;
  const records = p.records ?? 0;
  const parts = [`${p.stage} ${p.stream}: ${count(p.pages ?? 0)} pages`, `${count(records)} records`];
  if (p.position) parts.push(positionText(p.position));
  // Under a second the rate says nothing yet.
  if (elapsedMs >= 1000 && records > 0) parts.push(`${count(records / (elapsedMs / 1000))} records/s`);
  const text = parts.filter(Boolean).join(', ');
  return p.waiting ? `${text}; waiting on ${p.waiting}` : text;
}

/** Shows a run's progress on the status line; the rate counts from each stream's first progress. */
export function progressReporter(status: StatusLine, now: () => number = Date.now): (p: RunProgress) => void {
  let stream: string | undefined;
  let since = 0;
  return (p) => {
    if (p.stream !== stream) {
      stream = p.stream;
      since = now();
    }
    status.show(progressText(p, now() - since));
  };
}
