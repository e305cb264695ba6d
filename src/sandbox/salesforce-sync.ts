import type { Dataset } from './dataset/dataset.ts';
import { salesforceAccount } from './dataset/salesforce-records.ts';
import { ownerIdOf } from './dataset/salesforce-records.ts';
import type { SalesforceState } from './salesforce/index.ts';

/**
 * Carries a mutation's account changes into the Salesforce simulator's records, which it seeded
 * once at start: the changed fields and the new SystemModstamp that an incremental read looks for.
 */
export function syncSalesforceAccounts(
  state: SalesforceState,
  dataset: Dataset,
  ids: readonly string[],
): void {
  const byId = new Map(dataset.ctx.accounts.map((a) => [a.id, a.index]));
  for (const id of ids) {
    const index = byId.get(id);
    const record = state.accounts.get(id);
    if (index === undefined || !record) continue;
    const a = dataset.account(index);
    const fresh = salesforceAccount(a, ownerIdOf(dataset.options.seed, a.ownerIndex));
    for (const field of ['Tier__c', 'AnnualRevenue', 'SystemModstamp'] as const)
      record[field] = fresh[field] ?? null;
    if ('LastModifiedDate' in record) record['LastModifiedDate'] = fresh['SystemModstamp'] ?? null;
  }
}
