import { createHash } from 'node:crypto';
import type { AccountFact, OrganizationFact } from '../facts/schemas.ts';
import { normalizeDomain, salesforceId18 } from '../facts/normalize.ts';

/**
 * Everything matching needs to know about accounts and Zendesk organizations, held in memory:
 * a few maps keyed the way facts refer to accounts. Built once per relink (or per run) and read by
 * the pure `matchFact`.
 */
export interface AccountIndex {
  /** Existing accounts by their exact Id. Deleted accounts are not in the store, so not here. */
  readonly accounts: ReadonlyMap<string, AccountFact>;
  /**
   * Lower-cased Id (and its other Salesforce form, 15 or 18 characters) → Ids. An 18-character
   * Id is unique in lower case (its suffix encodes the case of the first 15); a 15-character one may
   * not be, so a lower-case hit counts only when it names one account.
   */
  readonly byLowerId: ReadonlyMap<string, readonly string[]>;
  readonly byDomain: ReadonlyMap<string, readonly string[]>;
  readonly byPhoneKey: ReadonlyMap<string, readonly string[]>;
  readonly organizations: ReadonlyMap<string, OrganizationFact>;
  /** An organization's normalized domains (cached: every ticket of the organization asks). */
  organizationDomains(org: OrganizationFact): readonly (string | null)[];
  /**
   * Digest of everything in the index that can change a match (account ids, domains, phone keys;
   * organization external ids and domains). Equal digests give equal matches for the same facts.
   */
  readonly digest: string;
  /** The same of the accounts alone: equal, only organizations can have changed a match. */
  readonly accountsDigest: string;
  /** Each organization's keys (external id and domains), digested: which organizations changed. */
  readonly organizationKeys: ReadonlyMap<string, string>;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

export function buildAccountIndex(input: {
  accounts: Iterable<AccountFact>;
  organizations: Iterable<OrganizationFact>;
}): AccountIndex {
  const accounts = new Map<string, AccountFact>();
  const byLowerId = new Map<string, string[]>();
  const byDomain = new Map<string, string[]>();
  const byPhoneKey = new Map<string, string[]>();
  const hash = createHash('sha256');
  const accountsHash = createHash('sha256');

  const sorted = [...input.accounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const account of sorted) {
    accounts.set(account.id, account);
    push(byLowerId, account.id.toLowerCase(), account.id);
    const other = account.id.length === 18 ? account.id.slice(0, 15) : salesforceId18(account.id);
    if (other) push(byLowerId, other.toLowerCase(), account.id);
    const domain = normalizeDomain(account.domain);
    if (domain) push(byDomain, domain, account.id);
    if (account.phoneKey) push(byPhoneKey, account.phoneKey, account.id);
    const keys = `a\u0000${account.id}\u0000${domain ?? ''}\u0000${account.phoneKey ?? ''}\n`;
    hash.update(keys);
    accountsHash.update(keys);
  }

  const organizations = new Map<string, OrganizationFact>();
  const organizationKeys = new Map<string, string>();
  const orgs = [...input.organizations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const org of orgs) {
    organizations.set(org.id, org);
    const keys = `${org.externalId ?? ''}\u0000${org.domains.join(',')}`;
    hash.update(`o\u0000${org.id}\u0000${keys}\n`);
    organizationKeys.set(org.id, createHash('sha1').update(keys).digest('base64url').slice(0, 12));
  }

  const orgDomains = new Map<string, (string | null)[]>();
  const organizationDomains = (org: OrganizationFact): (string | null)[] => {
    if (organizations.get(org.id) !== org) return org.domains.map(normalizeDomain);
    let domains = orgDomains.get(org.id);
    if (!domains) orgDomains.set(org.id, (domains = org.domains.map(normalizeDomain)));
    return domains;
  };

  return {
    accounts,
    organizationDomains,
    byLowerId,
    byDomain,
    byPhoneKey,
    organizations,
    digest: hash.digest('hex').slice(0, 16),
    accountsDigest: accountsHash.digest('hex').slice(0, 16),
    organizationKeys,
  };
}

/**
 * The existing account an explicit reference names, or undefined. Case-insensitive, as Zendesk
 * treats external_id; a 15-character Salesforce Id is first expanded with its exact case.
 */
export function resolveAccountId(index: AccountIndex, ref: string): string | undefined {
  const id = ref.trim();
  if (!id) return undefined;
  if (index.accounts.has(id)) return id;
  const expanded = id.length === 15 ? salesforceId18(id) : null;
  if (expanded && index.accounts.has(expanded)) return expanded;
  const candidates = index.byLowerId.get(id.toLowerCase());
  return candidates?.length === 1 ? candidates[0] : undefined;
}
