import type { AccountsMapping } from '../../src/config/mappings/accounts.ts';
import type { AccountFact } from '../../src/facts/schemas.ts';
// The same normalization matching applies, so that an Account's stored domain equals its match key.
import { normalizeDomain } from '../../src/facts/normalize.ts';
import type { SalesforceAccountRecord } from './schemas.ts';
import { parseSfDateTime, uniqueFields } from './soql.ts';

export type AccountFieldConfig = AccountsMapping['salesforce'];

/** Turns a raw phone number into its keyed hash (E.164 first), or null when it is not a number. */
export type PhoneHasher = (raw: string) => string | null;

/** The Account fields our SOQL selects, in a stable order. */
export function accountSelectFields(cfg: AccountFieldConfig): string[] {
  const f = cfg.fields;
  return uniqueFields([
    'Id',
    'SystemModstamp',
    f.name,
    f.owner,
    ...[f.tier, f.website, f.phone].filter((n): n is string => n !== null),
    ...Object.values(cfg.extra),
  ]);
}

/** Reads a field case-insensitively (SOQL returns the API name as Salesforce spells it). */
function read(rec: Record<string, unknown>, field: string): unknown {
  if (field in rec) return rec[field];
  const lower = field.toLowerCase();
  const key = Object.keys(rec).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : rec[key];
}

const asText = (v: unknown): string | null =>
  typeof v === 'string'
    ? v.trim() === ''
      ? null
      : v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : null;

const asScalar = (v: unknown): string | number | boolean | null =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;

/** Raw Account → AccountFact: no phone number is kept, only its HMAC. */
export function toAccountFact(
  rec: SalesforceAccountRecord,
  cfg: AccountFieldConfig,
  hashPhone: PhoneHasher | undefined,
): AccountFact {
  const r = rec as Record<string, unknown>;
  const f = cfg.fields;
  const phone = f.phone ? asText(read(r, f.phone)) : null;
  const fields: AccountFact['fields'] = {};
  for (const [name, api] of Object.entries(cfg.extra)) fields[name] = asScalar(read(r, api));
  return {
    kind: 'account',
    id: rec.Id,
    name: asText(read(r, f.name)) ?? '',
    ownerId: asText(read(r, f.owner)),
    tier: f.tier ? asText(read(r, f.tier)) : null,
    domain: f.website ? normalizeDomain(asText(read(r, f.website))) : null,
    phoneKey: phone && hashPhone ? hashPhone(phone) : null,
    fields,
    systemModstamp: parseSfDateTime(rec.SystemModstamp),
  };
}
