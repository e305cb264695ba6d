import type { GenContext } from './context.ts';
import { DAY_MS } from './options.ts';
import { labelCode, rngFor, type Rng } from './prng.ts';
import { SCENARIOS, spotlessSupport } from './scenarios.ts';
import type { Who } from './ticket-who.ts';

/**
 * Jira issues: mostly bugs in the PAY and API projects, some stories and tasks, and a WEB project
 * the shipped JQL leaves out. customfield_10050 holds the affected customers' Account Ids (a text
 * field, comma-separated); customfield_10051 holds linked Zendesk ticket ids as the Zendesk Support
 * for Jira app writes them ("123, 456").
 */
export type IssuePriority = 'Highest' | 'High' | 'Medium' | 'Low' | 'Lowest';
export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface IssueStatus {
  id: string;
  name: string;
  category: StatusCategory;
}

export interface IssueModel {
  index: number;
  id: string;
  key: string;
  project: 'PAY' | 'API' | 'WEB';
  type: 'Bug' | 'Story' | 'Task';
  summary: string;
  priority: IssuePriority;
  status: IssueStatus;
  created: number;
  updated: number;
  resolved: number | null;
  accountField: string | null;
  ticketField: string | null;
  /** Parsed intention, for ground truth. */
  accountRefs: string[];
  ticketRefs: number[];
}

export const STATUSES: Record<string, IssueStatus> = {
  open: { id: '10000', name: 'To Do', category: 'new' },
  progress: { id: '3', name: 'In Progress', category: 'indeterminate' },
  review: { id: '10001', name: 'In Review', category: 'indeterminate' },
  done: { id: '10002', name: 'Done', category: 'done' },
  wontdo: { id: '10003', name: "Won't Do", category: 'done' },
};
export const PROJECTS = {
  PAY: { id: '10001', name: 'Payments Platform' },
  API: { id: '10002', name: 'Public API' },
  WEB: { id: '10003', name: 'Website' },
} as const;

const SUMMARIES = [
  'Payout batch fails for EUR accounts with IBAN prefix',
  'Webhook retries stop after first 5xx',
  'Dispute evidence upload times out over 10 MB',
  'KYC document OCR rejects valid passports',
  'Settlement report CSV has wrong currency column',
  'Idempotency keys collide across API versions',
  'Refund API returns 500 for partial refunds',
  'Payout status stuck in pending after bank return',
  'Invoice PDF shows previous month fees',
  'Rate limit headers missing on 429 responses',
  'Chargeback notifications sent twice',
  '3DS challenge loop on mobile checkout',
] as const;

const STREAM = labelCode('issue');

function pickStatus(rng: Rng, ageDays: number, forceOpen: boolean): IssueStatus {
  if (forceOpen) return rng.chance(0.5) ? STATUSES.open! : STATUSES.progress!;
  const doneWeight = Math.min(80, 30 + ageDays);
  const key = rng.weighted({ open: 25, progress: 15, review: 8, done: doneWeight, wontdo: 5 });
  return STATUSES[key]!;
}

export interface IssueLinks {
  /** A ticket index near a time, or null when there are no tickets. */
  ticketNear(t: number, rng: Rng): number | null;
  whoOfTicket(j: number): Who;
}

export function generateIssue(ctx: GenContext, i: number, updated: number, links: IssueLinks): IssueModel {
  const rng = rngFor(ctx.seed, STREAM, i);
  const project = rng.weighted({ PAY: 45, API: 40, WEB: 15 } as const);
  const type = rng.weighted({ Bug: 75, Story: 15, Task: 10 } as const);
  const ageDays = Math.min(400, rng.logNormal(18, 1));
  const created = Math.floor(updated - ageDays * DAY_MS);

  let accountRefs: string[] = [];
  let ticketRefs: number[] = [];
  const link = rng.weighted({ ticket: 45, account: 35, none: 20 } as const);
  if (link === 'ticket') {
    const j = links.ticketNear(created - rng.int(0, 5 * DAY_MS), rng);
    if (j !== null) {
      ticketRefs = [j + 1];
      const who = links.whoOfTicket(j);
      if (who.kind === 'account' && rng.chance(0.6)) accountRefs = [ctx.accounts[who.account]!.id];
    }
  } else if (link === 'account') {
    accountRefs = [ctx.accounts[ctx.pickAccount(rng, updated)]!.id];
    if (rng.chance(0.1)) {
      const second = ctx.accounts[ctx.pickAccount(rng, updated)]!.id;
      if (second !== accountRefs[0]) accountRefs.push(second);
    }
  }
  const scenario =
    ctx.accounts.slice(0, SCENARIOS.length).find((a) => a.scenario && accountRefs.includes(a.id))?.scenario ??
    null;
  const recent = updated >= ctx.opts.now - 30 * DAY_MS;
  // The trouble account has open P1 bugs; the deteriorating one recent open ones; the spotless ones none.
  const forceOpen = (scenario === 'trouble' || scenario === 'deteriorating') && recent && type === 'Bug';
  let priority = rng.weighted<IssuePriority>({ Highest: 5, High: 20, Medium: 50, Low: 20, Lowest: 5 });
  if (forceOpen) priority = scenario === 'trouble' ? rng.pick(['Highest', 'High'] as const) : 'High';
  const spotless = spotlessSupport(scenario);
  if (spotless && (priority === 'Highest' || priority === 'High')) priority = 'Medium';
  const status = spotless ? STATUSES.done! : pickStatus(rng, ageDays, forceOpen);
  const resolved = status.category === 'done' ? Math.max(created, updated - rng.int(0, 2 * DAY_MS)) : null;
  return {
    index: i,
    id: String(10000 + i),
    key: `${project}-${i + 1}`,
    project,
    type,
    summary: rng.pick(SUMMARIES),
    priority,
    status,
    created,
    updated,
    resolved,
    accountField: accountRefs.length ? accountRefs.join(rng.chance(0.5) ? ', ' : ',') : null,
    ticketField: ticketRefs.length ? ticketRefs.join(', ') : null,
    accountRefs,
    ticketRefs,
  };
}
