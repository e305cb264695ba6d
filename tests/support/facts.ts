import type {
  AccountFact,
  CallFact,
  IssueFact,
  OrganizationFact,
  TicketFact,
} from '../../src/facts/schemas.ts';

/**
 * Builders of valid facts with neutral defaults (nulls, zeros, epoch 0): a test states only the
 * fields its case is about. Suites with other defaults (e.g. "created a day ago") wrap these.
 */
export const ticketFact = (id: string, over: Partial<TicketFact> = {}): TicketFact => ({
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
  groupId: null,
  tags: [],
  categoryFieldValues: [],
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

export const callFact = (id: string, over: Partial<CallFact> = {}): CallFact => ({
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

export const issueFact = (id: string, over: Partial<IssueFact> = {}): IssueFact => ({
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

export const accountFact = (id: string, over: Partial<AccountFact> = {}): AccountFact => ({
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

export const organizationFact = (id: string, over: Partial<OrganizationFact> = {}): OrganizationFact => ({
  kind: 'organization',
  id,
  name: null,
  externalId: null,
  domains: [],
  updatedAt: 0,
  ...over,
});
