import { describe, expect, test } from 'vitest';
import { account, NOW } from '../metrics/fixtures.ts';
import { linearMeasure, score, scorecard } from './helpers.ts';

const base = {
  version: 'v1',
  coverage_floor: 0.5,
  status: { green: 70, yellow: 45 },
  drivers: 2,
  measures: [linearMeasure('a', 50), linearMeasure('b', 30), linearMeasure('c', 20)],
};

describe('weights and coverage', () => {
  test('the score is the weighted mean; contributions add up to it', () => {
    const s = score(scorecard(base), {
      a: { value: 0.8, sample: 10 },
      b: { value: 0.5, sample: 10 },
      c: { value: 1, sample: 10 },
    });
    // 0.5 × 80 + 0.3 × 50 + 0.2 × 100
    expect(s.score).toBe(75);
    expect(s.status).toBe('green');
    expect(s.coverage).toBe(1);
    expect(s.measures.map((m) => m.weight)).toEqual([0.5, 0.3, 0.2]);
    expect(s.measures.map((m) => m.contribution)).toEqual([40, 15, 20]);
  });

  test('weights re-normalize over the measures with data', () => {
    const s = score(scorecard(base), { a: { value: 0.8, sample: 10 }, b: { value: 0.5, sample: 10 } });
    // (50 × 80 + 30 × 50) / 80
    expect(s.score).toBe(68.8);
    expect(s.status).toBe('yellow');
    expect(s.coverage).toBe(0.8);
    expect(s.measures.map((m) => m.weight)).toEqual([0.625, 0.375, 0]);
    expect(s.measures[2]).toMatchObject({ hasData: false, value: null, subScore: null, contribution: 0 });
  });

  test('below min_sample a measure has no data', () => {
    const card = scorecard({
      ...base,
      measures: [linearMeasure('a', 50, { min_sample: 5 }), linearMeasure('b', 50)],
    });
    const s = score(card, { a: { value: 0, sample: 4 }, b: { value: 1, sample: 1 } });
    expect(s.score).toBe(100);
    expect(s.measures[0]!.hasData).toBe(false);
    expect(score(card, { a: { value: 0, sample: 5 }, b: { value: 1, sample: 1 } }).score).toBe(50);
  });

  test('coverage exactly at the floor scores; just below is insufficient_data', () => {
    const card = scorecard(base);
    expect(score(card, { a: { value: 1, sample: 1 } }).status).toBe('green'); // 50% of the weight
    const s = score(card, { b: { value: 1, sample: 1 }, c: { value: 1, sample: 1 } }); // 50% too
    expect(s.coverage).toBe(0.5);
    expect(s.score).toBe(100);
    const below = score(card, { b: { value: 1, sample: 1 } });
    expect(below).toMatchObject({ score: null, status: 'insufficient_data', coverage: 0.3 });
    expect(below.drivers[0]).toBe('Not enough data: 30% of the scorecard weight has data (needs 50%)');
    expect(below.drivers[1]).toBe('A: not enough data (0 ratings, needs 1)');
  });

  test('no data at all is insufficient_data even with a floor of 0', () => {
    const s = score(scorecard({ ...base, coverage_floor: 0 }), {});
    expect(s).toMatchObject({ score: null, status: 'insufficient_data', coverage: 0 });
  });

  test('status thresholds: a score equal to a threshold reaches it', () => {
    const card = scorecard({ ...base, measures: [linearMeasure('a', 1)] });
    expect(score(card, { a: { value: 0.7, sample: 1 } })).toMatchObject({ score: 70, status: 'green' });
    expect(score(card, { a: { value: 0.699, sample: 1 } })).toMatchObject({ score: 69.9, status: 'yellow' });
    expect(score(card, { a: { value: 0.45, sample: 1 } }).status).toBe('yellow');
    // The status follows the score as shown (one decimal): 44.99 shows as 45.
    expect(score(card, { a: { value: 0.4499, sample: 1 } })).toMatchObject({ score: 45, status: 'yellow' });
    expect(score(card, { a: { value: 0.4449, sample: 1 } })).toMatchObject({ score: 44.5, status: 'red' });
  });
});

describe('segments', () => {
  const card = scorecard({
    ...base,
    segments: [
      {
        name: 'enterprise',
        when: { field: 'tier', in: ['Enterprise', 'Strategic'] },
        status: { green: 90, yellow: 80 },
        measures: { a: { weight: 10 }, b: { min_sample: 100 } },
      },
      { name: 'big', when: { field: 'arr', equals: 1000000 }, exclude: ['c'], coverage_floor: 1 },
      { name: 'also-enterprise', when: { field: 'tier', equals: 'Enterprise' } },
    ],
  });
  const values = { a: { value: 0.5, sample: 10 }, b: { value: 1, sample: 10 }, c: { value: 1, sample: 10 } };

  test('no matching segment: the base scorecard', () => {
    const s = score(card, values, { account: account('A', { tier: 'Growth' }) });
    expect(s.segment).toBeNull();
    expect(s.score).toBe(75);
  });

  test('the first matching segment wins and applies its overrides and thresholds', () => {
    const s = score(card, values, {
      account: account('A', { tier: 'Enterprise', fields: { arr: 1000000 } }),
    });
    expect(s.segment).toBe('enterprise');
    // a: weight 10, b: no data (min_sample 100), c: 20 → (10 × 50 + 20 × 100) / 30
    expect(s.score).toBe(83.3);
    expect(s.status).toBe('yellow');
    expect(s.coverage).toBe(0.5);
  });

  test('an extra field matches as text; excluded measures leave the scorecard', () => {
    const s = score(card, values, { account: account('A', { tier: null, fields: { arr: '1000000' } }) });
    expect(s.segment).toBe('big');
    expect(s.measures.map((m) => m.id)).toEqual(['a', 'b']);
    expect(s.score).toBe(68.8);
    // its coverage floor is 1: without b, not enough data
    expect(score(card, { a: values.a }, { account: account('A', { fields: { arr: 1000000 } }) }).status).toBe(
      'insufficient_data',
    );
  });

  test('an empty field matches nothing', () => {
    expect(score(card, values, { account: account('A', { tier: null }) }).segment).toBeNull();
  });
});

