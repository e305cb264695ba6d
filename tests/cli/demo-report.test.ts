import { describe, expect, test } from 'vitest';
import { atRiskTable, topDriver } from '../../src/cli/demo-report.ts';
import type { AccountFact } from '../../src/facts/schemas.ts';
import type { AccountScore } from '../../src/score/types.ts';

const scoreOf = (accountId: string, o: Partial<AccountScore>): AccountScore => ({
  accountId,
  computedAt: Date.UTC(2026, 10, 20),
  score: 80,
  status: 'green',
  segment: null,
  scorecardVersion: 'v1',
  coverage: 1,
  trend7d: null,
  trend30d: null,
  drivers: [],
  strengths: [],
  measures: [],
  ...o,
});

const account = (id: string, name: string): AccountFact => ({
  kind: 'account',
  id,
  name,
  ownerId: null,
  tier: 'Growth',
  domain: null,
  phoneKey: null,
  fields: {},
  systemModstamp: 0,
});

const CSAT_LOW = 'CSAT 71% over 38 ratings (target 90%)';
const SLA_LOW = 'SLA adherence 80% over 120 tickets (target 95%)';
const CSAT_HIGH = 'CSAT 96% over 40 ratings (target 90%)';

describe('the demo at-risk table', () => {
  const scores = [
    scoreOf('G', { score: 92, drivers: [], strengths: [CSAT_HIGH, 'SLA adherence 99%'] }),
    scoreOf('R', { score: 30, status: 'red', drivers: [CSAT_LOW, SLA_LOW], strengths: [CSAT_HIGH] }),
    scoreOf('N', {
      score: null,
      status: 'insufficient_data',
      drivers: ['Not enough data: 20% of the scorecard weight has data (needs 50%)'],
    }),
  ];
  const accounts = new Map([
    ['G', account('G', 'Green Co')],
    ['R', account('R', 'Red Inc')],
    ['N', account('N', 'New Ltd')],
  ]);

  test('each row: the top driver pulling down, or the best strength when nothing is below target', () => {
    const lines = atRiskTable(scores, accounts, 10).split('\n');
    expect(lines[0]).toMatch(/score\s+status\s+30d\s+top driver \(or strength\)$/);
    expect(lines[1]).toMatch(/^ {2}Red Inc .* red .*\s{2}CSAT 71% over 38 ratings \(target 90%\)$/);
    expect(lines[1]).not.toContain('SLA adherence');
    expect(lines[2]).toMatch(
      /^ {2}Green Co .* green .*\s{2}Nothing below target; best: CSAT 96% over 40 ratings/,
    );
    expect(lines[3]).toMatch(/^ {2}New Ltd .* insufficient_data .*Not enough data: 20%/);
  });

  test('topDriver: nothing below target and no strength either', () => {
    expect(topDriver({ status: 'green', drivers: [], strengths: [] })).toBe('Nothing below target');
    expect(topDriver({ status: 'yellow', drivers: [SLA_LOW], strengths: [CSAT_HIGH] })).toBe(SLA_LOW);
  });
});
