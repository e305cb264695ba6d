import { ageReference, utcDay } from '../../metrics/windows.ts';
import type { Store } from '../../store/store.ts';

/**
 * What the latest saved scores were computed at: the window anchor (the top of the hour: scores move
 * with time only there), the UTC day (snapshots are per day) and the scoring configuration digest.
 * A run may reuse an account's saved score only when the day and digest are the same, nothing the
 * account is scored from changed since (see `DirtyAccounts`) and, in a later hour, no window boundary
 * passed one of its facts since the anchor (`hourCrossings`). Every run forgets the state before it commits
 * anything, and only a run that saved its scores writes it again: a run that stored facts and then
 * failed leaves none, so the next one rescores every account.
 */
const KEY = 'scoring.incremental';

export interface RescoreState {
  anchor: number;
  day: string;
  digest: string;
}

export const rescoreStateOf = (now: number, digest: string): RescoreState => ({
  anchor: ageReference(now),
  day: utcDay(now),
  digest,
});

export async function readRescoreState(meta: Store['meta']): Promise<RescoreState | undefined> {
  const text = await meta.get(KEY);
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<RescoreState>;
    if (typeof v.anchor !== 'number' || typeof v.day !== 'string' || typeof v.digest !== 'string')
      return undefined;
    return { anchor: v.anchor, day: v.day, digest: v.digest };
  } catch {
    return undefined;
  }
}

export const saveRescoreState = (meta: Store['meta'], state: RescoreState): Promise<void> =>
  meta.set(KEY, JSON.stringify(state));

/** Called before anything a score reads may change outside a tracked run (a history rebuild). */
export const forgetRescoreState = (meta: Store['meta']): Promise<void> => meta.set(KEY, '');

/** At a run's start, before it stores anything: the state the run compares with, forgotten in the store. */
export async function takeRescoreState(meta: Store['meta']): Promise<RescoreState | undefined> {
  const state = await readRescoreState(meta);
  await forgetRescoreState(meta);
  return state;
}

/** The run record's `rescored`: how many accounts this run scored, of how many, and why. */
export interface Rescored {
  accounts: number;
  of: number;
  reason: string;
  /** When not all: the accounts whose facts, links or fields changed, and those a new hour's windows moved. */
  changed?: number;
  crossed?: number;
}

/**
 * Why every account must be scored again, or undefined when only the dirty ones need it and, in a new
 * hour of the same UTC day, those whose windows moved (`hourCrossings`).
 */
export function rescoreAllReason(input: {
  state: RescoreState | undefined;
  current: RescoreState;
  /** Set by the caller for a dry run, a full sync, a history rebuilt this run, too many changes… */
  forced: string | undefined;
  previousIds: ReadonlySet<string>;
  accountIds: readonly string[];
}): string | undefined {
  const { state, current } = input;
  if (input.forced !== undefined) return input.forced;
  if (input.previousIds.size === 0) return 'no previous scores';
  if (state === undefined) return 'no scoring state (first run, or the last one did not save scores)';
  if (state.digest !== current.digest) return 'scoring configuration changed';
  if (state.day !== current.day) return 'new UTC day';
  if (input.accountIds.length !== input.previousIds.size) return 'accounts added or removed';
  for (const id of input.accountIds) if (!input.previousIds.has(id)) return 'accounts added or removed';
  return undefined;
}
