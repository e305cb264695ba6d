import { describe, expect, test } from 'vitest';
import { Measure } from '../../src/config/mappings/scorecard.ts';
import { NO_TARGET_FLOOR, meetsTarget } from '../../src/score/drivers.ts';
import { AccountScore, type MeasureResult } from '../../src/score/types.ts';
import { linearMeasure, score, scorecard } from './helpers.ts';

const card = (measures: Record<string, unknown>[], count = 3) =>
  scorecard({
    version: 'v1',
    coverage_floor: 0.5,
    status: { green: 70, yellow: 45 },
    drivers: count,
    measures,
  });
const v = (value: number, sample = 10) => ({ value, sample });

describe('drivers: what pulls the score down', () => {
  test('a green account with everything at or above target has no driver, only strengths', () => {
    const s = score(
      card([
        linearMeasure('csat', 20, { label: 'CSAT', target: 0.9 }),
        linearMeasure('sla', 10, { label: 'SLA adherence', metric: 'sla_adherence', target: 0.95 }),
      ]),
      { csat: v(0.94, 40), sla: v(0.95, 120) },
    );
    expect(s.status).toBe('green');
    expect(s.drivers).toEqual([]);
    // SLA sits exactly on its target: that meets it.
    expect(s.strengths).toEqual([
      'SLA adherence 95% over 120 tickets (target 95%)',
      'CSAT 94% over 40 ratings (target 90%)',
    ]);
  });

  test('only measures below target, the most points lost first; ties by lower sub-score, then id', () => {
    const s = score(
      card(
        [
          linearMeasure('heavy', 40, { target: 0.9 }), // 40 × (100 − 80): 800
          linearMeasure('light', 10, { target: 0.9 }), // 10 × (100 − 20): 800, lower sub-score
          linearMeasure('mid', 20, { target: 0.9 }), //   20 × (100 − 70): 600
          linearMeasure('tie', 20, { target: 0.9 }), //   20 × (100 − 70): 600, after "mid" by id
          linearMeasure('fine', 10, { target: 0.5 }), //  at 60%, above its target: not a driver
        ],
        5,
      ),
      { heavy: v(0.8), light: v(0.2), mid: v(0.7), tie: v(0.7), fine: v(0.6) },
    );
    expect(s.drivers).toEqual([
      'LIGHT 20% over 10 ratings (target 90%)',
      'HEAVY 80% over 10 ratings (target 90%)',
      'MID 70% over 10 ratings (target 90%)',
      'TIE 70% over 10 ratings (target 90%)',
    ]);
    expect(s.strengths).toEqual(['FINE 60% over 10 ratings (target 50%)']);
  });

  test('the count is capped at the scorecard`s drivers, for drivers and strengths alike', () => {
    const measures = ['a', 'b', 'c'].map((id) => linearMeasure(id, 1, { target: 0.5 }));
    const low = score(card(measures, 2), { a: v(0.1), b: v(0.2), c: v(0.3) });
    expect(low.drivers).toEqual(['A 10% over 10 ratings (target 50%)', 'B 20% over 10 ratings (target 50%)']);
    const high = score(card(measures, 2), { a: v(0.9), b: v(1), c: v(0.95) });
    expect(high.strengths).toEqual([
      'B 100% over 10 ratings (target 50%)',
      'C 95% over 10 ratings (target 50%)',
    ]);
  });

  test('lower is better: above the target is below it; a measure that loses no points still counts', () => {
    const s = score(
      card([
        linearMeasure('esc', 10, {
          label: 'Escalation rate',
          metric: 'escalation_rate',
          direction: 'lower_is_better',
          scoring: { type: 'linear', zero_at: 0.3, full_at: 0.05 },
          target: 0.1,
        }),
        // Scored 100 from 80% on, but its target is 90%: below target at no cost, so listed last.
        linearMeasure('csat', 10, {
          label: 'CSAT',
          scoring: { type: 'linear', zero_at: 0.5, full_at: 0.8 },
          target: 0.9,
        }),
        linearMeasure('abandon', 10, {
          label: 'Abandoned calls',
          metric: 'abandoned_call_rate',
          direction: 'lower_is_better',
          target: 0.05,
        }),
      ]),
      { esc: v(0.12), csat: v(0.85), abandon: v(0.05) },
    );
    expect(s.drivers).toEqual([
      'Escalation rate 12% over 10 tickets (target 10%)',
      'CSAT 85% over 10 ratings (target 90%)',
    ]);
    expect(s.strengths).toEqual(['Abandoned calls 5% over 10 inbound calls (target 5%)']);
  });

  test(`without a target: a sub-score below ${NO_TARGET_FLOOR} pulls down, ${NO_TARGET_FLOOR} or more is a strength`, () => {
    const s = score(card([linearMeasure('under', 1), linearMeasure('at', 1)]), {
      under: v(0.699),
      at: v(0.7),
    });
    expect(s.drivers).toEqual(['UNDER 70% over 10 ratings']);
    expect(s.strengths).toEqual(['AT 70% over 10 ratings']);
  });

  test('measures without data are neither drivers nor strengths', () => {
    const s = score(
      card([
        linearMeasure('low', 50, { target: 0.9 }),
        linearMeasure('high', 30, { target: 0.9 }),
        linearMeasure('none', 20, { target: 0.9, min_sample: 5 }),
      ]),
      { low: v(0.5), high: v(0.95), none: v(0, 4) },
    );
    expect(s.status).not.toBe('insufficient_data');
    expect(s.drivers).toEqual(['LOW 50% over 10 ratings (target 90%)']);
    expect(s.strengths).toEqual(['HIGH 95% over 10 ratings (target 90%)']);
  });

  test('insufficient data: the reason, then the heaviest measures lacking data; no strengths', () => {
    const s = score(
      card([
        linearMeasure('good', 20, { target: 0.5 }),
        linearMeasure('light', 30),
        linearMeasure('heavy', 50),
      ]),
      { good: v(1) },
    );
    expect(s.status).toBe('insufficient_data');
    expect(s.drivers).toEqual([
      'Not enough data: 20% of the scorecard weight has data (needs 50%)',
      'HEAVY: not enough data (0 ratings, needs 1)',
      'LIGHT: not enough data (0 ratings, needs 1)',
    ]);
    expect(s.strengths).toEqual([]);
  });
});

