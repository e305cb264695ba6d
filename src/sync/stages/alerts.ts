import type { SalesforceConnection } from '../../../connectors/salesforce/index.ts';
import type { Signal } from '../../config/mappings/salesforce.ts';
import type { WriteError } from '../../errors.ts';
import { digestOf } from '../../config/mappings/digest.ts';
import type { AccountFact } from '../../facts/schemas.ts';
import { ageReference } from '../../metrics/windows.ts';
import type { Logger } from '../../log/logger.ts';
import { categoryIs } from '../../metrics/ticket-maps.ts';
import type { TicketMaps } from '../../metrics/types.ts';
import type { Store } from '../../store/store.ts';
import { type AlertInput, statusDropAlerts } from '../../writeback/alerts.ts';
import { overrideLapseAlerts } from '../../writeback/override-alerts.ts';
import { withoutOverridden } from '../../writeback/overrides.ts';
import {
  type SignalReading,
  type SignalWindow,
  baselineSince,
  signalAlerts,
  signalFirings,
  signalWindow,
} from '../../writeback/signals.ts';
import type { AlertCandidate } from '../../writeback/task-text.ts';
import { type DeliveryResult, deliverPendingAlerts } from './alert-tasks.ts';
import { acquireWriteLease } from './write-lease.ts';

export interface AlertDeps {
  salesforce: SalesforceConnection;
  store: Pick<Store, 'alerts' | 'leases' | 'signalFacts' | 'transaction' | 'meta'>;
  log?: Logger;
  now?: () => number;
  leaseTtlMs?: number;
}

export interface AlertResult extends DeliveryResult {
  /** New alerts recorded this run. */
  statusDrops: number;
  overrideLapses: number;
  /** Status drops the scoring configuration made: no alert, no Task, the baseline moved. */
  configDrops: number;
  signals: number;
  /** Alerts still waiting for their Task (they are retried next run). */
  pending: number;
  requests: number;
  stoppedForBudget: boolean;
  error: WriteError | null;
}

/** What the store holds for a signal's window. */
async function readSignal(
  signal: Signal,
  window: SignalWindow,
  repo: Store['signalFacts'],
  ticketMaps: TicketMaps,
): Promise<SignalReading> {
  const { since, until } = window;
  switch (signal.type) {
    case 'risk_language':
      return { type: signal.type, signal, tickets: await repo.riskTickets(since, until) };
    case 'contact_burst':
      return {
        type: signal.type,
        signal,
        before: await repo.contactCounts(baselineSince(signal, window), since),
        window: await repo.contactCounts(since, until),
      };
    case 'dispute_amount':
      return {
        type: signal.type,
        signal,
        tickets: await repo.disputeTickets(
          categoryIs(ticketMaps, signal.category),
          signal.min_amount,
          since,
          until,
        ),
      };
  }
}

/** meta: the hour and rules of the last signals whose alerts were recorded. */
const SIGNALS_READ_KEY = 'alerts.signalsRead';
const signalsReadMarker = (input: AlertInput, now: number): string =>
  JSON.stringify({
    anchor: ageReference(now),
    rules: digestOf({ signals: input.mapping.alerts.signals, ticketMaps: input.ticketMaps }),
  });

/** The alerts this run raises (status drops, then signals), read from the store, nothing recorded. */
async function alertCandidates(
  input: AlertInput,
  store: Pick<Store, 'alerts' | 'signalFacts'>,
  now: number,
  readSignals: boolean,
): Promise<{
  drops: AlertCandidate[];
  lapses: AlertCandidate[];
  signals: AlertCandidate[];
  baselines: { accountId: string; status: string }[];
  configDrops: number;
}> {
  const accounts = new Map<string, AccountFact>(input.accounts.map((a) => [a.id, a]));
  const found = statusDropAlerts(input, accounts, await store.alerts.baselines(), now);
  // Baselines follow the computed status even under an override, so a lapse opens one Task, not two.
  const drops = withoutOverridden(found.drops, input.overrides);
  const { baselines, configDrops } = found;
  const { current, overrides, mapping } = input;
  const lapses = overrideLapseAlerts(current, overrides, accounts, mapping.alerts.task, now);
  const signals: AlertCandidate[] = [];
  for (const signal of readSignals ? input.mapping.alerts.signals : []) {
    const window = signalWindow(signal, now);
    const firings = signalFirings(
      await readSignal(signal, window, store.signalFacts, input.ticketMaps),
      accounts,
    );
    const lastAlerts = new Map<string, number>();
    for (const { account } of firings) {
      const at = await store.alerts.lastAt(window.rule, account.id);
      if (at !== undefined) lastAlerts.set(account.id, at);
    }
    signals.push(...signalAlerts(window, firings, lastAlerts, input.mapping.alerts.task, now));
  }
  return { drops, lapses, signals, baselines, configDrops };
}

/**
 * Records this run's alerts (each as a pending row with a deterministic key, together with the new
 * baselines, in one transaction) and then opens the Task of every pending alert, including those a
 * crashed run left behind. Holds the write lease.
 */
export async function processAlerts(input: AlertInput, deps: AlertDeps): Promise<AlertResult> {
  const now = (deps.now ?? Date.now)();
  const { salesforce, store } = deps;
  const lease = await acquireWriteLease(store.leases, {
    now: deps.now ?? Date.now,
    ...(deps.leaseTtlMs ? { ttlMs: deps.leaseTtlMs } : {}),
  });
  const before = salesforce.usage();
  try {
    // Signals are skipped only when a run has recorded their alerts in this hour with these rules:
    // a run that saved its scores and died before this point leaves them to the next run.
    const read = signalsReadMarker(input, now);
    const readSignals = !input.signalsUnchanged || (await store.meta.get(SIGNALS_READ_KEY)) !== read;
    const found = await alertCandidates(input, store, now, readSignals);
    let statusDrops = 0;
    let overrideLapses = 0;
    let signals = 0;
    await store.transaction(async () => {
      for (const a of found.drops) if (await store.alerts.insert(a)) statusDrops++;
      for (const a of found.lapses) if (await store.alerts.insert(a)) overrideLapses++;
      for (const a of found.signals) if (await store.alerts.insert(a)) signals++;
      for (const b of found.baselines) await store.alerts.setBaseline(b.accountId, b.status, now);
      if (readSignals) await store.meta.set(SIGNALS_READ_KEY, read);
    });
    const budget = await salesforce.checkBudget(input.mapping.write.budget_share);
    const delivered = await deliverPendingAlerts(salesforce, store, budget, lease);
    const result: AlertResult = {
      ...delivered,
      statusDrops,
      overrideLapses,
      configDrops: found.configDrops,
      signals,
      pending: (await store.alerts.pending()).length,
      requests: salesforce.usage(before).requests,
      stoppedForBudget: budget.stop !== null,
      error: budget.stop,
    };
    if (result.failed.length)
      deps.log?.warn(
        { failed: result.failed.length },
        'salesforce: some alert Tasks could not be created; they stay pending',
      );
    return result;
  } finally {
    await lease.release();
  }
}
