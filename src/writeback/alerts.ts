import type { SalesforceSession } from '../../connectors/salesforce/auth.ts';
import type { SalesforceMapping } from '../config/mappings/salesforce.ts';
import type { WriteError } from '../errors.ts';
import type { AccountFact } from '../facts/schemas.ts';
import type { Logger } from '../log/logger.ts';
import type { ScoreSummary } from '../score/types.ts';
import type { Store } from '../store/store.ts';
import { WriteBudget } from './budget.ts';
import { acquireWriteLease } from './lease.ts';
import { signalAlerts } from './signals.ts';
import { detectStatusDrops, statusDropAlert } from './status-drops.ts';
import type { AlertCandidate } from './task-text.ts';
import { type DeliveryResult, deliverPendingAlerts } from './tasks.ts';

export interface AlertInput {
  current: readonly ScoreSummary[];
  /** The previous status per account (`store.scores.latestStatuses()` read before this run saves). */
  previous: ReadonlyMap<string, string>;
  accounts: readonly AccountFact[];
  mapping: SalesforceMapping;
}

export interface AlertDeps {
  session: SalesforceSession;
  store: Pick<Store, 'alerts' | 'leases' | 'signalFacts' | 'transaction'>;
  log?: Logger;
  now?: () => number;
  leaseTtlMs?: number;
}

export interface AlertResult extends DeliveryResult {
  /** New alerts recorded this run. */
  statusDrops: number;
  signals: number;
  /** Alerts still waiting for their Task (they are retried next run). */
  pending: number;
  requests: number;
  stoppedForBudget: boolean;
  error: WriteError | null;
}

/** Reads only: the alerts this run raises (status drops, then signals) without recording anything. */
export async function alertCandidates(
  input: AlertInput,
  store: Pick<Store, 'alerts' | 'signalFacts'>,
  now: number,
): Promise<{
  drops: AlertCandidate[];
  signals: AlertCandidate[];
  baselines: { accountId: string; status: string }[];
}> {
  const accounts = new Map(input.accounts.map((a) => [a.id, a]));
  const { status_drop: cfg, task } = input.mapping.alerts;
  const detected = detectStatusDrops({
    current: input.current,
    previous: input.previous,
    baselines: await store.alerts.baselines(),
    when: cfg.when,
  });
  const scores = new Map(input.current.map((s) => [s.accountId, s]));
  const drops = cfg.enabled
    ? detected.drops.flatMap((d) => {
        const account = accounts.get(d.accountId);
        const score = scores.get(d.accountId);
        return account && score ? [statusDropAlert(d, score, account, task, now)] : [];
      })
    : [];
  return {
    drops,
    signals: await signalAlerts(input.mapping, store, accounts, now),
    baselines: detected.baselines,
  };
}

/**
 * Records this run's alerts (each as a pending row with a deterministic key, together with the new
 * baselines, in one transaction) and then opens the Task of every pending alert, including those a
 * crashed run left behind. Holds the write lease.
 */
export async function processAlerts(input: AlertInput, deps: AlertDeps): Promise<AlertResult> {
  const now = (deps.now ?? Date.now)();
  const lease = await acquireWriteLease(deps.store.leases, {
    now: deps.now ?? Date.now,
    ...(deps.leaseTtlMs ? { ttlMs: deps.leaseTtlMs } : {}),
  });
  const requestsBefore = deps.session.meter.requests;
  const budget = new WriteBudget(deps.session, input.mapping.write.budget_share);
  try {
    const found = await alertCandidates(input, deps.store, now);
    let statusDrops = 0;
    let signals = 0;
    await deps.store.transaction(async () => {
      for (const a of found.drops) if (await deps.store.alerts.insert(a)) statusDrops++;
      for (const a of found.signals) if (await deps.store.alerts.insert(a)) signals++;
      for (const b of found.baselines) await deps.store.alerts.setBaseline(b.accountId, b.status, now);
    });
    await budget.ensureKnown();
    const delivered = await deliverPendingAlerts(deps.session, deps.store, budget, lease);
    const result: AlertResult = {
      ...delivered,
      statusDrops,
      signals,
      pending: (await deps.store.alerts.pending()).length,
      requests: deps.session.meter.requests - requestsBefore,
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
