import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Measure, ScorecardMapping } from '../../src/config/mappings/scorecard.ts';
import type { MetricValue } from '../../src/metrics/types.ts';
import { measureValue } from '../../src/score/measure-value.ts';
import { scoreAccount } from '../../src/score/score-account.ts';
import { subScore } from '../../src/score/sub-score.ts';
import { NOW, account } from '../metrics/fixtures.ts';
import { score, scorecard, scoringFor } from './helpers.ts';

type Direction = 'higher_is_better' | 'lower_is_better';
const DIRECTIONS: Direction[] = ['higher_is_better', 'lower_is_better'];

/** The fields every kind shares, with a scoring that fits the direction. */
const common = (id: string, weight: fc.Arbitrary<number>) =>
  fc.constantFrom(...DIRECTIONS).chain((direction) =>
    fc.record({
      id: fc.constant(id),
      label: fc.constant(id),
      direction: fc.constant(direction),
      weight,
      min_sample: fc.integer({ min: 1, max: 5 }),
      scoring: scoringFor(direction),
    }),
  );

/** A raw measure of any kind (parsed by the schema, so defaults apply as when loading YAML). */
const anyKind = (id: string, weight: fc.Arbitrary<number>) =>
  fc.tuple(common(id, weight), fc.integer({ min: 0, max: 3 })).map(([base, k]) => {
    switch (k) {
      case 0:
        return { ...base, metric: 'csat', window_days: 30 };
      case 1:
        return { ...base, kind: 'change', metric: 'csat', change: 'delta', window_days: 30 };
      case 2:
        return {
          ...base,
          kind: 'ratio',
          numerator: { metric: 'tickets', params: { category: 'chargeback' } },
          denominator: { metric: 'tickets' },
          window_days: 30,
        };
      default:
        return { ...base, kind: 'salesforce_field', field: 'Uptime_30d__c' };
    }
  });

const metricValue: fc.Arbitrary<MetricValue> = fc.record({
  value: fc.option(fc.double({ min: -200, max: 200, noNaN: true }), { nil: null }),
  sample: fc.integer({ min: 0, max: 10 }),
});

/** A scorecard of 1–6 weighed measures of any kind, and a value for each. */
const weighed = fc
  .integer({ min: 1, max: 6 })
  .chain((n) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, i) => anyKind(`m${i}`, fc.integer({ min: 1, max: 100 })))),
      fc.tuple(...Array.from({ length: n }, () => metricValue)),
      fc.double({ min: 0, max: 1, noNaN: true }),
    ),
  );

const card = (measures: unknown[], floor: number, segments: unknown[] = []): ScorecardMapping =>
  scorecard({ version: 'p', coverage_floor: floor, status: { green: 70, yellow: 45 }, measures, segments });

const valuesOf = (vs: MetricValue[]): Record<string, MetricValue> =>
  Object.fromEntries(vs.map((v, i) => [`m${i}`, v]));

