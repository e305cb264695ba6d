import type { GenContext } from './context.ts';
import { DAY_MS } from './options.ts';
import { agentId, anonymousId, requesterId, staleRequesterId, AGENT_COUNT } from './people.ts';
import { labelCode, rngFor, type Rng } from './prng.ts';
import { scenarioQuality, spotlessSupport } from './scenarios.ts';
import { breachFor, firstReplyTarget, resolutionTarget, type Priority } from './sla.ts';
import { qualityStretch, ticketShape, type TicketStatus } from './ticket-shape.ts';
import { CATEGORY_OF, CATEGORY_TAG, ticketText, type CategoryValue } from './ticket-text.ts';
import { ticketWho, type Who } from './ticket-who.ts';

export type { TicketStatus } from './ticket-shape.ts';
export { isBaseDeleted } from './ticket-shape.ts';
export type Satisfaction = 'unoffered' | 'offered' | 'good' | 'bad';

/** Minutes a ticket spent in a phase, in calendar and business time (Zendesk's metric shape). */
export interface Minutes {
  calendar: number | null;
  business: number | null;
}

export interface TicketModel {
  index: number;
  id: number;
  /** generated_timestamp, ms (whole seconds). */
  generatedAt: number;
  createdAt: number;
  updatedAt: number;
  solvedAt: number | null;
  status: TicketStatus;
  priority: Priority | null;
  type: 'incident' | 'question' | 'problem' | 'task' | null;
  channel: string;
  subject: string;
  description: string;
  requesterId: number;
  assigneeId: number | null;
  groupId: number;
  organizationId: number | null;
  tags: string[];
  /** Value of the category dropdown (field 360001234501), or null when left empty. */
  categoryField: CategoryValue | null;
  /** Value of the amount field (360001234502), a decimal string. */
  amount: string | null;
  satisfaction: Satisfaction;
  reply: Minutes;
  firstResolution: Minutes;
  fullResolution: Minutes;
  reopens: number;
  replies: number;
  // What the generator meant, for ground truth:
  who: Who;
  repeatOf: number | null;
  category: CategoryValue;
  riskLanguage: boolean;
  escalated: boolean;
  slaBreached: boolean | null;
}

export const CATEGORY_FIELD_ID = 360001234501;
export const AMOUNT_FIELD_ID = 360001234502;
export const GROUPS = {
  tier1: 360000100001,
  payments: 360000100002,
  disputes: 360000100003,
  compliance: 360000100004,
  tier2: 360000100005,
} as const;
const GROUP_OF: Record<CategoryValue, number> = {
  failed_payout: GROUPS.payments,
  chargeback_dispute: GROUPS.disputes,
  kyc_verification: GROUPS.compliance,
  api_integration: GROUPS.tier2,
  billing_question: GROUPS.tier1,
  complaint: GROUPS.tier2,
  how_to: GROUPS.tier1,
};
const ESCALATION_TAGS = ['escalated', 'tier2_escalation', 'exec_escalation'] as const;
const STREAM = labelCode('ticket');

function requesterOf(who: Who): number {
  if (who.kind === 'account') return requesterId(who.account, who.requester);
  if (who.kind === 'anonymous') return anonymousId(who.user);
  return staleRequesterId(who.org, who.requester);
}

const minutes = (business: number, rng: Rng): Minutes => ({
  business: Math.round(business),
  // Business hours are about a third of the clock; short waits fall inside one working day.
  calendar: Math.round(business <= 60 ? business * rng.real(1, 1.3) : business * rng.real(2.2, 3.6)),
});
const none: Minutes = { calendar: null, business: null };
/** Business minutes of a calendar duration: all of a short one, about a third of a long one. */
const calendarMinutes = (calendar: number, rng: Rng): Minutes => ({
  calendar: Math.round(calendar),
  business: Math.round(calendar <= 60 ? calendar / rng.real(1, 1.3) : calendar / rng.real(2.2, 3.6)),
});
const capped = (m: Minutes, maxCalendar: number): Minutes =>
  m.calendar !== null && m.calendar > maxCalendar
    ? { calendar: Math.round(maxCalendar), business: Math.min(m.business ?? 0, Math.round(maxCalendar)) }
    : m;

/**
 * Ticket i, as last changed at time t (its generated_timestamp). `n` is the base stream length;
 * indexes at or above it are tickets created by a mutation.
 */
