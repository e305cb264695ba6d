import type { SalesforceMapping, Signal } from '../config/mappings/salesforce.ts';
import type { AccountFact } from '../facts/schemas.ts';
import { conditionMatches } from '../score/scorecard.ts';
import type { Store } from '../store/store.ts';
import { type AlertCandidate, alertCandidate } from './task-text.ts';

const DAY_MS = 86_400_000;
const MAX_IDS_SHOWN = 10;

interface Firing {
  accountId: string;
  headline: string;
  body: string[];
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
const idList = (ids: string[]): string =>
  `${ids.slice(0, MAX_IDS_SHOWN).join(', ')}${ids.length > MAX_IDS_SHOWN ? `, and ${ids.length - MAX_IDS_SHOWN} more` : ''}`;

type ContactBurst = Extract<Signal, { type: 'contact_burst' }>;

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

type SignalStore = Pick<Store, 'signalFacts' | 'alerts'>;

async function firings(signal: Signal, store: SignalStore, since: number, until: number): Promise<Firing[]> {
  const d = signal.window_days;
  switch (signal.type) {
    case 'risk_language': {
      const byAccount = new Map<string, string[]>();
      for (const h of await store.signalFacts.riskTickets(since, until))
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
      const baselineStart = since - signal.baseline_days * DAY_MS;
      const usual = new Map(
        (await store.signalFacts.contactCounts(baselineStart, since)).map((c) => [
          c.accountId,
          ((c.tickets + c.calls) * d) / signal.baseline_days,
        ]),
      );
      return (await store.signalFacts.contactCounts(since, until)).flatMap((c) => {
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
      const byAccount = new Map<string, { ticketId: string; amount: number }[]>();
      for (const h of await store.signalFacts.disputeTickets(
        signal.category,
        signal.min_amount,
        since,
        until,
      ))
        byAccount.set(h.accountId, [...(byAccount.get(h.accountId) ?? []), h]);
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

/**
 * The escalation signals that fire now, as alerts. Each opens one Task per account, signal and
 * window: the key names the window (`signal:<name>:<account>:<window start>`, windows of
 * `window_days` from the epoch), and a signal that fired within the last `window_days` for the
 * account stays quiet even across a window boundary.
 */
export async function signalAlerts(
  mapping: SalesforceMapping,
  store: SignalStore,
  accounts: ReadonlyMap<string, AccountFact>,
  now: number,
): Promise<AlertCandidate[]> {
  const out: AlertCandidate[] = [];
  for (const signal of mapping.alerts.signals) {
    const windowMs = signal.window_days * DAY_MS;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const rule = `signal:${signal.name}`;
    for (const f of await firings(signal, store, now - windowMs, now + 1)) {
      const account = accounts.get(f.accountId);
      if (!account) continue;
      if (signal.accounts && !conditionMatches(signal.accounts, account)) continue;
      const last = await store.alerts.lastAt(rule, f.accountId);
      if (last !== undefined && last > now - windowMs) continue;
      out.push(
        alertCandidate(
          {
            key: `${rule}:${f.accountId}:${windowStart}`,
            rule,
            account,
            windowStart,
            now,
            headline: f.headline,
            body: f.body,
          },
          mapping.alerts.task,
        ),
      );
    }
  }
  return out;
}
