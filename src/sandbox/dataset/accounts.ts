import { hash32, labelCode, rngFor, type Rng } from './prng.ts';
import { DAY_MS } from './options.ts';
import { salesforceId, to15 } from './sf-ids.ts';
import { SCENARIO_NAMES, scenarioAt, scenarioUptime, type ScenarioName } from './scenarios.ts';
import { AREA_CODES, NAME_FIRST, NAME_SECOND, NAME_SUFFIX } from './words.ts';

export type Tier = 'Enterprise' | 'Strategic' | 'Growth' | 'Starter';

/**
 * How the account's Zendesk and Genesys records point at it, as in real companies:
 * - external_id: the Zendesk organization's external_id is the 18-character Account Id;
 * - external_id_15: ...the 15-character Account Id, pasted from a Salesforce URL;
 * - domain_org: the organization has no external_id, only domain_names;
 * - no_org: no organization at all; tickets match by the requester's email domain.
 */
export type ZendeskLink = 'external_id' | 'external_id_15' | 'domain_org' | 'no_org';
/** account_id: Genesys external organization created with the Account Id; foreign_org: an unrelated one; none. */
export type GenesysLink = 'account_id' | 'foreign_org' | 'none';

export interface AccountModel {
  index: number;
  id: string;
  name: string;
  tier: Tier;
  ownerIndex: number;
  arr: number;
  /** YYYY-MM-DD */
  renewalDate: string;
  /** The normalized web domain (what matching should arrive at). */
  domain: string;
  /** The Website field as someone typed it. */
  website: string;
  /** The Phone field as someone typed it. */
  phone: string;
  /** The phone in E.164 (what callers' ANI carries). */
  phoneE164: string;
  createdAt: number;
  systemModstamp: number;
  zendeskLink: ZendeskLink;
  genesysLink: GenesysLink;
  /** Zendesk organization id, or null for no_org accounts. */
  orgId: number | null;
  /** Relative contact volume. */
  activity: number;
  /** Baseline service quality (1 = perfect). */
  quality: number;
  /** Number of distinct requesters (contacts) at the customer, at most MAX_REQUESTERS. */
  requesters: number;
  /**
   * How readily its people come back about the same problem (0: never, 1: as often as the
   * generator lets them; see ticket-who.ts). Most accounts have no such repeaters.
   */
  repeaters: number;
  /** Uptime of the customer's integration over the last 30 days, in percent (Uptime_30d__c). */
  uptime30d: number;
  scenario: ScenarioName | null;
}

/** Requester ids leave this many per account (people.ts). */
export const MAX_REQUESTERS = 500;
/**
 * People who contact support per unit of activity: enough that one person writes about once in ten
 * weeks, so the same person twice within a week is rare unless something stays unsolved.
 */
const REQUESTERS_PER_ACTIVITY = 60;
/** Accounts (in 100) with persistent repeaters. */
const REPEATER_ACCOUNTS = 10;

export const ORG_ID_BASE = 360_000_000_000;
const TIER_WEIGHT: Record<Tier, number> = { Enterprise: 3, Strategic: 2.2, Growth: 1, Starter: 0.5 };
const TIER_SHARE: Record<Tier, number> = { Enterprise: 8, Strategic: 12, Growth: 40, Starter: 40 };
const ARR_RANGE: Record<Tier, [number, number]> = {
  Enterprise: [500_000, 5_000_000],
  Strategic: [250_000, 1_500_000],
  Growth: [50_000, 300_000],
  Starter: [5_000, 60_000],
};
const NAME_SPACE = NAME_FIRST.length * NAME_SECOND.length * NAME_SUFFIX.length;
// Coprime with NAME_SPACE (50,000 = 2^4 * 5^5): a bijection from index to name combination.
const NAME_MULTIPLIER = 7_919;
const STREAM = labelCode('account');
const REPEATERS_STREAM = labelCode('account-repeaters');
const UPTIME_STREAM = labelCode('account-uptime');

function nameParts(seed: number, index: number): { name: string; slug: string } {
  const x = (index * NAME_MULTIPLIER + (seed % NAME_SPACE)) % NAME_SPACE;
  const first = NAME_FIRST[x % NAME_FIRST.length]!;
  const second = NAME_SECOND[Math.floor(x / NAME_FIRST.length) % NAME_SECOND.length]!;
  const suffix = NAME_SUFFIX[Math.floor(x / (NAME_FIRST.length * NAME_SECOND.length))]!;
  const slug = `${first}${second}${suffix === 'Payments' ? 'pay' : suffix}`.toLowerCase();
  return { name: `${first} ${second} ${suffix}`, slug };
}

function websiteAs(rng: Rng, domain: string): string {
  return rng.pick([
    `https://www.${domain}`,
    `https://www.${domain}`,
    domain,
    `http://${domain}/`,
    `https://${domain}/en-us`,
    `www.${domain}`,
    `HTTPS://WWW.${domain.toUpperCase()}/`,
  ]);
}

