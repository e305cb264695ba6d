import { describe, expect, it } from 'vitest';
import { changeValue, fieldNumber, measureValue, ratioValue } from '../../src/score/measure-value.ts';
import { NOW, account } from '../metrics/fixtures.ts';
import { scorecard, score } from './helpers.ts';

// NOW is 2026-11-20T12:00:00Z.
describe('Account field values', () => {
  it('reads numbers as they are, and numeric text', () => {
    expect(fieldNumber(99.5, NOW)).toBe(99.5);
    expect(fieldNumber('1200000', NOW)).toBe(1_200_000);
    expect(fieldNumber(' ', NOW)).toBeNull();
    expect(fieldNumber('Gold', NOW)).toBeNull();
    expect(fieldNumber(true, NOW)).toBeNull();
    expect(fieldNumber(null, NOW)).toBeNull();
    expect(fieldNumber(undefined, NOW)).toBeNull();
  });

  it('reads a date as whole days from today (UTC) until it, negative once past', () => {
    expect(fieldNumber('2026-11-20', NOW)).toBe(0);
    expect(fieldNumber('2027-01-19', NOW)).toBe(60);
    expect(fieldNumber('2026-11-10', NOW)).toBe(-10);
  });

  it('reads a datetime as days from the start of the current hour, in any offset Salesforce writes', () => {
    expect(fieldNumber('2026-11-22T12:00:00.000+0000', NOW)).toBe(2);
    expect(fieldNumber('2026-11-22T14:00:00+02:00', NOW)).toBe(2);
    expect(fieldNumber('2026-11-20T00:00:00Z', NOW + 30 * 60_000)).toBe(-0.5);
  });

  it('gives a salesforce_field measure one data point when the field is set, none otherwise', () => {
    const card = scorecard({
      version: 'v',
      coverage_floor: 0,
      status: { green: 70, yellow: 45 },
      measures: [
        {
          id: 'renewal',
          label: 'Days to renewal',
          kind: 'salesforce_field',
          field: 'Renewal_Date__c',
          direction: 'higher_is_better',
          weight: 1,
          scoring: { type: 'linear', zero_at: 0, full_at: 120 },
          format: 'days',
        },
      ],
    });
    const m = card.measures[0]!;
    const set = account('A', { fields: { Renewal_Date__c: '2027-01-19' } });
    expect(measureValue(m, [], set, NOW)).toEqual({ value: 60, sample: 1 });
    expect(measureValue(m, [], account('B'), NOW)).toEqual({ value: null, sample: 0 });
    const s = score(card, { renewal: measureValue(m, [], set, NOW) }, { account: set });
    expect(s.score).toBe(50);
    expect(s.measures[0]).toMatchObject({
      metric: 'Account.Renewal_Date__c',
      kind: 'salesforce_field',
      value: 60,
      explanation: 'Days to renewal: 60 days (Account Renewal_Date__c)',
    });
  });
});

describe('ratio and change values', () => {
  it('divides two counts; a numerator without a row is zero; no denominator is no value', () => {
    expect(ratioValue({ value: 3, sample: 3 }, { value: 40, sample: 40 })).toEqual({
      value: 0.075,
      sample: 40,
      detail: { numerator: 3, denominator: 40 },
    });
    expect(ratioValue({ value: null, sample: 0 }, { value: 40, sample: 40 }).value).toBe(0);
    expect(ratioValue({ value: 2, sample: 2 }, { value: null, sample: 0 })).toMatchObject({
      value: null,
      sample: 0,
    });
  });

  it('takes the difference or the ratio of now and before, with the smaller sample', () => {
    const now = { value: 0.8, sample: 30 };
    const before = { value: 0.5, sample: 12 };
    expect(changeValue(now, before, 'delta')).toMatchObject({
      sample: 12,
      detail: { current: 0.8, previous: 0.5 },
    });
    expect(changeValue(now, before, 'delta').value).toBeCloseTo(0.3, 12);
    expect(changeValue(now, before, 'ratio').value).toBeCloseTo(1.6, 12);
    expect(changeValue(now, { value: null, sample: 0 }, 'delta')).toEqual({ value: null, sample: 0 });
    // From nothing to nothing is no change; from nothing to something has no ratio.
    expect(changeValue({ value: 0, sample: 5 }, { value: 0, sample: 5 }, 'ratio').value).toBe(1);
    expect(changeValue({ value: 3, sample: 5 }, { value: 0, sample: 5 }, 'ratio').value).toBeNull();
  });
});
