import { describe, expect, test } from 'vitest';
import { subScore } from '../../src/score/sub-score.ts';
import type { Scoring } from '../../src/config/mappings/scorecard.ts';

const lowerBands: Scoring = {
  type: 'bands',
  bands: [{ limit: 1.2, score: 100 }, { limit: 1.6, score: 65 }, { limit: 2.2, score: 30 }, { score: 0 }],
};
const higherBands: Scoring = {
  type: 'bands',
  bands: [{ limit: 0.9, score: 100 }, { limit: 0.8, score: 50 }, { score: 10 }],
};

describe('bands', () => {
  test('lower is better: a value at a limit is in that band, just above it in the next', () => {
    expect(subScore(1.2, lowerBands, 'lower_is_better')).toBe(100);
    expect(subScore(1.2000001, lowerBands, 'lower_is_better')).toBe(65);
    expect(subScore(1.6, lowerBands, 'lower_is_better')).toBe(65);
    expect(subScore(2.2, lowerBands, 'lower_is_better')).toBe(30);
    expect(subScore(2.21, lowerBands, 'lower_is_better')).toBe(0);
    expect(subScore(-5, lowerBands, 'lower_is_better')).toBe(100);
    expect(subScore(1e9, lowerBands, 'lower_is_better')).toBe(0);
  });

  test('higher is better: a value at a limit is in that band, just below it in the next', () => {
    expect(subScore(0.9, higherBands, 'higher_is_better')).toBe(100);
    expect(subScore(0.8999, higherBands, 'higher_is_better')).toBe(50);
    expect(subScore(0.8, higherBands, 'higher_is_better')).toBe(50);
    expect(subScore(0.7999, higherBands, 'higher_is_better')).toBe(10);
  });

  test('a limit of zero (no risk flags at all)', () => {
    const bands: Scoring = {
      type: 'bands',
      bands: [{ limit: 0, score: 100 }, { limit: 1, score: 40 }, { score: 0 }],
    };
    expect([0, 1, 2].map((v) => subScore(v, bands, 'lower_is_better'))).toEqual([100, 40, 0]);
  });
});

describe('linear', () => {
  const higher: Scoring = { type: 'linear', zero_at: 0.6, full_at: 0.95 };
  const lower: Scoring = { type: 'linear', zero_at: 0.3, full_at: 0.05 };

  test('interpolates between zero_at and full_at and clamps outside', () => {
    expect(subScore(0.6, higher, 'higher_is_better')).toBe(0);
    expect(subScore(0.95, higher, 'higher_is_better')).toBe(100);
    expect(subScore(0.775, higher, 'higher_is_better')).toBeCloseTo(50, 9);
    expect(subScore(0.5, higher, 'higher_is_better')).toBe(0);
    expect(subScore(1, higher, 'higher_is_better')).toBe(100);
  });

  test('lower is better runs the other way', () => {
    expect(subScore(0.3, lower, 'lower_is_better')).toBe(0);
    expect(subScore(0.05, lower, 'lower_is_better')).toBe(100);
    expect(subScore(0.175, lower, 'lower_is_better')).toBeCloseTo(50, 9);
    expect(subScore(0, lower, 'lower_is_better')).toBe(100);
    expect(subScore(0.9, lower, 'lower_is_better')).toBe(0);
  });
});
