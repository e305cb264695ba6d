import { describe, expect, test } from 'vitest';
import { accountPreviewText } from '../../src/score/preview-text.ts';
import type { AccountScore } from '../../src/score/types.ts';
import { linearMeasure, score, scorecard } from './helpers.ts';

const card = scorecard({
  version: 'v1',
  coverage_floor: 0.5,
  status: { green: 70, yellow: 45 },
  drivers: 3,
  measures: [
    linearMeasure('csat', 50, { label: 'CSAT', target: 0.9 }),
    linearMeasure('sla', 30, { label: 'SLA adherence', metric: 'sla_adherence', target: 0.95 }),
    linearMeasure('fcr', 20, { label: 'First-contact resolution', metric: 'first_contact_resolution' }),
  ],
});

const text = (s: AccountScore): string =>
  accountPreviewText({ account: { id: 'A', name: 'Acme', tier: null }, score: s, saved: null });
/** The lines from a section's title to the next title (or the end). */
const section = (out: string, title: string): string[] => {
  const lines = out.split('\n');
  const from = lines.indexOf(title);
  expect(from, `no "${title}" in\n${out}`).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(from + 1);
  const end = rest.findIndex((l) => !l.startsWith('  '));
  return end < 0 ? rest : rest.slice(0, end);
};

describe('preview --account: what pulls the score down and what holds it up', () => {
  test('a yellow account lists both, worst and best first', () => {
    const out = text(
      score(card, {
        csat: { value: 0.71, sample: 38 },
        sla: { value: 0.97, sample: 120 },
        fcr: { value: 0.8, sample: 30 },
      }),
    );
    expect(section(out, 'Pulling the score down:')).toEqual(['  1. CSAT 71% over 38 ratings (target 90%)']);
    expect(section(out, 'Strengths:')).toEqual([
      '  1. SLA adherence 97% over 120 tickets (target 95%)',
      '  2. First-contact resolution 80% over 30 solved tickets',
    ]);
    expect(out).not.toContain('drivers:');
  });

  test('a green account with nothing below target says so', () => {
    const out = text(
      score(card, {
        csat: { value: 0.94, sample: 40 },
        sla: { value: 0.97, sample: 120 },
        fcr: { value: 0.9, sample: 30 },
      }),
    );
    expect(out).toMatch(/status green/);
    expect(section(out, 'Pulling the score down:')).toEqual(['  Nothing below target']);
    expect(section(out, 'Strengths:')).toEqual([
      '  1. SLA adherence 97% over 120 tickets (target 95%)',
      '  2. CSAT 94% over 40 ratings (target 90%)',
      '  3. First-contact resolution 90% over 30 solved tickets',
    ]);
  });

  test('an account with everything below target has no strengths', () => {
    const out = text(
      score(card, {
        csat: { value: 0.5, sample: 40 },
        sla: { value: 0.5, sample: 120 },
        fcr: { value: 0.5, sample: 30 },
      }),
    );
    expect(section(out, 'Pulling the score down:')).toHaveLength(3);
    expect(section(out, 'Strengths:')).toEqual(['  None at or above target']);
  });

  test('without a score: why, and neither section', () => {
    const out = text(score(card, { fcr: { value: 1, sample: 30 } }));
    expect(section(out, 'No score:')).toEqual([
      '  1. Not enough data: 20% of the scorecard weight has data (needs 50%)',
      '  2. CSAT: not enough data (0 ratings, needs 1)',
      '  3. SLA adherence: not enough data (0 tickets, needs 1)',
    ]);
    expect(out).not.toContain('Pulling the score down');
    expect(out).not.toContain('Strengths');
  });
});
