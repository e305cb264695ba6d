import type { AccountModel } from './accounts.ts';
import { MAX_REQUESTERS, ORG_ID_BASE } from './accounts.ts';
import { DAY_MS } from './options.ts';
import { hash32, labelCode, rngFor } from './prng.ts';
import { salesforceId } from './sf-ids.ts';
import { FAMILY_NAMES, GIVEN_NAMES, NAME_FIRST, NAME_SECOND } from './words.ts';

/**
 * Zendesk users (requesters and agents) and organizations. A requester is identified by
 * (account, n); anonymous free-mail requesters and requesters of stale organizations (whose
 * external_id names an Account that no longer exists) match nothing.
 */
export interface UserModel {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  organizationId: number | null;
  role: 'end-user' | 'agent';
  createdAt: number;
}

export interface OrgModel {
  id: number;
  name: string;
  externalId: string | null;
  domains: string[];
  createdAt: number;
  updatedAt: number;
  /** The account it belongs to, or null for a stale organization. */
  accountIndex: number | null;
  tags: string[];
}

export const AGENT_COUNT = 40;
const AGENT_ID_BASE = 361_000_000_000;
const REQUESTER_ID_BASE = 362_000_000_000;
const ANONYMOUS_ID_BASE = 363_000_000_000;
const STALE_USER_ID_BASE = 364_000_000_000;
const STALE_ORG_ID_BASE = ORG_ID_BASE + 500_000;
export const ANONYMOUS_POOL = 5_000;
export const SUPPORT_DOMAIN = 'support.paysandbox.example';
const FREE_MAIL = ['gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'] as const;
const USER_STREAM = labelCode('user');
const ORG_STREAM = labelCode('org');

const personName = (h: number): { given: string; family: string } => ({
  given: GIVEN_NAMES[h % GIVEN_NAMES.length]!,
  family: FAMILY_NAMES[Math.floor(h / GIVEN_NAMES.length) % FAMILY_NAMES.length]!,
});

/** Requester ids an account has room for: MAX_REQUESTERS and some. */
export const REQUESTER_SLOTS = Math.max(512, MAX_REQUESTERS);
export const requesterId = (account: number, n: number): number =>
  REQUESTER_ID_BASE + account * REQUESTER_SLOTS + n;
export const agentId = (n: number): number => AGENT_ID_BASE + n;
export const anonymousId = (n: number): number => ANONYMOUS_ID_BASE + n;
export const staleRequesterId = (org: number, n: number): number => STALE_USER_ID_BASE + org * 8 + n;
export const staleOrgId = (k: number): number => STALE_ORG_ID_BASE + k;

/** Does this requester write from a personal free-mail address? */
export function usesFreeMail(seed: number, a: AccountModel, n: number): boolean {
  if (a.scenario || a.zendeskLink === 'domain_org') return false;
  return hash32(seed, 21, a.index, n) % 100 < 5;
}

export function requesterUser(seed: number, a: AccountModel, n: number): UserModel {
  const rng = rngFor(seed, USER_STREAM, requesterId(a.index, n));
  const { given, family } = personName(hash32(seed, a.index, n));
  const free = usesFreeMail(seed, a, n);
  const local = `${given}.${family}`.toLowerCase();
  return {
    id: requesterId(a.index, n),
    name: `${given} ${family}`,
    email: free ? `${local}${rng.int(1, 99)}@${rng.pick(FREE_MAIL)}` : `${local}@${a.domain}`,
    phone: rng.chance(0.3) ? a.phoneE164 : null,
    organizationId: a.orgId,
    role: 'end-user',
    createdAt: a.createdAt + rng.int(0, 300) * DAY_MS,
  };
}

export function anonymousUser(seed: number, n: number, now: number): UserModel {
  const rng = rngFor(seed, USER_STREAM, anonymousId(n));
  const { given, family } = personName(hash32(seed, 31, n));
  return {
    id: anonymousId(n),
    name: `${given} ${family}`,
    email: `${given}.${family}${n}@${rng.pick(FREE_MAIL)}`.toLowerCase(),
    phone: null,
    organizationId: null,
    role: 'end-user',
    createdAt: now - rng.int(5, 900) * DAY_MS,
  };
}

export function agentUser(seed: number, n: number, now: number): UserModel {
  const { given, family } = personName(hash32(seed, 41, n));
  return {
    id: agentId(n),
    name: `${given} ${family}`,
    email: `${given}.${family}.${n}@${SUPPORT_DOMAIN}`.toLowerCase(),
    phone: null,
    organizationId: null,
    role: 'agent',
    createdAt: now - (800 + n) * DAY_MS,
  };
}

/** Stale organizations: a former customer whose Account was deleted. Their domain matches no Account. */
export function staleOrg(seed: number, k: number, accounts: number, now: number): OrgModel {
  const rng = rngFor(seed, ORG_STREAM, staleOrgId(k));
  const first = NAME_FIRST[(k * 37 + seed) % NAME_FIRST.length]!;
  const second = NAME_SECOND[(k * 11 + 3) % NAME_SECOND.length]!;
  const createdAt = now - rng.int(500, 1500) * DAY_MS - rng.int(0, DAY_MS - 1);
  return {
    id: staleOrgId(k),
    name: `${first} ${second} Trading (former)`,
    // An Account Id of the org's serial space that no generated account uses.
    externalId: salesforceId('001', seed, accounts + 60_000 + k),
    domains: [`${first}${second}trading${k}.net`.toLowerCase()],
    createdAt,
    updatedAt: createdAt + rng.int(1, 300) * DAY_MS + rng.int(0, DAY_MS - 1),
    accountIndex: null,
    tags: ['churned'],
  };
}

export function staleRequester(seed: number, org: OrgModel, k: number, n: number): UserModel {
  const { given, family } = personName(hash32(seed, 51, k, n));
  return {
    id: staleRequesterId(k, n),
    name: `${given} ${family}`,
    email: `${given}.${family}@${org.domains[0]!}`.toLowerCase(),
    phone: null,
    organizationId: org.id,
    role: 'end-user',
    createdAt: org.createdAt,
  };
}

export function accountOrg(
  seed: number,
  a: AccountModel,
  externalId: string | null,
  now: number,
): OrgModel | null {
  if (a.orgId === null) return null;
  const rng = rngFor(seed, ORG_STREAM, a.orgId);
  const createdAt = a.createdAt + rng.int(1, 60) * DAY_MS;
  const recentlyTouched = rng.chance(0.35);
  return {
    id: a.orgId,
    name: a.name,
    externalId,
    // Organizations keyed by external_id often list their domain too; domain-only ones always do.
    domains: a.zendeskLink === 'domain_org' || rng.chance(0.8) ? [a.domain] : [],
    createdAt,
    updatedAt: recentlyTouched
      ? now - rng.int(1, 110) * DAY_MS - rng.int(0, DAY_MS - 1)
      : Math.max(createdAt, now - rng.int(130, 700) * DAY_MS - rng.int(0, DAY_MS - 1)),
    accountIndex: a.index,
    tags: [a.tier.toLowerCase()],
  };
}