export function generateTicket(
  ctx: GenContext,
  i: number,
  t: number,
  n: number,
  timeOf: (j: number) => number,
): TicketModel {
  const rng = rngFor(ctx.seed, STREAM, i);
  const { who, repeatOf } = ticketWho(ctx, i, t, n, timeOf);
  const account = who.kind === 'account' ? ctx.accounts[who.account]! : null;
  const scenario = account?.scenario ?? null;
  const q = scenario
    ? scenarioQuality(scenario, t, ctx.opts.now)
    : (account?.quality ?? 0.8) * rng.real(0.9, 1.05);
  const bad = Math.min(1, Math.max(0, 1 - q));
  const spotless = spotlessSupport(scenario);

  const category = rng.weighted<CategoryValue>({
    how_to: 24,
    billing_question: 14,
    api_integration: 17,
    failed_payout: 15 + 10 * bad,
    chargeback_dispute: 10,
    kyc_verification: 9,
    complaint: 2 + 15 * bad,
  });
  const priority: Priority | null = rng.chance(0.03)
    ? null
    : rng.weighted<Priority>({
        urgent: spotless ? 0 : 3 + 25 * bad,
        high: 16 + 15 * bad,
        normal: 56,
        low: 22,
      });
  const shape = ticketShape(ctx, i, t, n);
  const { status, solvedAt } = shape;
  const fresh = i >= n;
  const solved = solvedAt !== null;
  const p = priority ?? 'normal';
  const stretched = fresh ? shape.lagMs : Math.round(shape.lagMs * qualityStretch(bad));
  // Spotless support meets every resolution target (a business minute is never shorter than a
  // calendar minute, so within 90% of the target in calendar time is within it in business time).
  const durationMs =
    spotless && solved ? Math.min(stretched, 0.9 * resolutionTarget(p, category) * 60_000) : stretched;
  const createdAt = (solvedAt ?? t) - durationMs;
  const elapsed = durationMs / 60_000;
  const full: Minutes = solved ? calendarMinutes(elapsed, rng) : none;
  // First reply: around its target, breached more often the worse the service; never after the solution.
  const replyFactor = breachFor(rng, spotless ? 0 : 0.04 + 0.6 * bad).reply;
  const reply =
    status === 'new' ? none : capped(minutes(firstReplyTarget(p, category) * replyFactor, rng), elapsed);
  const reopens = rng.chance(spotless ? 0.01 : 0.04 + 0.35 * bad) ? rng.int(1, 3) : 0;
  const first: Minutes = solved && reopens > 0 ? calendarMinutes(elapsed * rng.real(0.25, 0.7), rng) : full;
  const slaBreached =
    status === 'new'
      ? null
      : (reply.business ?? 0) > firstReplyTarget(p, category) ||
        (solved && (full.business ?? 0) > resolutionTarget(p, category));

  const riskLanguage = !spotless && rng.chance(0.004 + 0.25 * bad * bad);
  const escalationTag = !spotless && rng.chance(0.02 + 0.35 * bad) ? rng.pick(ESCALATION_TAGS) : null;
  const fieldFilled = rng.chance(0.85);
  const tags: string[] = [];
  if (!fieldFilled && rng.chance(0.7) && CATEGORY_TAG[category]) tags.push(CATEGORY_TAG[category]);
  if (escalationTag) tags.push(escalationTag);
  if (account && (account.tier === 'Enterprise' || account.tier === 'Strategic')) tags.push('vip');
  if (repeatOf !== null) tags.push('follow_up');

  const offered = solved && rng.chance(0.55);
  const rated = offered && rng.chance(0.5);
  const satisfaction: Satisfaction = !offered
    ? 'unoffered'
    : !rated
      ? 'offered'
      : rng.chance(spotless ? 0.98 : 0.2 + 0.78 * q)
        ? 'good'
        : 'bad';
  const text = ticketText(rng, category, {
    risk: riskLanguage,
    repeat: repeatOf !== null,
    reference: 100000 + i,
  });
  // The account in trouble faces large disputes lately (the large-dispute signal's case).
  const largeDispute = scenario === 'trouble' && t >= ctx.opts.now - 30 * DAY_MS && rng.chance(0.5);
  const amount =
    category !== 'chargeback_dispute'
      ? null
      : (largeDispute ? rng.real(10_000, 40_000) : Math.min(9_500, rng.logNormal(650, 1.1))).toFixed(2);
  const ticketType = rng.weighted({ question: 40, incident: 40, problem: 8, task: 4, none: 8 });

  return {
    index: i,
    id: i + 1,
    generatedAt: t,
    createdAt: Math.floor(createdAt / 1000) * 1000,
    updatedAt: t,
    solvedAt: solvedAt === null ? null : Math.floor(solvedAt / 1000) * 1000,
    status,
    priority,
    type: ticketType === 'none' ? null : ticketType,
    channel: rng.weighted({ email: 45, web: 30, chat: 12, api: 5, voice: 5, mobile: 3 }),
    subject: text.subject,
    description: text.description,
    requesterId: requesterOf(who),
    assigneeId: status === 'new' ? null : agentId(rng.int(0, AGENT_COUNT - 1)),
    groupId: escalationTag ? GROUPS.tier2 : GROUP_OF[category],
    organizationId:
      who.kind === 'account' ? account!.orgId : who.kind === 'stale' ? ctx.staleOrgs[who.org]!.id : null,
    tags,
    categoryField: fieldFilled ? category : null,
    amount,
    satisfaction,
    reply,
    firstResolution: first,
    fullResolution: full,
    reopens,
    replies: status === 'new' ? 0 : 1 + reopens + rng.int(0, 4),
    who,
    repeatOf,
    category,
    riskLanguage,
    escalated: escalationTag !== null || priority === 'urgent',
    slaBreached,
  };
}

export const categoryName = (t: TicketModel): string => CATEGORY_OF[t.category];
