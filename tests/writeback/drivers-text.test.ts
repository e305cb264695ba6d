import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { driversText, fitItems } from '../../src/writeback/drivers-text.ts';
import { canonical } from '../../src/writeback/values.ts';
import type { FieldInfo } from '../../src/writeback/types.ts';

const CSAT = 'CSAT 71% over 38 ratings (target 90%)';
const SLA = 'SLA adherence 80% over 120 tickets (target 95%)';

const textField = (type: string, length: number): FieldInfo => ({
  name: 'Health_Drivers__c',
  type,
  updateable: true,
  length,
  scale: 0,
  picklistValues: [],
  restrictedPicklist: false,
});

describe('driversText', () => {
  test('what pulls the score down, one a line or separated by "; "', () => {
    const s = { status: 'red' as const, drivers: [CSAT, SLA], strengths: ['Abandoned calls 2%'] };
    expect(driversText(s, false, 1000)).toBe(`${CSAT}\n${SLA}`);
    expect(driversText(s, true, 1000)).toBe(`${CSAT}; ${SLA}`);
  });

  test('nothing below target: said, then the strengths; without strengths, said alone', () => {
    const green = { status: 'green' as const, drivers: [], strengths: [CSAT, SLA] };
    expect(driversText(green, true, 1000)).toBe(`Nothing below target; Strengths: ${CSAT}; ${SLA}`);
    expect(driversText({ ...green, strengths: [] }, false, 1000)).toBe('Nothing below target');
  });

  test('without a score: the reason the drivers give, never "nothing below target"', () => {
    const none = { status: 'insufficient_data' as const, drivers: ['Not enough data: 20%'], strengths: [] };
    expect(driversText(none, false, 1000)).toBe('Not enough data: 20%');
    expect(driversText({ ...none, drivers: [] }, false, 1000)).toBeNull();
  });
});

describe('fitItems', () => {
  test('whole items that fit, then "…"; a first item too long is left for the field to cut', () => {
    expect(fitItems(['aaa', 'bbb', 'ccc'], '; ', 100)).toBe('aaa; bbb; ccc');
    expect(fitItems(['aaa', 'bbb', 'ccc'], '; ', 12)).toBe('aaa; bbb; …');
    expect(fitItems(['aaa', 'bbb', 'ccc'], '; ', 11)).toBe('aaa; bbb; …');
    expect(fitItems(['aaa', 'bbb', 'ccc'], '; ', 10)).toBe('aaa; …');
    expect(fitItems(['aaaaaaa', 'b'], '\n', 5)).toBe('aaaaaaa');
    expect(canonical(fitItems(['aaaaaaa', 'b'], '\n', 5), textField('textarea', 5))).toBe('aaaa…');
  });

  test('the written value never exceeds the field length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('textarea', 'string'),
        fc.integer({ min: 1, max: 300 }),
        (items, type, length) => {
          const field = textField(type, length);
          const value = canonical(
            driversText({ status: 'red', drivers: items, strengths: [] }, type === 'string', length),
            field,
          );
          expect(typeof value === 'string' ? value.length : 0).toBeLessThanOrEqual(length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
