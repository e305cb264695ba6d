import type { TicketMaps } from '../metrics/types.ts';
import type { SalesforceMapping } from '../config/mappings/salesforce.ts';
import type { AccountFact } from '../facts/schemas.ts';
import type { ScoreSummary } from '../score/types.ts';
import type { OverrideState } from './overrides.ts';
import { detectStatusDrops, statusDropAlert } from './status-drops.ts';
import type { AlertCandidate } from './task-text.ts';

export interface AlertInput {
  current: readonly ScoreSummary[];
  /** The previous status per account (`store.scores.latestStatuses()` read before this run saves). */
  previous: ReadonlyMap<string, string>;
  accounts: readonly AccountFact[];
  mapping: SalesforceMapping;
  /** zendesk.yaml's category rules in force, for the signals on a ticket category (dispute_amount). */
  ticketMaps: TicketMaps;
  /** CSMs' overrides by account (`accountOverrides`): no drop Task while one holds; a Task when it lapses. */
  overrides?: ReadonlyMap<string, OverrideState>;
  /** Statuses on this run's facts under the previous scoring configuration (see `detectStatusDrops`). */
  underPreviousConfig?: ReadonlyMap<string, string>;
  /**
   * No account's facts or links changed since the last run, in the same hour (signal windows are
   * anchored at its start): the signals would read what that run read, so they are not read again
   * if that run recorded their alerts (with the same rules).
   */
  signalsUnchanged?: boolean;
}

/**
 * Pure: the status drops this run raises as alerts (none when status_drop is disabled), and the
 * new baselines, against the status each account's alerts were last evaluated against.
 */
export function statusDropAlerts(
  input: Omit<AlertInput, 'ticketMaps'>,
  accounts: ReadonlyMap<string, AccountFact>,
  baselines: ReadonlyMap<string, string>,
  now: number,
): {
  drops: AlertCandidate[];
  baselines: { accountId: string; status: string }[];
  configDrops: number;
} {
  const { status_drop: cfg, task } = input.mapping.alerts;
  const detected = detectStatusDrops({
    current: input.current,
    previous: input.previous,
    baselines,
    when: cfg.when,
    ...(input.underPreviousConfig ? { underPreviousConfig: input.underPreviousConfig } : {}),
  });
  const scores = new Map(input.current.map((s) => [s.accountId, s]));
  const drops = cfg.enabled
    ? detected.drops.flatMap((d) => {
        const account = accounts.get(d.accountId);
        const score = scores.get(d.accountId);
        return account && score ? [statusDropAlert(d, score, account, task, now)] : [];
      })
    : [];
  return { drops, baselines: detected.baselines, configDrops: detected.configDrops.length };
}
