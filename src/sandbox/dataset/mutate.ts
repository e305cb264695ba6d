import { z } from 'zod';
import type { AccountModel, Tier } from './accounts.ts';
import type { CallModel } from './calls.ts';
import type { GenContext } from './context.ts';
import type { IssueModel } from './issues.ts';
import type { CallPatch, IssuePatch, TicketPatch } from './patches.ts';
import type { OrgModel } from './people.ts';
import { createRng, hash32, labelCode, type Rng } from './prng.ts';
import type { OverlayEntry, StreamView } from './stream.ts';
import type { TicketModel } from './tickets.ts';

/**
 * A mutation changes a share of every stream, as a day of real activity would: tickets solved,
 * rated, reopened, deleted, touched by automations (generated_timestamp only), created; calls and
 * issues added; bugs resolved or reopened; accounts and organizations edited. Every change gets a
 * time after everything that exists, so incremental readers find it at the end of their stream.
 */
export const MutationOptions = z
  .object({
    share: z.number().gt(0).max(0.5).default(0.01),
    seed: z.number().int().min(0).default(1),
    /** The time of the newest change (epoch ms); default: now. */
    at: z.number().int().positive().optional(),
    /** The changes happen over this long before `at` (default: since the end of each stream). */
    spanMs: z.number().int().positive().optional(),
  })
  .strict();
export type MutationOptions = z.input<typeof MutationOptions>;

export interface MutationSummary {
  seed: number;
  share: number;
  at: number;
  tickets: { updated: number[]; system: number[]; deleted: number[]; created: number[] };
  calls: { created: number };
  issues: { updated: string[]; created: string[] };
  accounts: string[];
  organizations: number[];
}

export interface MutableState {
  ctx: GenContext;
  tickets: StreamView<TicketModel, TicketPatch>;
  calls: StreamView<CallModel, CallPatch>;
  issues: StreamView<IssueModel, IssuePatch>;
  orgs: Map<number, OrgModel>;
  accountOverrides: Map<number, Partial<AccountModel>>;
  account(i: number): AccountModel;
  lastMutationAt: number;
}

const MUTATE = labelCode('mutate');
const TIERS: Tier[] = ['Starter', 'Growth', 'Strategic', 'Enterprise'];

/** `count` increasing times after `last`, reaching `at` when there is room, at `resolution` steps. */
function spread(count: number, last: number, at: number, resolution: number, spanMs = Infinity): number[] {
  const from = Math.max(last, at - spanMs);
  const end = Math.max(at, from + (count + 1) * resolution);
  return Array.from(
    { length: count },
    (_, k) => Math.ceil((from + ((k + 1) * (end - from)) / (count + 1)) / resolution) * resolution,
  );
}

