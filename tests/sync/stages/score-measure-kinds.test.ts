import { beforeAll, describe, expect, it } from 'vitest';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import type { TicketFact } from '../../../src/facts/schemas.ts';
import { ScorecardMapping } from '../../../src/config/mappings/scorecard.ts';
import { DAY_MS, ageReference } from '../../../src/metrics/windows.ts';
import { scoreAccounts } from '../../../src/sync/stages/score-accounts.ts';
import { AccountScore, summarizeScore } from '../../../src/score/types.ts';
import type { SqliteStore } from '../../../src/store/open-sqlite.ts';
import { buildWritePlan } from '../../../src/writeback/plan.ts';
import { NOW, account, memoryStore, shippedMappings, ticket, write } from '../../metrics/fixtures.ts';

const H = ageReference(NOW);
const common = { direction: 'higher_is_better', min_sample: 1 } as const;

/** One measure of each kind; the uptime and chargeback measures are display-only (weight 0). */
const CARD = ScorecardMapping.parse({
  version: 'kinds-1',
  coverage_floor: 0.5,
  status: { green: 70, yellow: 45 },
  measures: [
    {
      ...common,
      id: 'csat',
      label: 'CSAT',
      metric: 'csat',
      window_days: 30,
      weight: 10,
      scoring: { type: 'linear', zero_at: 0.5, full_at: 1 },
      format: 'percent',
    },
    {
      ...common,
      id: 'csat_change',
      label: 'CSAT change',
      kind: 'change',
      metric: 'csat',
      change: 'delta',
      window_days: 30,
      weight: 10,
      scoring: { type: 'linear', zero_at: -0.5, full_at: 0.5 },
      format: 'percent',
    },
    {
      ...common,
      id: 'chargebacks',
      label: 'Chargeback tickets',
      kind: 'ratio',
      numerator: { metric: 'tickets', params: { category: 'chargeback' } },
      denominator: { metric: 'tickets' },
      window_days: 30,
      direction: 'lower_is_better',
      weight: 0,
      scoring: { type: 'linear', zero_at: 0.5, full_at: 0 },
      format: 'percent',
    },
    {
      ...common,
      id: 'uptime',
      label: 'Uptime',
      kind: 'salesforce_field',
      field: 'Uptime_30d__c',
      weight: 0,
      scoring: { type: 'linear', zero_at: 95, full_at: 100 },
      format: 'number',
    },
  ],
});

let store: SqliteStore;
let mappings: Mappings;
let scores: AccountScore[];

beforeAll(async () => {
  store = memoryStore();
  mappings = { ...shippedMappings(), scorecard: CARD };
  const rated = (
    id: string,
    daysAgo: number,
    satisfaction: 'good' | 'bad',
    category: string | null = null,
  ): [TicketFact, string] => [
    ticket(id, {
      status: 'solved',
      createdAt: H - (daysAgo + 1) * DAY_MS,
      solvedAt: H - daysAgo * DAY_MS,
      satisfaction,
      // The shipped zendesk.yaml's category field value for a chargeback.
      categoryFieldValues: category === 'chargeback' ? ['chargeback_dispute'] : [],
    }),
    'A',
  ];
  await write(store, [
    account('A', { fields: { Uptime_30d__c: 99.5 } }),
    account('B'),
    // Now (solved in the last 30 days): 3 good of 4; created in the window: 4 tickets, 1 chargeback.
    rated('n1', 2, 'good', 'chargeback'),
    rated('n2', 5, 'good'),
    rated('n3', 9, 'good'),
    rated('n4', 20, 'bad'),
    // Before (solved 30–60 days ago): 1 good of 4.
    rated('b1', 35, 'good'),
    rated('b2', 40, 'bad'),
    rated('b3', 45, 'bad'),
    rated('b4', 50, 'bad'),
  ]);
  scores = await scoreAccounts(store, mappings, NOW);
});

describe('scoring measures of every kind from the store', () => {
  it('computes each kind, shows the display-only ones, and scores only the weighed ones', () => {
    const a = scores.find((s) => s.accountId === 'A')!;
    expect(AccountScore.parse(a)).toEqual(a);
    const byId = Object.fromEntries(a.measures.map((m) => [m.id, m]));
    expect(byId['csat']).toMatchObject({ value: 0.75, sample: 4, subScore: 50, weight: 0.5 });
    expect(byId['csat_change']).toMatchObject({
      kind: 'change',
      metric: 'csat:delta',
      value: 0.5,
      sample: 4,
    });
    expect(byId['csat_change']!.explanation).toBe(
      'CSAT change +50% (75% in the last 30 days vs 25% in the 30 days before, over 4 ratings)',
    );
    expect(byId['chargebacks']).toMatchObject({
      kind: 'ratio',
      value: 0.25,
      sample: 4,
      hasData: true,
      weight: 0,
      contribution: 0,
      subScore: 50,
      explanation: 'Chargeback tickets 25% (1 of 4 tickets in 30 days)',
    });
    expect(byId['uptime']).toMatchObject({ kind: 'salesforce_field', value: 99.5, weight: 0, subScore: 90 });
    // (50 × 10 + 100 × 10) / 20: the display-only measures change nothing.
    expect(a.score).toBe(75);
    expect(a.coverage).toBe(1);
  });

  it('an account without facts or fields has no data for any kind', () => {
    const b = scores.find((s) => s.accountId === 'B')!;
    expect(b.status).toBe('insufficient_data');
    expect(b.measures.every((m) => !m.hasData)).toBe(true);
    expect(b.measures.find((m) => m.id === 'uptime')!.explanation).toBe(
      'Uptime: no value in Account Uptime_30d__c',
    );
    // Display-only measures are not reasons: only the weighed ones are listed as lacking data.
    expect(b.drivers.some((d) => d.startsWith('Uptime') || d.startsWith('Chargeback'))).toBe(false);
  });

  it('writes the values of display-only and new-kind measures by measure id', () => {
    const plan = buildWritePlan({
      scores: scores.map(summarizeScore),
      accounts: [account('A'), account('B')],
      mapping: {
        ...mappings.salesforce,
        fields: [
          { target: 'Health_Score__c', value: 'score' },
          { target: 'Chargeback_Share__c', value: 'metric:chargebacks' },
          { target: 'CSAT_Change__c', value: 'metric:csat_change' },
          { target: 'Uptime_Copy__c', value: 'metric:uptime' },
        ],
      },
      confirmed: new Map(),
      scorecard: CARD,
    });
    expect(plan.updates.find((u) => u.accountId === 'A')!.fields).toEqual({
      Health_Score__c: 75,
      Chargeback_Share__c: 0.25,
      CSAT_Change__c: 0.5,
      Uptime_Copy__c: 99.5,
    });
    expect(plan.updates.find((u) => u.accountId === 'B')!.fields).toEqual({
      Health_Score__c: null,
      Chargeback_Share__c: null,
      CSAT_Change__c: null,
      Uptime_Copy__c: null,
    });
  });
});