/** A unique phone per account: US numbers (exchange never 555) or UK London numbers. */
function phoneFor(rng: Rng, seed: number, index: number, uk: boolean): { phone: string; e164: string } {
  const x = (index * 7_919 + (hash32(seed, 7) % 1_000_000)) % 8_000_000;
  if (uk) {
    const local = String(70_000_000 + x).slice(-8);
    return { phone: `+44 20 ${local.slice(0, 4)} ${local.slice(4)}`, e164: `+4420${local}` };
  }
  const area = AREA_CODES[index % AREA_CODES.length]!;
  let exchange = 200 + (Math.floor(x / 10_000) % 800);
  if (exchange === 555) exchange = 556;
  const line = String(x % 10_000).padStart(4, '0');
  const e164 = `+1${area}${exchange}${line}`;
  const phone = rng.pick([
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `+1 ${area} ${exchange} ${line}`,
    `${area}.${exchange}.${line}`,
    `1-${area}-${exchange}-${line} ext. 2`,
  ]);
  return { phone, e164 };
}

const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function generateAccount(seed: number, index: number, now: number, owners: number): AccountModel {
  const rng = rngFor(seed, STREAM, index);
  const scenario = scenarioAt(index);
  const tier: Tier = scenario ? 'Enterprise' : rng.weighted(TIER_SHARE);
  const parts = nameParts(seed, index);
  const name = scenario ? SCENARIO_NAMES[scenario] : parts.name;
  const slug = scenario ? SCENARIO_NAMES[scenario].toLowerCase().replace(/[^a-z]/g, '') : parts.slug;
  const tld = rng.weighted({ '.com': 80, '.io': 8, '.co.uk': 7, '.de': 5 });
  const domain = `${slug}${tld}`;
  const { phone, e164 } = phoneFor(rng, seed, index, tld === '.co.uk');
  const [lo, hi] = ARR_RANGE[tier];
  const arr = Math.round(rng.real(lo, hi) / 100) * 100;
  const createdAt = now - rng.int(400, 6 * 365) * DAY_MS - rng.int(0, DAY_MS - 1);
  const zendeskLink: ZendeskLink = scenario
    ? 'external_id'
    : rng.weighted({ external_id: 67, external_id_15: 4, domain_org: 15, no_org: 14 });
  const genesysLink: GenesysLink = scenario
    ? 'account_id'
    : rng.weighted({ account_id: 25, foreign_org: 15, none: 60 });
  // Drawn in this order (the order of the fields below once was), so accounts keep their values.
  const renewalDate = isoDay(now + rng.int(5, 365) * DAY_MS);
  const website = websiteAs(rng, domain);
  // Most accounts were last touched before the window; some inside it.
  const systemModstamp = Math.max(createdAt, now - rng.int(1, 200) * DAY_MS - rng.int(0, DAY_MS - 1));
  // Scenario accounts have a steady, ample volume so that their scores always have data.
  const activity = TIER_WEIGHT[tier] * (scenario ? 1.2 : rng.logNormal(1, 0.45));
  const quality = scenario ? 1 : Math.min(0.99, Math.max(0.45, rng.real(0.62, 1.02)));
  // Scenario accounts' people are sized for their busiest time, so that volume alone makes no repeats.
  const volume = activity * (scenario ? contactPeak(scenario) : 1);
  const requesters = Math.max(3, Math.min(MAX_REQUESTERS, Math.round(volume * REQUESTERS_PER_ACTIVITY)));
  return {
    index,
    id: salesforceId('001', seed, index),
    name,
    tier,
    ownerIndex: hash32(seed, 11, index) % owners,
    arr,
    renewalDate,
    domain,
    website,
    phone,
    phoneE164: e164,
    createdAt,
    systemModstamp,
    zendeskLink,
    genesysLink,
    orgId: zendeskLink === 'no_org' ? null : ORG_ID_BASE + index,
    activity,
    quality,
    requesters,
    repeaters: scenario ? 0 : repeatersOf(seed, index),
    uptime30d: scenario ? scenarioUptime(scenario) : uptimeOf(seed, index, quality),
    scenario,
  };
}

/** Scenario volume at its peak relative to its activity (the trouble account's spike is 4x). */
const contactPeak = (s: ScenarioName): number => (s === 'noisy_happy' ? 3 : 1);

/** A few accounts have people who keep coming back about the same problem. */
function repeatersOf(seed: number, index: number): number {
  const h = hash32(seed, REPEATERS_STREAM, index);
  return h % 100 < REPEATER_ACCOUNTS ? 0.4 + (0.6 * ((h >>> 8) % 1000)) / 1000 : 0;
}

/**
 * Uptime over 30 days: most integrations run at 99.5–99.99%; a few are slipping (more often where
 * the service is poor), down to 97%.
 */
function uptimeOf(seed: number, index: number, quality: number): number {
  const h = hash32(seed, UPTIME_STREAM, index);
  const u = ((h >>> 8) % 10_000) / 10_000;
  const slipping = h % 100 < 6 || quality < 0.55;
  return Math.round((slipping ? 97 + 2.4 * u : 99.5 + 0.49 * u) * 100) / 100;
}

/** The value an account's Zendesk organization carries in external_id. */
export function externalIdOf(a: AccountModel): string | null {
  if (a.zendeskLink === 'external_id') return a.id;
  if (a.zendeskLink === 'external_id_15') return to15(a.id);
  return null;
}
