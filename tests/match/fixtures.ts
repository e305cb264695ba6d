import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { AccountsMapping } from '../../src/config/mappings/accounts.ts';
import type {
  AccountFact,
  CallFact,
  IssueFact,
  OrganizationFact,
  TicketFact,
} from '../../src/facts/schemas.ts';

/** The shipped accounts.yaml: its rules are the ones ops start from. */
export function accountsMapping(): AccountsMapping {
  const url = new URL('../../mappings/accounts.yaml', import.meta.url);
  return AccountsMapping.parse(parse(readFileSync(url, 'utf8')));
}

/** A Salesforce-shaped 18-character Account Id. */
export const sfId = (n: number): string => `001${String(n).padStart(12, '0')}AAA`;

export const account = (id: string, over: Partial<AccountFact> = {}): AccountFact => ({
  kind: 'account',
  id,
  name: `Account ${id}`,
  ownerId: null,
  tier: null,
  domain: null,
  phoneKey: null,
  fields: {},
  systemModstamp: 0,
  ...over,
});

export const org = (id: string, over: Partial<OrganizationFact> = {}): OrganizationFact => ({
  kind: 'organization',
  id,
  name: null,
  externalId: null,
  domains: [],
  updatedAt: 0,
  ...over,
});

export const ticket = (id: string, over: Partial<TicketFact> = {}): TicketFact => ({
  kind: 'ticket',
  id,
  organizationId: null,
  requesterKey: null,
  requesterDomain: null,
  createdAt: 0,
  updatedAt: 0,
  solvedAt: null,
  status: 'open',
  priority: null,
  channel: null,
  category: null,
  escalated: false,
  firstReplyMinutes: null,
  fullResolutionMinutes: null,
  replies: null,
  reopens: null,
  slaBreached: null,
  satisfaction: null,
  riskFlag: false,
  amount: null,
  ...over,
});

export const call = (id: string, over: Partial<CallFact> = {}): CallFact => ({
  kind: 'call',
  id,
  startedAt: 0,
  endedAt: null,
  direction: 'inbound',
  queueId: null,
  handleSec: null,
  talkSec: null,
  holdSec: null,
  acwSec: null,
  abandoned: false,
  transferred: false,
  callerKey: null,
  externalOrgId: null,
  ...over,
});

export const issue = (id: string, over: Partial<IssueFact> = {}): IssueFact => ({
  kind: 'issue',
  id,
  key: `PAY-${id}`,
  type: 'Bug',
  priority: null,
  statusCategory: 'new',
  createdAt: 0,
  updatedAt: 0,
  resolvedAt: null,
  accountRefs: [],
  ticketRefs: [],
  ...over,
});
