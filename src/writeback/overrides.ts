import type { Overrides } from '../config/mappings/salesforce.ts';
import type { AccountFact } from '../facts/schemas.ts';

/** The statuses a CSM may override to: `insufficient_data` is health-sync's to say, not a CSM's. */
const OVERRIDE_STATUSES = ['green', 'yellow', 'red'] as const;
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];

export interface Override {
  status: OverrideStatus;
  reason: string | null;
  /** The last day (UTC, YYYY-MM-DD, inclusive) it holds; null: until the CSM clears it. */
  until: string | null;
  /** Who the drivers text names: the Account owner's id (the Account fact holds no user names). */
  owner: string;
}

export type OverrideState =
  | { kind: 'none' }
  | ({ kind: 'in_force' } & Override)
  | ({ kind: 'lapsed'; until: string } & Omit<Override, 'until'>);

const DAY = /^\d{4}-\d{2}-\d{2}/;
const utcDay = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * Pure: the override on one Account at `now`. In force while its status is set and its until-day
 * is today or later (UTC); an override without an until-day holds until the CSM clears it. Lapsed
 * once the day has passed and the fields are still set. A status that is not green, yellow or red,
 * or an until-value that is not a date, is no override (validate checks the field types).
 */
export function overrideState(account: AccountFact, cfg: Overrides | undefined, now: number): OverrideState {
  if (!cfg) return { kind: 'none' };
  const status = text(account.fields[cfg.status])?.toLowerCase();
  if (!OVERRIDE_STATUSES.includes(status as OverrideStatus)) return { kind: 'none' };
  const untilRaw = text(account.fields[cfg.until]);
  if (untilRaw !== null && !DAY.test(untilRaw)) return { kind: 'none' };
  const base = {
    status: status as OverrideStatus,
    reason: text(account.fields[cfg.reason]),
    owner: account.ownerId ?? 'the account owner',
  };
  const until = untilRaw?.slice(0, 10) ?? null;
  if (until !== null && until < utcDay(now)) return { kind: 'lapsed', ...base, until };
  return { kind: 'in_force', ...base, until };
}

/** Pure: the accounts that have an override in force or lapsed (none when the feature is off). */
export function accountOverrides(
  accounts: readonly AccountFact[],
  cfg: Overrides | undefined,
  now: number,
): Map<string, OverrideState> {
  const out = new Map<string, OverrideState>();
  if (!cfg) return out;
  for (const a of accounts) {
    const state = overrideState(a, cfg, now);
    if (state.kind !== 'none') out.set(a.id, state);
  }
  return out;
}

/** The override in force on an account, if any. */
export function inForce(
  overrides: ReadonlyMap<string, OverrideState> | undefined,
  accountId: string,
): (Override & { kind: 'in_force' }) | undefined {
  const o = overrides?.get(accountId);
  return o?.kind === 'in_force' ? o : undefined;
}

/** The drivers field's first line while an override holds. */
export const overrideLine = (o: Override): string =>
  `Overridden by ${o.owner} until ${o.until ?? 'cleared'}: ${o.reason ?? 'no reason given'}`;

/** Pure: drops stay silent while the account's override holds (the CSM set its status). */
export function withoutOverridden<T extends { accountId: string }>(
  drops: readonly T[],
  overrides: ReadonlyMap<string, OverrideState> | undefined,
): T[] {
  return drops.filter((d) => inForce(overrides, d.accountId) === undefined);
}
