import type { GenContext } from './context.ts';
import { hash32, labelCode, rngFor, uuidFrom, createRng } from './prng.ts';
import { scenarioQuality } from './scenarios.ts';
import { AREA_CODES } from './words.ts';

/**
 * Genesys Cloud voice conversations: inbound calls through IVR and a queue to an agent (some
 * abandoned in queue, some transferred), and a few outbound calls. The caller's number is the
 * account's Phone for most; Genesys external organizations link some calls by Account Id; unknown
 * numbers match nothing.
 */
export interface CallModel {
  index: number;
  conversationId: string;
  start: number;
  end: number;
  direction: 'inbound' | 'outbound';
  mediaType: 'voice' | 'callback';
  queue: QueueDef;
  /** The customer's number (E.164): the ANI of an inbound call, the DNIS of an outbound one. */
  customerNumber: string;
  /** Our contact-centre number. */
  ourNumber: string;
  externalOrganizationId: string | null;
  ivrMs: number;
  /** Time in queue (tAcd), or until abandoned. */
  queueMs: number;
  alertMs: number;
  talkMs: number;
  holdMs: number;
  acwMs: number;
  abandoned: boolean;
  transferred: boolean;
  agentIds: string[];
  wrapUpCode: string | null;
  divisionId: string;
  /** The account the generator meant, or null for an unknown caller. */
  account: number | null;
}

export interface QueueDef {
  id: string;
  name: string;
}

const STREAM = labelCode('call');
export const UNKNOWN_CALLER_SHARE = 0.06;

export function contactCentre(seed: number): {
  queues: QueueDef[];
  agents: string[];
  wrapUpCodes: string[];
  division: string;
  numbers: string[];
} {
  const rng = createRng(hash32(seed, labelCode('contact-centre')));
  const names = ['Payments Support', 'Disputes', 'Onboarding & KYC', 'Enterprise Desk'];
  return {
    queues: names.map((name) => ({ id: uuidFrom(rng), name })),
    agents: Array.from({ length: 30 }, () => uuidFrom(rng)),
    wrapUpCodes: Array.from({ length: 4 }, () => uuidFrom(rng)),
    division: uuidFrom(rng),
    numbers: ['+18005550100', '+18005550101', '+442079460100'],
  };
}

/** A number that belongs to no account (accounts never use exchange 555). */
export function unknownNumber(seed: number, i: number): string {
  const h = hash32(seed, 71, i);
  return `+1${AREA_CODES[h % AREA_CODES.length]!}555${String(h % 10_000).padStart(4, '0')}`;
}

export function generateCall(ctx: GenContext, i: number, start: number): CallModel {
  const rng = rngFor(ctx.seed, STREAM, i);
  const cc = contactCentreOf(ctx.seed);
  const known = !rng.chance(UNKNOWN_CALLER_SHARE);
  const account = known ? ctx.accounts[ctx.pickAccount(rng, start)]! : null;
  const q = account?.scenario
    ? scenarioQuality(account.scenario, start, ctx.opts.now)
    : (account?.quality ?? 0.8);
  const bad = Math.max(0, 1 - q);
  const direction = rng.chance(0.12) ? 'outbound' : 'inbound';
  // Callers use the company number mostly; sometimes a mobile nobody recorded.
  const customerNumber = account && rng.chance(0.85) ? account.phoneE164 : unknownNumber(ctx.seed, i);
  const externalOrganizationId =
    account?.genesysLink === 'account_id'
      ? account.id
      : account?.genesysLink === 'foreign_org'
        ? uuidFrom(createRng(hash32(ctx.seed, 81, account.index)))
        : null;
  const enterprise = account?.tier === 'Enterprise' || account?.tier === 'Strategic';
  const queue = enterprise && rng.chance(0.7) ? cc.queues[3]! : rng.pick(cc.queues.slice(0, 3));
  const abandoned = direction === 'inbound' && rng.chance(0.04 + 0.22 * bad);
  const transferred = !abandoned && rng.chance(0.06 + 0.1 * bad);
  const ivrMs = direction === 'inbound' ? rng.int(15_000, 90_000) : 0;
  const queueMs =
    direction === 'inbound' ? Math.min(1_800_000, Math.round(rng.logNormal(40_000 * (1 + 2 * bad), 0.8))) : 0;
  const alertMs = abandoned ? 0 : rng.int(2_000, 18_000);
  const talkMs = abandoned ? 0 : Math.min(10_800_000, Math.round(rng.logNormal(330_000 * (1 + bad), 0.6)));
  const holdMs = abandoned || !rng.chance(0.3) ? 0 : rng.int(10_000, 240_000);
  const acwMs = abandoned ? 0 : Math.min(1_800_000, Math.round(rng.logNormal(55_000, 0.7)));
  const agentIds = abandoned
    ? []
    : transferred
      ? [rng.pick(cc.agents), rng.pick(cc.agents)]
      : [rng.pick(cc.agents)];
  const end = start + ivrMs + queueMs + alertMs + talkMs + holdMs;
  return {
    index: i,
    conversationId: uuidFrom(rng),
    start,
    end,
    direction,
    mediaType: rng.chance(0.05) ? 'callback' : 'voice',
    queue,
    customerNumber,
    ourNumber: enterprise
      ? cc.numbers[1]!
      : account?.phoneE164.startsWith('+44')
        ? cc.numbers[2]!
        : cc.numbers[0]!,
    externalOrganizationId,
    ivrMs,
    queueMs,
    alertMs,
    talkMs,
    holdMs,
    acwMs,
    abandoned,
    transferred,
    agentIds,
    wrapUpCode: abandoned ? null : rng.pick(cc.wrapUpCodes),
    divisionId: cc.division,
    account: account?.index ?? null,
  };
}

const centres = new Map<number, ReturnType<typeof contactCentre>>();
export function contactCentreOf(seed: number): ReturnType<typeof contactCentre> {
  let c = centres.get(seed);
  if (!c) {
    c = contactCentre(seed);
    centres.set(seed, c);
  }
  return c;
}

/** The longest a generated call can last (for interval queries that look back from a window start). */
export const MAX_CALL_MS = 6 * 3_600_000;
