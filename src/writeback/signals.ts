import type { SalesforceMapping, Signal } from '../config/mappings/salesforce.ts';
import type { AccountFact } from '../facts/schemas.ts';
import { ageReference } from '../metrics/windows.ts';
import { conditionMatches } from '../score/scorecard.ts';
import { type AlertCandidate, alertCandidate } from './task-text.ts';
import type { ContactCount, DisputeHit, RiskTicketHit } from './types.ts';

const DAY_MS = 86_400_000;
const MAX_IDS_SHOWN = 10;

type RiskLanguage = Extract<Signal, { type: 'risk_language' }>;
type ContactBurst = Extract<Signal, { type: 'contact_burst' }>;
type DisputeAmount = Extract<Signal, { type: 'dispute_amount' }>;

/** The window a signal looks at now: facts in [since, until), and the start that names its alerts. */
export interface SignalWindow {
  rule: string;
  since: number;
  until: number;
  start: number;
}

/**
 * Windows of `window_days` from the epoch; facts from `window_days` before the top of the hour up to
 * now, as the metrics' windows (src/metrics/windows.ts): so two runs in the same hour over the same
 * facts read the same, and a run in which no account's facts changed need not read them again.
 */
export function signalWindow(signal: Signal, now: number): SignalWindow {
  const windowMs = signal.window_days * DAY_MS;
  return {
    rule: `signal:${signal.name}`,
    since: ageReference(now) - windowMs,
    until: now + 1,
    start: Math.floor(now / windowMs) * windowMs,
  };
}

/** Where a burst's baseline starts: `baseline_days` before its window. */
export const baselineSince = (signal: ContactBurst, window: SignalWindow): number =>
  window.since - signal.baseline_days * DAY_MS;

/** What the store holds for one signal's window (for a burst, also the baseline before it). */
export type SignalReading =
  | { type: 'risk_language'; signal: RiskLanguage; tickets: readonly RiskTicketHit[] }
  | {
      type: 'contact_burst';
      signal: ContactBurst;
      window: readonly ContactCount[];
      before: readonly ContactCount[];
    }
  | { type: 'dispute_amount'; signal: DisputeAmount; tickets: readonly DisputeHit[] };

interface Finding {
  accountId: string;
  headline: string;
  body: string[];
}

/** An account a signal fires for, and what its Task says. */
export interface Firing {
  account: AccountFact;
  headline: string;
  body: string[];
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
const idList = (ids: string[]): string =>
  `${ids.slice(0, MAX_IDS_SHOWN).join(', ')}${ids.length > MAX_IDS_SHOWN ? `, and ${ids.length - MAX_IDS_SHOWN} more` : ''}`;

/**
 * A burst is measured against the account's own normal, not a fixed count: a large merchant with 12
 * contacts every week is not in trouble in a week of 14, a small one with 2 a week is in a week of 10.
 */
export function isContactSpike(
  count: number,
  usualPerWindow: number,
  signal: Pick<ContactBurst, 'min_contacts' | 'spike_ratio'>,
): boolean {
  return count >= signal.min_contacts && count >= signal.spike_ratio * usualPerWindow;
}

function findings(reading: SignalReading): Finding[] {
  const d = reading.signal.window_days;
  switch (reading.type) {
    case 'risk_language': {
      const byAccount = new Map<string, string[]>();
      for (const h of reading.tickets)
        byAccount.set(h.accountId, [...(byAccount.get(h.accountId) ?? []), h.ticketId]);
      return [...byAccount].map(([accountId, ids]) => ({
        accountId,
        headline: 'risk language in tickets',
        body: [
          `Risk language in ${plural(ids.length, 'ticket')} updated in the last ${plural(d, 'day')}.`,
          `Zendesk tickets: ${idList(ids)}.`,
        ],
      }));
    }
    case 'contact_burst': {
      const { signal } = reading;
      const usual = new Map(
        reading.before.map((c) => [c.accountId, ((c.tickets + c.calls) * d) / signal.baseline_days]),
      );
      return reading.window.flatMap((c) => {
        const count = c.tickets + c.calls;
        const normal = usual.get(c.accountId) ?? 0;
        if (!isContactSpike(count, normal, signal)) return [];
        return [
          {
            accountId: c.accountId,
            headline: `${count} contacts in ${plural(d, 'day')}`,
            body: [
              `${plural(count, 'contact')} in the last ${plural(d, 'day')} (${plural(c.tickets, 'ticket')}, ${plural(c.calls, 'call')}).`,
              normal > 0
                ? `That is ${(count / normal).toFixed(1)}× this account's usual ${normal.toFixed(1)} per ${plural(d, 'day')} (average over the ${signal.baseline_days} days before); the alert fires at ${signal.spike_ratio}× and at least ${signal.min_contacts}.`
                : `This account had no contacts in the ${signal.baseline_days} days before; the alert fires at ${signal.min_contacts} or more.`,
            ],
          },
        ];
      });
    }
    case 'dispute_amount': {
      const { signal } = reading;
      const byAccount = new Map<string, { ticketId: string; amount: number }[]>();
      for (const h of reading.tickets) byAccount.set(h.accountId, [...(byAccount.get(h.accountId) ?? []), h]);
      return [...byAccount].map(([accountId, hits]) => ({
        accountId,
        headline: `${signal.category} of ${hits[0]!.amount.toLocaleString('en-US')}`,
        body: [
          `${plural(hits.length, `${signal.category} ticket`)} of at least ${signal.min_amount.toLocaleString('en-US')} in the last ${plural(d, 'day')}; the largest is ${hits[0]!.amount.toLocaleString('en-US')}.`,
          `Zendesk tickets: ${idList(hits.map((h) => h.ticketId))}.`,
        ],
      }));
    }
  }
}

/** Pure: the known Accounts a signal fires for, those its `accounts` condition admits. */
export function signalFirings(reading: SignalReading, accounts: ReadonlyMap<string, AccountFact>): Firing[] {
  const condition = reading.signal.accounts;
  return findings(reading).flatMap(({ accountId, headline, body }) => {
    const account = accounts.get(accountId);
    if (!account || (condition && !conditionMatches(condition, account))) return [];
    return [{ account, headline, body }];
  });
}

/**
 * Pure: the escalation signal's alerts. Each opens one Task per account, signal and window: the key
 * names the window (`signal:<name>:<account>:<window start>`), and a signal that fired within the
 * last `window_days` for the account (`lastAlerts`, by account) stays quiet even across a window
 * boundary.
 */
export function signalAlerts(
  window: SignalWindow,
  firings: readonly Firing[],
  lastAlerts: ReadonlyMap<string, number>,
  task: SalesforceMapping['alerts']['task'],
  now: number,
): AlertCandidate[] {
  return firings.flatMap(({ account, headline, body }) => {
    const last = lastAlerts.get(account.id);
    if (last !== undefined && last > window.since) return [];
    return [
      alertCandidate(
        {
          key: `${window.rule}:${account.id}:${window.start}`,
          rule: window.rule,
          account,
          windowStart: window.start,
          now,
          headline,
          body,
        },
        task,
      ),
    ];
  });
}
