import { generateAccount, type AccountModel } from './accounts.ts';
import type { ResolvedDatasetOptions } from './options.ts';
import { staleOrg, type OrgModel } from './people.ts';
import { hash32, labelCode, type Rng } from './prng.ts';
import { contactMultiplier, MAX_CONTACT_MULTIPLIER } from './scenarios.ts';
import { createTimeline, type Timeline } from './timeline.ts';

/**
 * What every record generator needs: the options, the accounts (small, so held in memory), the
 * activity curve and a weighted account picker. Everything else is computed per record.
 */
export interface GenContext {
  readonly seed: number;
  readonly opts: ResolvedDatasetOptions;
  readonly timeline: Timeline;
  readonly accounts: readonly AccountModel[];
  readonly staleOrgs: readonly OrgModel[];
  readonly ownerCount: number;
  /** An account index by contact volume, with the scenario accounts' volume varying over time. */
  pickAccount(rng: Rng, t: number): number;
  /** The time of record i of a stream of n records (ms, non-decreasing in i). */
  timeOf(stream: number, i: number, n: number, resolutionMs: number): number;
}

export function createContext(opts: ResolvedDatasetOptions): GenContext {
  const ownerCount = Math.max(5, Math.ceil(opts.accounts / 40));
  const accounts = Array.from({ length: opts.accounts }, (_, i) =>
    generateAccount(opts.seed, i, opts.now, ownerCount),
  );
  const staleOrgs = Array.from({ length: Math.max(2, Math.round(opts.accounts * 0.01)) }, (_, k) =>
    staleOrg(opts.seed, k, opts.accounts, opts.now),
  );
  const cumulative = new Float64Array(accounts.length + 1);
  for (const a of accounts)
    cumulative[a.index + 1] = cumulative[a.index]! + a.activity * (a.scenario ? MAX_CONTACT_MULTIPLIER : 1);
  const total = cumulative[accounts.length]!;
  const byWeight = (u: number): number => {
    const target = u * total;
    let lo = 0;
    let hi = accounts.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! <= target) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const timeline = createTimeline(opts.start, opts.now);
  const ticketTimeline = createTimeline(opts.start, opts.now, true);
  return {
    seed: opts.seed,
    opts,
    timeline,
    accounts,
    staleOrgs,
    ownerCount,
    pickAccount(rng, t) {
      // Rejection sampling: scenario accounts are over-weighted by the peak multiplier, then
      // accepted in proportion to their multiplier at time t.
      for (let tries = 0; tries < 32; tries++) {
        const a = accounts[byWeight(rng.next())]!;
        if (!a.scenario) return a.index;
        if (rng.next() * MAX_CONTACT_MULTIPLIER < contactMultiplier(a.scenario, t, opts.now)) return a.index;
      }
      return accounts.length - 1;
    },
    timeOf(stream, i, n, resolutionMs) {
      const jitter = hash32(opts.seed, stream, i) / 4294967296;
      const t = (stream === TIME_STREAM.ticket ? ticketTimeline : timeline).at((i + jitter) / Math.max(1, n));
      return Math.floor(t / resolutionMs) * resolutionMs;
    },
  };
}

export const TIME_STREAM = {
  ticket: labelCode('ticket-time'),
  call: labelCode('call-time'),
  issue: labelCode('issue-time'),
};
