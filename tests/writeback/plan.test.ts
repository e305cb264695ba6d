import { describe, expect, it } from 'vitest';
import { indexFields } from '../../connectors/salesforce/index.ts';
import type { ScorecardMapping } from '../../src/config/mappings/scorecard.ts';
import { formatPlan } from '../../src/writeback/format-plan.ts';
import { buildWritePlan, estimatedRequests, type WritePlan } from '../../src/writeback/plan.ts';
import type { FieldInfo, WrittenValue } from '../../src/writeback/types.ts';
import { accountId } from '../connectors/salesforce/fake-org.ts';
import { shippedSalesforceMapping } from '../connectors/salesforce/helpers.ts';
import { account, score } from './fixtures.ts';

const info = (name: string, type: string, o: Partial<FieldInfo> = {}): FieldInfo => ({
  name,
  type,
  updateable: true,
  length: 0,
  scale: 0,
  picklistValues: [],
  restrictedPicklist: false,
  ...o,
});

const FIELDS = indexFields([
  info('Health_Score__c', 'double', { scale: 1 }),
  info('Health_Status__c', 'picklist'),
  info('Health_Trend_30d__c', 'double', { scale: 1 }),
  info('Health_Drivers__c', 'textarea', { length: 50 }),
  info('Health_Scorecard_Version__c', 'string', { length: 40 }),
  info('Health_Computed_At__c', 'datetime'),
  info('Health_CSAT__c', 'percent', { scale: 1 }),
]);

const mapping = shippedSalesforceMapping();
const scorecard = { measures: [{ id: 'csat', format: 'percent' }] } as unknown as Pick<
  ScorecardMapping,
  'measures'
>;

/** What Salesforce holds after a plan succeeds, as apply records it. */
function confirm(
  plan: WritePlan,
  into = new Map<string, Record<string, WrittenValue>>(),
): Map<string, Record<string, WrittenValue>> {
  for (const u of plan.updates) into.set(u.accountId, { ...(into.get(u.accountId) ?? {}), ...u.fields });
  return into;
}

