import { externalIdOf, type AccountModel } from './accounts.ts';
import { generateCall, type CallModel } from './calls.ts';
import { createContext, TIME_STREAM, type GenContext } from './context.ts';
import { createGroundTruth, type GroundTruth } from './ground-truth.ts';
import { generateIssue, type IssueModel } from './issues.ts';
import { planMutation, type MutationOptions, type MutationSummary } from './mutate.ts';
import { resolveDatasetOptions, type DatasetOptionsInput, type ResolvedDatasetOptions } from './options.ts';
import {
  applyIssuePatch,
  applyTicketPatch,
  type CallPatch,
  type IssuePatch,
  type TicketPatch,
} from './patches.ts';
import { accountOrg, type OrgModel, type UserModel } from './people.ts';
import { userById } from './users.ts';
import {
  ownerIdOf,
  salesforceAccount,
  salesforceUsers,
  type SalesforceRecord,
} from './salesforce-records.ts';
import { SCENARIOS, type ScenarioName } from './scenarios.ts';
import { createStreamView, type StreamView } from './stream.ts';
import { generateTicket, isBaseDeleted, type TicketModel } from './tickets.ts';
import { ticketWho, type Who } from './ticket-who.ts';
import { TICKET_MAX_LIFE_MS, ticketAsOf, ticketVersionTimes } from './ticket-versions.ts';
import { issueAsOf, issueVersionTimes } from './issue-versions.ts';

/**
 * The sandbox's synthetic payments support book: Salesforce accounts and users, Zendesk
 * organizations, users and tickets, Genesys conversations and Jira issues, all derived from
 * (seed, size, now). Small things (accounts, organizations) live in memory; tickets, calls and
 * issues are generated on demand in the order their APIs serve them.
 */
export interface Dataset {
  readonly options: ResolvedDatasetOptions;
  readonly ctx: GenContext;
  /** Account Ids of the named scenario accounts. */
  readonly scenarios: Readonly<Record<ScenarioName, string>>;
  readonly tickets: StreamView<TicketModel, TicketPatch>;
  readonly calls: StreamView<CallModel, CallPatch>;
  readonly issues: StreamView<IssueModel, IssuePatch>;
  readonly truth: GroundTruth;
  /** Mutations applied so far. */
  mutations(): readonly MutationSummary[];
  account(index: number): AccountModel;
  accounts(): AccountModel[];
  /** Salesforce Account records ({ Id, Name, OwnerId, Tier__c, Website, Phone, ... }). */
  salesforceAccounts(): Generator<SalesforceRecord>;
  salesforceUsers(): SalesforceRecord[];
  /** Zendesk organizations, oldest change first. */
  organizations(): OrgModel[];
  organization(id: number): OrgModel | undefined;
  user(id: number): UserModel | undefined;
  /** Who wrote ticket i (cheap: without generating the ticket). */
  ticketWho(index: number): Who;
  ticketDeleted(index: number): boolean;
  mutate(options: MutationOptions): MutationSummary;
}

export function createDataset(input: DatasetOptionsInput = {}): Dataset {
  const options = resolveDatasetOptions(input);
  const ctx = createContext(options);
  const accountOverrides = new Map<number, Partial<AccountModel>>();
  const orgs = new Map<number, OrgModel>();
  for (const a of ctx.accounts) {
    const org = accountOrg(options.seed, a, externalIdOf(a), options.now);
    if (org) orgs.set(org.id, org);
  }
  for (const o of ctx.staleOrgs) orgs.set(o.id, o);
  const summaries: MutationSummary[] = [];

  const ticketTime = (i: number): number => ctx.timeOf(TIME_STREAM.ticket, i, options.tickets, 1000);
  const account = (i: number): AccountModel => ({ ...ctx.accounts[i]!, ...accountOverrides.get(i) });
  const tickets = createStreamView<TicketModel, TicketPatch>({
    n: options.tickets,
    timeOf: ticketTime,
    base: (i, t) => generateTicket(ctx, i, t, options.tickets, ticketTime),
    create: (i, t) => generateTicket(ctx, i, t, options.tickets, ticketTime),
    apply: (m, p, t) => applyTicketPatch(m, p, t, m.who.kind === 'account' ? account(m.who.account) : null),
    earlier: ticketVersionTimes,
    asOf: ticketAsOf,
    maxLifeMs: TICKET_MAX_LIFE_MS,
  });
  const whoOfTicket = (j: number): Who =>
    ticketWho(
      ctx,
      j,
      j < options.tickets ? ticketTime(j) : (tickets.versionsOf(j)[0]?.time ?? options.now),
      options.tickets,
      ticketTime,
    ).who;
  const callTime = (i: number): number => ctx.timeOf(TIME_STREAM.call, i, options.calls, 1);
  const calls = createStreamView<CallModel, CallPatch>({
    n: options.calls,
    timeOf: callTime,
    base: (i, t) => generateCall(ctx, i, t),
    create: (i, t) => generateCall(ctx, i, t),
    apply: (m) => m,
  });
  const links = {
    ticketNear(t: number): number | null {
      if (options.tickets === 0) return null;
      let lo = 0;
      let hi = options.tickets - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ticketTime(mid) < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    whoOfTicket,
  };
  const issueTime = (i: number): number => ctx.timeOf(TIME_STREAM.issue, i, options.issues, 1);
  const issues = createStreamView<IssueModel, IssuePatch>({
    n: options.issues,
    timeOf: issueTime,
    base: (i, t) => generateIssue(ctx, i, t, links),
    create: (i, t) => generateIssue(ctx, i, t, links),
    apply: (m, p, t) => applyIssuePatch(m, p, t),
    earlier: issueVersionTimes,
    asOf: issueAsOf,
  });
  const ticketDeleted = (i: number): boolean =>
    tickets
      .versionsOf(i)
      .reduce(
        (deleted, v) => (v.patch.kind === 'delete' ? true : deleted),
        i < options.tickets && isBaseDeleted(options.seed, i),
      );

  const dataset: Omit<Dataset, 'truth'> = {
    options,
    ctx,
    scenarios: Object.fromEntries(SCENARIOS.map((s, i) => [s, ctx.accounts[i]!.id])) as Record<
      ScenarioName,
      string
    >,
    tickets,
    calls,
    issues,
    mutations: () => summaries,
    account,
    accounts: () => ctx.accounts.map((a) => account(a.index)),
    *salesforceAccounts() {
      for (const a of ctx.accounts) {
        const current = account(a.index);
        yield salesforceAccount(current, ownerIdOf(options.seed, current.ownerIndex));
      }
    },
    salesforceUsers: () => salesforceUsers(options.seed, ctx.ownerCount, options.now),
    organizations: () => [...orgs.values()].sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id),
    organization: (id) => orgs.get(id),
    user: (id) => userById(ctx, id, (i) => account(i)),
    ticketWho: whoOfTicket,
    ticketDeleted,
    mutate(opts) {
      const summary = planMutation(
        {
          ctx,
          tickets,
          calls,
          issues,
          orgs,
          accountOverrides,
          account,
          lastMutationAt: summaries.at(-1)?.at ?? 0,
        },
        opts,
      );
      summaries.push(summary);
      return summary;
    },
  };
  return { ...dataset, truth: createGroundTruth(dataset) };
}
