import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ScorecardMapping } from '../../src/config/mappings/scorecard.ts';
import type { MetricValue } from '../../src/metrics/types.ts';
import { meetsTarget } from '../../src/score/drivers.ts';
import { subScore } from '../../src/score/sub-score.ts';
import { score, scorecard, scoringFor } from './helpers.ts';

type Direction = 'higher_is_better' | 'lower_is_better';

const measure = (i: number) =>
  fc.constantFrom<Direction>('higher_is_better', 'lower_is_better').chain((direction) =>
    fc.record({
      id: fc.constant(`m${i}`),
      label: fc.constant(`Measure ${i}`),
      metric: fc.constantFrom('csat', 'sla_adherence', 'contact_spike', 'risk_flags', 'open_bugs_weighted'),
      window_days: fc.constant(30),
      direction: fc.constant(direction),
      weight: fc.integer({ min: 1, max: 100 }),
      min_sample: fc.integer({ min: 1, max: 5 }),
      scoring: scoringFor(direction),
      format: fc.constantFrom('percent', 'ratio', 'count', 'number'),
      target: fc.option(fc.double({ min: -200, max: 200, noNaN: true }), { nil: undefined }),
    }),
  );

const card = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    version: fc.constant('prop'),
    coverage_floor: fc.double({ min: 0, max: 1, noNaN: true }),
    status: fc.constant({ green: 70, yellow: 45 }),
    drivers: fc.integer({ min: 1, max: 10 }),
    measures: fc.tuple(...Array.from({ length: n }, (_, i) => measure(i))),
  }),
);

const metricValue: fc.Arbitrary<MetricValue> = fc.record({
  value: fc.option(fc.double({ min: -200, max: 200, noNaN: true }), { nil: null }),
  sample: fc.integer({ min: 0, max: 10 }),
});

const input = card.chain((raw) =>
  fc.tuple(
    fc.constant(scorecard(raw)),
    fc
      .tuple(...raw.measures.map(() => metricValue))
      .map((vs) => Object.fromEntries(vs.map((v, i) => [`m${i}`, v]))),
  ),
);

const hasData = (c: ScorecardMapping, values: Record<string, MetricValue>, id: string): boolean => {
  const m = c.measures.find((x) => x.id === id)!;
  const v = values[id]!;
  return v.value !== null && v.sample >= m.min_sample;
};

describe('scoring properties', () => {
  test('the score stays within 0–100, and is null exactly when the status is insufficient_data', () => {
    fc.assert(
      fc.property(input, ([c, values]) => {
        const s = score(c, values);
        if (s.score === null) expect(s.status).toBe('insufficient_data');
        else {
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
          expect(s.status).not.toBe('insufficient_data');
        }
        expect(s.coverage).toBeGreaterThanOrEqual(0);
        expect(s.coverage).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  test('improving any measure in its good direction never lowers the score', () => {
    fc.assert(
      fc.property(
        input,
        fc.nat(),
        fc.double({ min: 0, max: 300, noNaN: true }),
        ([c, values], pick, step) => {
          const m = c.measures[pick % c.measures.length]!;
          const v = values[m.id]!;
          if (v.value === null) return;
          const better = {
            ...values,
            [m.id]: { ...v, value: m.direction === 'higher_is_better' ? v.value + step : v.value - step },
          };
          const before = score(c, values);
          const after = score(c, better);
          expect(after.status === 'insufficient_data').toBe(before.status === 'insufficient_data');
          if (before.score !== null) expect(after.score!).toBeGreaterThanOrEqual(before.score);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('weights re-normalize over the measures with data: the score is their weighted mean', () => {
    fc.assert(
      fc.property(input, ([c, values]) => {
        const floorless = { ...c, coverage_floor: 0 };
        const s = score(floorless, values);
        const withData = c.measures.filter((m) => hasData(c, values, m.id));
        if (withData.length === 0) {
          expect(s.score).toBeNull();
          return;
        }
        const total = withData.reduce((t, m) => t + m.weight, 0);
        const expected =
          withData.reduce(
            (t, m) => t + subScore(values[m.id]!.value!, m.scoring, m.direction) * m.weight,
            0,
          ) / total;
        expect(Math.abs(s.score! - expected)).toBeLessThanOrEqual(0.05 + 1e-9);
        const weights = s.measures.filter((r) => r.hasData).reduce((t, r) => t + r.weight, 0);
        expect(weights).toBeCloseTo(1, 3);
        for (const r of s.measures) if (!r.hasData) expect(r.weight).toBe(0);
        // A measure with no data, however heavy, changes nothing but coverage.
        const more = scorecard({
          ...floorless,
          measures: [...c.measures, { ...c.measures[0]!, id: 'extra', weight: 1000 }],
        });
        expect(score(more, { ...values, extra: { value: null, sample: 0 } }).score).toBe(s.score);
      }),
      { numRuns: 300 },
    );
  });

  test('below the coverage floor the status is insufficient_data', () => {
    fc.assert(
      fc.property(input, ([c, values]) => {
        const total = c.measures.reduce((t, m) => t + m.weight, 0);
        const covered = c.measures.filter((m) => hasData(c, values, m.id)).reduce((t, m) => t + m.weight, 0);
        const s = score(c, values);
        if (covered / total < c.coverage_floor - 1e-6)
          expect(s).toMatchObject({ status: 'insufficient_data', score: null });
        if (covered > 0 && covered / total > c.coverage_floor + 1e-6) expect(s.score).not.toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  test('drivers are the measures below target, most points lost first; strengths the others with data', () => {
    fc.assert(
      fc.property(input, ([c, values]) => {
        const s = score(c, values);
        if (s.status === 'insufficient_data') {
          expect(s.strengths).toEqual([]);
          return;
        }
        const withData = s.measures.filter((m) => m.hasData);
        const meets = (m: (typeof withData)[number]): boolean =>
          meetsTarget(
            c.measures.find((x) => x.id === m.id)!,
            m,
          );
        const lost = (m: (typeof withData)[number]): number => (100 - m.subScore!) * m.weight;
        const below = withData.filter((m) => !meets(m));
        expect(s.drivers).toHaveLength(Math.min(c.drivers, below.length));
        expect(s.strengths).toHaveLength(Math.min(c.drivers, withData.length - below.length));
        // Every driver explains a measure below target, and the one it displaces loses no more points.
        const shown = new Set(s.drivers);
        for (const m of below)
          if (!shown.has(m.explanation!))
            for (const d of below.filter((x) => shown.has(x.explanation!)))
              expect(lost(d)).toBeGreaterThanOrEqual(lost(m) - 1e-6);
        for (const text of s.strengths)
          expect(withData.some((m) => m.explanation === text && meets(m))).toBe(true);
        for (const text of s.drivers) expect(below.some((m) => m.explanation === text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('the same inputs always give the same score and drivers', () => {
    fc.assert(
      fc.property(input, ([c, values]) => {
        const a = score(c, values);
        const b = score(structuredClone(c), structuredClone(values));
        expect(b).toEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 200 },
    );
  });
});
