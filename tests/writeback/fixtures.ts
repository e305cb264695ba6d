import type { AccountFact } from '../../src/facts/schemas.ts';
import type { AccountScore } from '../../src/score/types.ts';

export const COMPUTED_AT = Date.UTC(2026, 10, 23, 6, 0, 0, 250);

export function score(accountId: string, o: Partial<AccountScore> = {}): AccountScore {
  return {
    accountId,
    computedAt: COMPUTED_AT,
    score: 71.5,
    status: 'yellow',
    segment: null,
    scorecardVersion: '2026.11',
    coverage: 0.9,
    trend7d: -2,
    trend30d: -4.5,
    drivers: ['CSAT 71% over 38 ratings (target 90%)', 'Median resolution 1.4× the SLA target'],
    strengths: [],
    measures: [
      {
        id: 'csat',
        label: 'CSAT',
        metric: 'csat',
        value: 0.7123,
        sample: 38,
        hasData: true,
        subScore: 60,
        weight: 0.3,
        contribution: 18,
        target: 0.9,
      },
    ],
    ...o,
  };
}

export function account(id: string, o: Partial<AccountFact> = {}): AccountFact {
  return {
    kind: 'account',
    id,
    name: `Account ${id.slice(-6)}`,
    ownerId: '005000000000001AAA',
    tier: 'Enterprise',
    domain: null,
    phoneKey: null,
    fields: {},
    systemModstamp: 0,
    ...o,
  };
}