function distinct(rng: Rng, count: number, size: number, accept: (i: number) => boolean): number[] {
  const out = new Set<number>();
  for (let tries = 0; out.size < Math.min(count, size) && tries < count * 20; tries++) {
    const i = rng.int(0, size - 1);
    if (accept(i)) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

export function planMutation(s: MutableState, input: MutationOptions): MutationSummary {
  const opts = MutationOptions.parse(input);
  const rng = createRng(hash32(s.ctx.seed, opts.seed, MUTATE));
  const at = opts.at ?? Date.now();
  const patchSeed = hash32(s.ctx.seed, opts.seed, s.lastMutationAt);
  const summary: MutationSummary = {
    seed: opts.seed,
    share: opts.share,
    at,
    tickets: { updated: [], system: [], deleted: [], created: [] },
    calls: { created: 0 },
    issues: { updated: [], created: [] },
    accounts: [],
    organizations: [],
  };

  // Tickets: existing ones change (not those already deleted), a few are new.
  const nTickets = Math.max(1, Math.round(opts.share * s.tickets.total()));
  const nCreate = Math.round(nTickets * 0.1);
  const chosen = distinct(
    rng,
    nTickets - nCreate,
    s.tickets.total(),
    (i) => s.tickets.latest(i)?.status !== 'deleted',
  );
  const ticketTimes = spread(chosen.length + nCreate, s.tickets.lastTime(), at, 1000, opts.spanMs);
  const ticketEntries = chosen.map((index, k) => {
    const kind = rng.weighted({ update: 77, system: 15, delete: 8 } as const);
    const id = index + 1;
    if (kind === 'update') summary.tickets.updated.push(id);
    else if (kind === 'system') summary.tickets.system.push(id);
    else summary.tickets.deleted.push(id);
    const patch: TicketPatch = { kind, seed: patchSeed };
    return { index, time: ticketTimes[k]!, patch };
  });
  for (let k = 0; k < nCreate; k++) {
    const index = s.tickets.total() + k;
    summary.tickets.created.push(index + 1);
    ticketEntries.push({
      index,
      time: ticketTimes[chosen.length + k]!,
      patch: { kind: 'create', seed: patchSeed },
    });
  }
  s.tickets.append(ticketEntries);

  const nCalls = Math.round(opts.share * s.calls.total());
  const callTimes = spread(nCalls, s.calls.lastTime(), at - 10 * 60_000, 1, opts.spanMs);
  s.calls.append(
    callTimes.map((time, k) => ({
      index: s.calls.total() + k,
      time,
      patch: { kind: 'create', seed: patchSeed },
    })),
  );
  summary.calls.created = nCalls;

  const nIssues = Math.round(opts.share * s.issues.total());
  const nNewIssues = Math.round(nIssues * 0.15);
  const changed = distinct(rng, nIssues - nNewIssues, s.issues.total(), () => true);
  const issueTimes = spread(changed.length + nNewIssues, s.issues.lastTime(), at, 1, opts.spanMs);
  const issueEntries: OverlayEntry<IssuePatch>[] = changed.map((index, k) => ({
    index,
    time: issueTimes[k]!,
    patch: { kind: 'update', seed: patchSeed },
  }));
  for (let k = 0; k < nNewIssues; k++)
    issueEntries.push({
      index: s.issues.total() + k,
      time: issueTimes[changed.length + k]!,
      patch: { kind: 'create', seed: patchSeed },
    });
  s.issues.append(issueEntries);
  for (const e of issueEntries)
    (e.patch.kind === 'create' ? summary.issues.created : summary.issues.updated).push(
      String(10000 + e.index),
    );

  // Accounts (never the scenario ones, whose profile tests rely on): ARR, sometimes the tier.
  const accounts = s.ctx.accounts;
  const lastStamp = Math.max(s.lastMutationAt, ...accounts.map((a) => s.account(a.index).systemModstamp));
  const accountIdx = distinct(
    rng,
    Math.max(1, Math.round(opts.share * accounts.length)),
    accounts.length,
    (i) => !accounts[i]!.scenario,
  );
  const stamps = spread(accountIdx.length, lastStamp, at, 1, opts.spanMs);
  accountIdx.forEach((i, k) => {
    const a = s.account(i);
    const tierAt = TIERS.indexOf(a.tier);
    const tier = rng.chance(0.2)
      ? TIERS[Math.max(0, Math.min(3, tierAt + (rng.chance(0.5) ? 1 : -1)))]!
      : a.tier;
    s.accountOverrides.set(i, {
      ...s.accountOverrides.get(i),
      systemModstamp: stamps[k]!,
      arr: Math.round((a.arr * rng.real(0.85, 1.2)) / 100) * 100,
      tier,
    });
    summary.accounts.push(a.id);
  });

  // Organizations: touched; domain-only ones get the Account Id as external_id (a clean-up).
  const orgList = [...s.orgs.values()].filter((o) => o.accountIndex !== null).sort((a, b) => a.id - b.id);
  const lastOrg = Math.max(...[...s.orgs.values()].map((o) => o.updatedAt));
  const orgIdx = distinct(
    rng,
    Math.max(1, Math.round(opts.share * orgList.length)),
    orgList.length,
    () => true,
  );
  const orgTimes = spread(orgIdx.length, lastOrg, at, 1000, opts.spanMs);
  orgIdx.forEach((p, k) => {
    const o = orgList[p]!;
    const externalId = o.externalId ?? accounts[o.accountIndex!]!.id;
    s.orgs.set(o.id, { ...o, externalId, updatedAt: orgTimes[k]! });
    summary.organizations.push(o.id);
  });
  return summary;
}
