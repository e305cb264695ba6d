import type { AccountFact } from '../facts/schemas.ts';
import { NOTHING_BELOW_TARGET } from '../score/drivers.ts';
import type { AccountScore } from '../score/types.ts';

const STATUS_ORDER = { red: 0, yellow: 1, green: 2, insufficient_data: 3 } as const;
const fmtTrend = (t: number | null): string => (t === null ? '—' : `${t > 0 ? '+' : ''}${t.toFixed(1)}`);
const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Accounts most at risk first: red before yellow, then the lowest score, then the steepest fall. */
export function atRiskFirst(scores: AccountScore[]): AccountScore[] {
  return [...scores].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.score ?? 101) - (b.score ?? 101) ||
      (a.trend30d ?? 0) - (b.trend30d ?? 0) ||
      a.accountId.localeCompare(b.accountId),
  );
}

/**
 * What a row says about an account: the driver that pulls its score down most; with nothing below
 * target, that, and its best strength; without a score, why.
 */
export function topDriver(s: Pick<AccountScore, 'status' | 'drivers' | 'strengths'>): string {
  if (s.drivers.length > 0 || s.status === 'insufficient_data') return s.drivers[0] ?? '';
  return s.strengths.length ? `${NOTHING_BELOW_TARGET}; best: ${s.strengths[0]}` : NOTHING_BELOW_TARGET;
}

/** The table a CSM lead would look at first. */
export function atRiskTable(
  scores: AccountScore[],
  accounts: Map<string, AccountFact>,
  limit: number,
): string {
  const head = `  ${'account'.padEnd(30)}${'tier'.padEnd(12)}${'score'.padStart(6)}  ${'status'.padEnd(8)}${'30d'.padStart(7)}  top driver (or strength)`;
  const rows = atRiskFirst(scores)
    .slice(0, limit)
    .map((s) => {
      const a = accounts.get(s.accountId);
      return `  ${cut(a?.name ?? s.accountId, 29).padEnd(30)}${cut(a?.tier ?? '', 11).padEnd(12)}${(s.score === null ? '—' : s.score.toFixed(1)).padStart(6)}  ${s.status.padEnd(8)}${fmtTrend(s.trend30d).padStart(7)}  ${topDriver(s)}`;
    });
  return [head, ...rows].join('\n');
}

export function statusCounts(scores: AccountScore[]): string {
  const counts: Record<string, number> = {};
  for (const s of scores) counts[s.status] = (counts[s.status] ?? 0) + 1;
  return Object.entries(counts)
    .sort(([a], [b]) => STATUS_ORDER[a as AccountScore['status']] - STATUS_ORDER[b as AccountScore['status']])
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}
