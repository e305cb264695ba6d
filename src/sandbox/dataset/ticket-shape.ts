import type { GenContext } from './context.ts';
import { DAY_MS } from './options.ts';
import { hash32, labelCode, rngFor, type Rng } from './prng.ts';

/**
 * The account-independent outline of ticket i: its status (by age), when it was solved, and how
 * long it took before the account's service quality stretches that. Drawn from its own stream, so
 * the account picker can use the estimated creation time: a contact spike is a spike of tickets
 * *created* in a window, and long-running tickets must not smear it out.
 */
export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' | 'deleted';

export interface TicketShape {
  status: TicketStatus;
  solvedAt: number | null;
  /** Creation to solution (or to the last update while open), for an account of perfect quality. */
  lagMs: number;
  /** When the ticket was created, before the quality stretch. */
  createdEstimate: number;
}

const SHAPE = labelCode('ticket-shape');
const DELETED = labelCode('ticket-deleted');

/** A few tickets were deleted before any sync ran; a hash, so that counting them is cheap. */
export const isBaseDeleted = (seed: number, i: number): boolean => hash32(seed, DELETED, i) % 10_000 < 25;

/** How much longer than `lagMs` an account with this share of bad service waits. */
export const qualityStretch = (bad: number): number => 0.6 + 1.8 * bad;

function statusFor(rng: Rng, ageMs: number, deleted: boolean): TicketStatus {
  if (deleted) return 'deleted';
  if (ageMs > 7 * DAY_MS)
    return rng.weighted({ closed: 80, solved: 14, open: 3, pending: 2, hold: 1 } as const);
  return rng.weighted({ solved: 40, open: 25, pending: 15, new: 10, hold: 10 } as const);
}

export function ticketShape(ctx: GenContext, i: number, t: number, n: number): TicketShape {
  const rng = rngFor(ctx.seed, SHAPE, i);
  // Tickets a mutation creates are new to the stream: just opened.
  if (i >= n) {
    const lagMs = rng.int(60_000, 3_600_000);
    return {
      status: rng.weighted({ new: 60, open: 40 } as const),
      solvedAt: null,
      lagMs,
      createdEstimate: t - lagMs,
    };
  }
  const status = statusFor(rng, ctx.opts.now - t, isBaseDeleted(ctx.seed, i));
  const solvedAt =
    status === 'closed'
      ? t - 4 * DAY_MS - rng.int(0, 3_600_000)
      : status === 'solved'
        ? t - rng.int(0, 7_200_000)
        : null;
  const lagMs = Math.round(Math.min(40 * DAY_MS, Math.max(600_000, rng.logNormal(1.2 * DAY_MS, 0.9))));
  return { status, solvedAt, lagMs, createdEstimate: (solvedAt ?? t) - lagMs };
}