describe('buildWritePlan', () => {
  const ids = [accountId(1), accountId(2)];
  const accounts = ids.map((id) => account(id));
  const plan = (
    scores = ids.map((id) => score(id)),
    confirmed = new Map<string, Record<string, WrittenValue>>(),
  ) => buildWritePlan({ scores, accounts, mapping, confirmed, fields: FIELDS, scorecard });

  it('writes every mapped field the first time, in canonical form', () => {
    const p = plan();
    expect(p.updates).toHaveLength(2);
    expect(p.updates[0]).toEqual({
      accountId: accountId(1),
      fields: {
        Health_Score__c: 71.5,
        Health_Status__c: 'yellow',
        Health_Trend_30d__c: -4.5,
        // Whole drivers only, as many as the field's 50 characters hold, then a mark that more were cut.
        Health_Drivers__c: 'CSAT 71% over 38 ratings (target 90%)\n…',
        Health_Scorecard_Version__c: '2026.11',
        Health_CSAT__c: 71.2,
        Health_Computed_At__c: '2026-11-23T06:00:00.000Z',
      },
      previous: {},
    });
    expect((p.updates[0]!.fields['Health_Drivers__c'] as string).length).toBeLessThanOrEqual(50);
    expect(p.method).toBe('collections');
  });

  it('writes nothing when nothing changed, even though computed_at moved', () => {
    const confirmed = confirm(plan());
    const later = ids.map((id) =>
      score(id, { computedAt: Date.UTC(2026, 10, 24), score: 71.54, trend30d: -4.46 }),
    );
    const p = plan(later, confirmed);
    expect(p.updates).toEqual([]);
    expect(p.unchanged).toBe(2);
  });

  it('writes only the changed fields, with computed_at and the previous values', () => {
    const confirmed = confirm(plan());
    const p = plan(
      [score(ids[0]!, { status: 'red', score: 38, computedAt: Date.UTC(2026, 10, 24, 1) }), score(ids[1]!)],
      confirmed,
    );
    expect(p.unchanged).toBe(1);
    expect(p.updates).toEqual([
      {
        accountId: ids[0],
        fields: {
          Health_Score__c: 38,
          Health_Status__c: 'red',
          Health_Computed_At__c: '2026-11-24T01:00:00.000Z',
        },
        previous: {
          Health_Score__c: 71.5,
          Health_Status__c: 'yellow',
          Health_Computed_At__c: '2026-11-23T06:00:00.000Z',
        },
      },
    ]);
    expect(p.fieldCounts).toEqual({ Health_Score__c: 1, Health_Status__c: 1, Health_Computed_At__c: 1 });
  });

  it('clears a field whose value went away, and skips scores of unknown Accounts', () => {
    const confirmed = confirm(plan());
    const p = plan([score(ids[0]!, { trend30d: null, measures: [] }), score(accountId(99))], confirmed);
    expect(p.updates[0]!.fields).toMatchObject({ Health_Trend_30d__c: null, Health_CSAT__c: null });
    expect(p.skipped).toEqual([
      { accountId: accountId(99), reason: expect.stringContaining('no such Account') },
    ]);
  });

  it('uses defaults without a describe and joins drivers for one-line fields', () => {
    const p = buildWritePlan({
      scores: [score(ids[0]!, { score: 71.456 })],
      accounts: new Set(ids),
      mapping,
      confirmed: new Map(),
      fields: indexFields([info('Health_Drivers__c', 'string', { length: 255 })]),
    });
    expect(p.updates[0]!.fields).toMatchObject({
      Health_Score__c: 71.46,
      Health_CSAT__c: 0.71,
      Health_Drivers__c: 'CSAT 71% over 38 ratings (target 90%); Median resolution 1.4× the SLA target',
    });
  });

  it('a green account with nothing below target says so and names its strengths, within the field', () => {
    const green = score(ids[0]!, {
      score: 92,
      status: 'green',
      drivers: [],
      strengths: ['SLA adherence 99% over 120 tickets (target 95%)', 'CSAT 94% over 40 ratings (target 90%)'],
    });
    const fields = (type: string, length: number) =>
      buildWritePlan({
        scores: [green],
        accounts,
        mapping,
        confirmed: new Map(),
        fields: indexFields([info('Health_Drivers__c', type, { length })]),
      }).updates[0]!.fields['Health_Drivers__c'];
    expect(fields('textarea', 1000)).toBe(
      'Nothing below target\nStrengths: SLA adherence 99% over 120 tickets (target 95%)\nCSAT 94% over 40 ratings (target 90%)',
    );
    expect(fields('string', 83)).toBe(
      'Nothing below target; Strengths: SLA adherence 99% over 120 tickets (target 95%); …',
    );
    expect(fields('string', 30)).toBe('Nothing below target; …');
    expect(fields('string', 12)).toBe('Nothing bel…');
    // Changing from drivers to "nothing below target" is a change to write.
    const confirmed = confirm(plan());
    expect(plan([green, score(ids[1]!)], confirmed).updates[0]!.fields['Health_Drivers__c']).toMatch(
      /^Nothing below target/,
    );
  });

  it('chooses Bulk API 2.0 above write.bulk_threshold', () => {
    const many = Array.from({ length: 2_001 }, (_, i) => accountId(i));
    const p = buildWritePlan({
      scores: many.map((id) => score(id)),
      accounts: new Set(many),
      mapping,
      confirmed: new Map(),
      fields: FIELDS,
    });
    expect(p.method).toBe('bulk');
    expect(estimatedRequests(p)).toBe(6);
    const small = buildWritePlan({
      scores: many.slice(0, 450).map((id) => score(id)),
      accounts: new Set(many),
      mapping,
      confirmed: new Map(),
    });
    expect(small.method).toBe('collections');
    expect(estimatedRequests(small)).toBe(3);
  });
});

describe('formatPlan', () => {
  const ids = [accountId(1), accountId(2), accountId(3)];
  const confirmed = new Map<string, Record<string, WrittenValue>>([
    [ids[0]!, { Health_Score__c: 80, Health_Status__c: 'green' }],
  ]);
  const p = buildWritePlan({
    scores: [...ids.map((id) => score(id)), score(accountId(9))],
    accounts: new Set(ids),
    mapping,
    confirmed,
    fields: FIELDS,
    scorecard,
  });

  it('prints counts, the method and a sample of changes', () => {
    const text = formatPlan(p, { sample: 1 });
    expect(text).toContain(
      'Write plan (Account): 3 to update, 0 unchanged, 1 skipped — sObject Collections, about 1 API request',
    );
    expect(text).toContain('Fields: Health_Computed_At__c 3, Health_CSAT__c 3');
    expect(text).toContain('Sample (1 of 3):');
    expect(text).toContain(`    Health_Score__c: 80 → 71.5`);
    expect(text).toContain(`    Health_Status__c: "green" → "yellow"`);
    expect(text).toContain(`    Health_Trend_30d__c: (never written) → -4.5`);
    expect(text).toContain(`Skipped: ${accountId(9)}`);
  });

  it('prints the plan as JSON', () => {
    const json = JSON.parse(formatPlan(p, { json: true })) as Record<string, unknown>;
    expect(json).toMatchObject({
      method: 'collections',
      toUpdate: 3,
      unchanged: 0,
      skipped: 1,
      estimatedRequests: 1,
    });
    expect((json['updates'] as unknown[]).length).toBe(3);
  });
});
