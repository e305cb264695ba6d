import type { GenContext } from './context.ts';
import { ANONYMOUS_POOL } from './people.ts';
import { labelCode, rngFor } from './prng.ts';
import { scenarioRepeaters } from './scenarios.ts';
import { ticketShape } from './ticket-shape.ts';

/**
 * Who wrote ticket i: a requester of an account, an anonymous free-mail requester, or a requester
 * of a stale organization. Drawn from its own stream so that a repeat contact (ticket i written by
 * the requester of an earlier ticket j) can look up j's requester without generating ticket j.
 */
export type Who =
  | { kind: 'account'; account: number; requester: number }
  | { kind: 'anonymous'; user: number }
  | { kind: 'stale'; org: number; requester: number };

const WHO = labelCode('ticket-who');
const REPEAT = labelCode('ticket-repeat');
export const UNMATCHED_SHARE = { anonymous: 0.024, stale: 0.011 };
/**
 * The share of tickets that look for an earlier one to repeat. The earlier ticket's account takes
 * the repeat in proportion to its `repeaters` (0 to 1): an account with repeaters 1 gets half as
 * many tickets again as repeats (a third of its tickets), one without repeaters none.
 */
export const REPEAT_SHARE = 0.5;

/** Who wrote ticket i, picked by contact volume around its (estimated) creation time. */
export function baseWho(ctx: GenContext, i: number, createdAround: number): Who {
  const rng = rngFor(ctx.seed, WHO, i);
  const u = rng.next();
  if (u < UNMATCHED_SHARE.anonymous) return { kind: 'anonymous', user: rng.int(0, ANONYMOUS_POOL - 1) };
  if (u < UNMATCHED_SHARE.anonymous + UNMATCHED_SHARE.stale)
    return { kind: 'stale', org: rng.int(0, ctx.staleOrgs.length - 1), requester: rng.int(0, 2) };
  const account = ctx.pickAccount(rng, createdAround);
  const pool = ctx.accounts[account]!.requesters;
  // Some people write more than others (the customer's ops lead, their finance person), but each
  // only now and then: there are many of them.
  return { kind: 'account', account, requester: Math.floor(pool * rng.next() ** 1.2) };
}

/** How readily the account's people come back about the same problem at time t. */
function repeatersAt(ctx: GenContext, account: number, t: number): number {
  const a = ctx.accounts[account]!;
  return a.scenario ? scenarioRepeaters(a.scenario, t, ctx.opts.now) : a.repeaters;
}

/** Ticket i's requester, and the earlier ticket it repeats (if it is a repeat contact). */
export function ticketWho(
  ctx: GenContext,
  i: number,
  t: number,
  n: number,
  timeOf: (j: number) => number,
): { who: Who; repeatOf: number | null } {
  const rng = rngFor(ctx.seed, REPEAT, i);
  if (i < n && rng.chance(REPEAT_SHARE)) {
    // About three days' worth of tickets back: the same person again, within days.
    const window = Math.max(1, Math.round((n / ctx.opts.days) * 3));
    const j = i - 1 - Math.floor(rng.next() * window);
    const accept = rng.next();
    if (j >= 0) {
      const who = baseWho(ctx, j, ticketShape(ctx, j, timeOf(j), n).createdEstimate);
      if (who.kind === 'account' && accept < repeatersAt(ctx, who.account, t)) return { who, repeatOf: j };
    }
  }
  return { who: baseWho(ctx, i, ticketShape(ctx, i, t, n).createdEstimate), repeatOf: null };
}