describe('drivers', () => {
  test('the measures that cost the most points first, in plain language with their sample', () => {
    const card = scorecard({
      ...base,
      drivers: 3,
      measures: [
        linearMeasure('csat', 20, {
          label: 'CSAT',
          scoring: { type: 'linear', zero_at: 0.6, full_at: 0.95 },
          target: 0.9,
        }),
        {
          id: 'open_bugs',
          label: 'Open product bugs (weighted)',
          metric: 'open_bugs_weighted',
          window_days: 365,
          direction: 'lower_is_better',
          weight: 10,
          scoring: { type: 'linear', zero_at: 12, full_at: 0 },
          target: 3,
        },
        linearMeasure('perfect', 30),
      ],
    });
    const s = score(card, {
      csat: { value: 27 / 38, sample: 38 },
      open_bugs: {
        value: 14.2,
        sample: 6,
        detail: { open: 4, oldestDays: 23, topPriority: 'Highest', topPriorityOpen: 4 },
      },
      perfect: { value: 1, sample: 3 },
    });
    expect(s.drivers).toEqual([
      'CSAT 71% over 38 ratings (target 90%)',
      '4 open Highest bugs, oldest 23 days (weighted 14.2, target 3)',
    ]);
  });

  test('equal costs are ordered by measure id; the count is capped', () => {
    const card = scorecard({
      ...base,
      drivers: 2,
      measures: [linearMeasure('z', 1), linearMeasure('m', 1), linearMeasure('a', 1)],
    });
    const s = score(card, {
      z: { value: 0.5, sample: 1 },
      m: { value: 0.5, sample: 1 },
      a: { value: 0.5, sample: 1 },
    });
    expect(s.drivers).toEqual(['A 50% over 1 rating', 'M 50% over 1 rating']);
  });

  test('contact spikes, counts and insufficient samples read plainly', () => {
    const card = scorecard({
      ...base,
      drivers: 5,
      measures: [
        {
          id: 'spike',
          label: 'Contacts vs 90-day normal',
          metric: 'contact_spike',
          window_days: 30,
          direction: 'lower_is_better',
          weight: 10,
          scoring: { type: 'linear', zero_at: 3, full_at: 1 },
          target: 1.2,
          format: 'ratio',
        },
        {
          id: 'risk',
          label: 'Tickets with risk language',
          metric: 'risk_flags',
          window_days: 30,
          direction: 'lower_is_better',
          weight: 5,
          scoring: { type: 'bands', bands: [{ limit: 0, score: 100 }, { score: 0 }] },
          target: 0,
          format: 'count',
        },
        linearMeasure('sla', 1, { label: 'SLA adherence', metric: 'sla_adherence', min_sample: 5 }),
      ],
    });
    const s = score(card, {
      spike: { value: 2.5, sample: 54, detail: { current: 45, baseline: 54 } },
      risk: { value: 2, sample: 14 },
      sla: { value: 0.5, sample: 4 },
    });
    expect(s.drivers).toEqual([
      'Contacts vs 90-day normal 2.50× (45 contacts in 30 days, 54 in the 90 days before; target 1.20×)',
      'Tickets with risk language: 2 of 14 tickets (target 0)',
    ]);
    expect(s.measures[2]!.explanation).toBe('SLA adherence: not enough data (4 tickets, needs 5)');
  });

  test('every measure carries its explanation, drivers or not', () => {
    const s = score(scorecard(base), { a: { value: 1, sample: 2 } });
    expect(s.drivers).toEqual([]);
    expect(s.measures.map((m) => m.explanation)).toEqual([
      'A 100% over 2 ratings',
      'B: not enough data (0 ratings, needs 1)',
      'C: not enough data (0 ratings, needs 1)',
    ]);
  });
});

describe('trend', () => {
  const card = scorecard({ ...base, measures: [linearMeasure('a', 1)] });
  const values = { a: { value: 0.8, sample: 1 } };

  test('against the snapshots of 7 and 30 days ago (UTC days)', () => {
    const history = new Map([
      ['2026-11-13', { score: 70 }],
      ['2026-10-21', { score: 90.5 }],
    ]);
    const s = score(card, values, { history: (d) => history.get(d), now: NOW });
    expect(s.trend7d).toBe(10);
    expect(s.trend30d).toBe(-10.5);
  });

  test('the nearest snapshot within a day stands in; the exact day wins, then the day before', () => {
    const h = (days: Record<string, number>) => (d: string) => (d in days ? { score: days[d]! } : undefined);
    expect(score(card, values, { history: h({ '2026-11-14': 60 }) }).trend7d).toBe(20);
    expect(score(card, values, { history: h({ '2026-11-12': 50, '2026-11-14': 60 }) }).trend7d).toBe(30);
    expect(score(card, values, { history: h({ '2026-11-13': 79, '2026-11-12': 50 }) }).trend7d).toBe(1);
    expect(score(card, values, { history: h({ '2026-11-11': 50, '2026-11-15': 60 }) }).trend7d).toBeNull();
  });

  test('null without history, or when either score is missing', () => {
    expect(score(card, values).trend7d).toBeNull();
    expect(score(card, values, { history: () => ({ score: null }) }).trend30d).toBeNull();
    expect(score(card, {}, { history: () => ({ score: 50 }) }).trend7d).toBeNull();
  });
});