describe('meetsTarget', () => {
  const m = (o: Record<string, unknown>): Measure => Measure.parse(linearMeasure('x', 1, o));
  const r = (value: number, subScore: number): MeasureResult =>
    ({ value, subScore, hasData: true }) as MeasureResult;

  test('higher is better: at least the target; lower is better: at most', () => {
    expect(meetsTarget(m({ target: 0.9 }), r(0.9, 50))).toBe(true);
    expect(meetsTarget(m({ target: 0.9 }), r(0.899999, 100))).toBe(false);
    expect(meetsTarget(m({ target: 3, direction: 'lower_is_better' }), r(3, 75))).toBe(true);
    expect(meetsTarget(m({ target: 3, direction: 'lower_is_better' }), r(3.1, 100))).toBe(false);
    // Floating-point noise on the target itself does not flip it.
    expect(meetsTarget(m({ target: 0.3 }), r(0.1 + 0.2, 50))).toBe(true);
  });
});

describe('saved scores', () => {
  test('a score saved before strengths existed parses with none', () => {
    const saved = {
      accountId: 'A',
      computedAt: 0,
      score: 80,
      status: 'green',
      segment: null,
      scorecardVersion: 'v0',
      coverage: 1,
      trend7d: null,
      trend30d: null,
      drivers: ['CSAT 94% over 40 ratings (target 90%)'],
      measures: [],
    };
    expect(AccountScore.parse(saved)).toMatchObject({ strengths: [], drivers: saved.drivers });
  });
});