describe('measure kinds: properties', () => {
  test('a measure of weight 0, of any kind and value, never changes the score, status, coverage or drivers', () => {
    fc.assert(
      fc.property(weighed, anyKind('shown', fc.constant(0)), metricValue, ([ms, vs, floor], extra, v) => {
        const values = valuesOf(vs);
        const before = score(card(ms, floor), values);
        const after = score(card([...ms, extra], floor), { ...values, shown: v });
        const { measures: m1, ...rest1 } = before;
        const { measures: m2, ...rest2 } = after;
        expect(rest2).toEqual(rest1);
        expect(m2.slice(0, -1)).toEqual(m1);
        // Still computed and shown: its value and sub-score, with no weight and no contribution.
        const shown = m2.at(-1)!;
        expect(shown).toMatchObject({ id: 'shown', weight: 0, contribution: 0 });
        expect(shown.subScore === null).toBe(!shown.hasData);
        expect(shown.explanation).toBeTypeOf('string');
      }),
      { numRuns: 300 },
    );
  });

  test('a segment that sets a weight to 0 scores as if the measure were excluded', () => {
    fc.assert(
      fc.property(weighed, fc.nat(), ([ms, vs, floor], pick) => {
        if (ms.length < 2) return;
        const id = ms[pick % ms.length]!.id;
        const when = { field: 'tier', equals: 'Enterprise' };
        const tier = account('A', { tier: 'Enterprise' });
        const zeroed = score(
          card(ms, floor, [{ name: 's', when, measures: { [id]: { weight: 0 } } }]),
          valuesOf(vs),
          {
            account: tier,
          },
        );
        const excluded = score(card(ms, floor, [{ name: 's', when, exclude: [id] }]), valuesOf(vs), {
          account: tier,
        });
        expect(zeroed.score).toBe(excluded.score);
        expect(zeroed.status).toBe(excluded.status);
        expect(zeroed.coverage).toBe(excluded.coverage);
        expect(zeroed.drivers).toEqual(excluded.drivers);
      }),
      { numRuns: 200 },
    );
  });

  test('raising a value never lowers its sub-score when higher is better, never raises it when lower is', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DIRECTIONS).chain((d) => fc.tuple(fc.constant(d), scoringFor(d))),
        fc.double({ min: -300, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 300, noNaN: true }),
        ([direction, scoring], value, step) => {
          const m = { id: 'm', label: 'M', metric: 'csat', window_days: 30, direction, weight: 1, scoring };
          const c = card([m], 0);
          const at = (v: number) => score(c, { m: { value: v, sample: 5 } }).measures[0]!.subScore!;
          const [low, high] = [at(value), at(value + step)];
          if (direction === 'higher_is_better') expect(high).toBeGreaterThanOrEqual(low);
          else expect(high).toBeLessThanOrEqual(low);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a change measure of a constant metric is neutral: delta 0, ratio 1, the same sub-score at every level', () => {
    const changeCard = (change: 'delta' | 'ratio', direction: Direction, scoring: unknown) =>
      card(
        [
          {
            id: 'c',
            label: 'C',
            kind: 'change',
            metric: 'csat',
            change,
            window_days: 30,
            direction,
            weight: 1,
            scoring,
          },
        ],
        0,
      );
    fc.assert(
      fc.property(
        fc.constantFrom<'delta' | 'ratio'>('delta', 'ratio'),
        fc.constantFrom(...DIRECTIONS).chain((d) => fc.tuple(fc.constant(d), scoringFor(d))),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        (change, [direction, scoring], levels, nowSample, beforeSample) => {
          const c = changeCard(change, direction, scoring);
          const measure = c.measures[0]!;
          const neutral = change === 'delta' ? 0 : 1;
          const expected = subScore(neutral, measure.scoring, measure.direction);
          for (const level of levels) {
            const v = measureValue(
              measure,
              [
                { value: level, sample: nowSample },
                { value: level, sample: beforeSample },
              ],
              account('A'),
              NOW,
            );
            expect(v.value).toBe(neutral);
            expect(v.sample).toBe(Math.min(nowSample, beforeSample));
            const s = scoreAccount({
              account: account('A'),
              scorecard: c,
              metric: () => v,
              history: () => undefined,
              now: NOW,
            });
            expect(s.measures[0]!.subScore).toBeCloseTo(expected, 1);
            expect(s.score).toBeCloseTo(expected, 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Used by the property above; also a plain statement of the neutral choice. */
test('no change scores what the scoring gives 0 (delta) or 1 (ratio): e.g. linear −0.1 → 0.1 gives 50', () => {
  const c = card(
    [
      {
        id: 'c',
        label: 'CSAT change',
        kind: 'change',
        metric: 'csat',
        change: 'delta',
        window_days: 30,
        direction: 'higher_is_better',
        weight: 1,
        scoring: { type: 'linear', zero_at: -0.1, full_at: 0.1 },
        format: 'percent',
      },
    ],
    0,
  );
  const m: Measure = c.measures[0]!;
  const v = measureValue(
    m,
    [
      { value: 0.8, sample: 30 },
      { value: 0.8, sample: 20 },
    ],
    account('A'),
    NOW,
  );
  const s = scoreAccount({
    account: account('A'),
    scorecard: c,
    metric: () => v,
    history: () => undefined,
    now: NOW,
  });
  expect(s.score).toBe(50);
  expect(s.measures[0]!.explanation).toBe(
    'CSAT change 0% (80% in the last 30 days vs 80% in the 30 days before, over 20 ratings)',
  );
});
