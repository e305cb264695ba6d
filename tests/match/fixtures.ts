import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { AccountsMapping } from '../../src/config/mappings/accounts.ts';

/** The shipped accounts.yaml: its rules are the ones ops start from. */
export function accountsMapping(): AccountsMapping {
  const url = new URL('../../mappings/accounts.yaml', import.meta.url);
  return AccountsMapping.parse(parse(readFileSync(url, 'utf8')));
}

/** A Salesforce-shaped 18-character Account Id. */
export const sfId = (n: number): string => `001${String(n).padStart(12, '0')}AAA`;

export {
  accountFact as account,
  callFact as call,
  issueFact as issue,
  organizationFact as org,
  ticketFact as ticket,
} from '../support/facts.ts';
