import type { AccountModel } from './accounts.ts';
import { DAY_MS } from './options.ts';
import { hash32 } from './prng.ts';
import { salesforceId } from './sf-ids.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from './words.ts';

/**
 * Accounts and Users as plain Salesforce field maps (API names, datetimes in Salesforce's
 * `2025-01-01T10:00:00.000+0000` form), which the Salesforce simulator seeds itself with.
 */
export type SalesforceFieldValue = string | number | boolean | null;
export type SalesforceRecord = Record<string, SalesforceFieldValue>;

export const sfDatetime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');
export const CRM_DOMAIN = 'paysandbox.example';

export function salesforceAccount(a: AccountModel, ownerId: string): SalesforceRecord {
  return {
    Id: a.id,
    Name: a.name,
    OwnerId: ownerId,
    Tier__c: a.tier,
    Website: a.website,
    Phone: a.phone,
    AnnualRevenue: a.arr,
    Renewal_Date__c: a.renewalDate,
    Uptime_30d__c: a.uptime30d,
    Type: 'Customer',
    SystemModstamp: sfDatetime(a.systemModstamp),
    IsDeleted: false,
    CreatedDate: sfDatetime(a.createdAt),
  };
}

export const ownerIdOf = (seed: number, n: number): string => salesforceId('005', seed, n);

/** The customer success managers who own the accounts (and receive health Tasks). */
export function salesforceUsers(seed: number, count: number, now: number): SalesforceRecord[] {
  return Array.from({ length: count }, (_, n) => {
    const h = hash32(seed, 91, n);
    const given = GIVEN_NAMES[h % GIVEN_NAMES.length]!;
    const family = FAMILY_NAMES[Math.floor(h / GIVEN_NAMES.length) % FAMILY_NAMES.length]!;
    const email = `${given}.${family}.${n}@${CRM_DOMAIN}`.toLowerCase();
    const created = now - (900 + n * 3) * DAY_MS;
    return {
      Id: ownerIdOf(seed, n),
      Username: email,
      Name: `${given} ${family}`,
      Email: email,
      IsActive: true,
      CreatedDate: sfDatetime(created),
      SystemModstamp: sfDatetime(created + 30 * DAY_MS),
    };
  });
}
