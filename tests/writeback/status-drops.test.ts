import { describe, expect, it } from 'vitest';
import type { AccountScore } from '../../src/score/types.ts';
import { detectStatusDrops, statusDropAlert } from '../../src/writeback/status-drops.ts';
import { accountId } from '../connectors/salesforce/fake-org.ts';
import { COMPUTED_AT, account, score } from './fixtures.ts';

const A = accountId(1);

describe('detectStatusDrops', () => {
  const detect = (
    from: string | undefined,
    to: AccountScore['status'],
    when: 'any' | 'to_red' = 'any',
    baseline?: string,
  ) =>
    detectStatusDrops({
      current: [score(A, { status: to })],
      previous: new Map(from ? [[A, from]] : []),
      baselines: new Map(baseline ? [[A, baseline]] : []),
      when,
    });

  it.each([
    ['green', 'yellow', 'any', 1],
    ['yellow', 'red', 'any', 1],
    ['green', 'red', 'any', 1],
    ['red', 'green', 'any', 0],
    ['green', 'green', 'any', 0],
    ['green', 'yellow', 'to_red', 0],
    ['yellow', 'red', 'to_red', 1],
    [undefined, 'red', 'any', 0],
    ['green', 'insufficient_data', 'any', 0],
  ] as const)('%s → %s (%s): %d drop', (from, to, when, n) => {
    expect(detect(from, to, when).drops).toHaveLength(n);
  });

  it('leaves to the configuration a drop the previous configuration would not have made', () => {
    const under = (status: string) =>
      detectStatusDrops({
        current: [score(A, { status: 'red' })],
        previous: new Map([[A, 'green']]),
        baselines: new Map(),
        when: 'any',
        underPreviousConfig: new Map([[A, status]]),
      });
    // Same facts, previous configuration: still green, so ops moved it. No drop; the baseline moves.
    expect(under('green')).toMatchObject({ drops: [], configDrops: [{ from: 'green', to: 'red' }] });
    expect(under('green').baselines).toEqual([{ accountId: A, status: 'red' }]);
    // The previous configuration drops it too (to yellow): the facts moved it, the Task is green → red.
    expect(under('yellow')).toMatchObject({ drops: [{ from: 'green', to: 'red' }], configDrops: [] });
    expect(under('insufficient_data').drops).toHaveLength(1);
  });

  it('prefers the durable baseline and keeps it through insufficient_data', () => {
    expect(detect('green', 'yellow', 'any', 'yellow').drops).toHaveLength(0);
    const noData = detect('green', 'insufficient_data', 'any', 'green');
    expect(noData.baselines).toEqual([]);
    expect(detect('insufficient_data', 'red', 'any', 'green').drops[0]).toMatchObject({
      from: 'green',
      to: 'red',
    });
  });
});

describe('statusDropAlert', () => {
  const task = {
    subject_prefix: '[Health]',
    priority: 'High' as const,
    status: 'Not Started',
    due_in_days: 2,
  };
  const drop = { accountId: A, from: 'green', to: 'yellow', day: '2026-11-23', key: `status_drop:${A}` };
  const description = (o: Partial<AccountScore>): string =>
    statusDropAlert(drop, score(A, o), account(A), task, COMPUTED_AT).detail.task.description;

  it('lists what pulls the score down, or says that nothing is below target', () => {
    expect(description({})).toContain(
      'Pulling the score down:\n- CSAT 71% over 38 ratings (target 90%)\n- Median resolution 1.4× the SLA target',
    );
    expect(description({ drivers: [], strengths: ['SLA adherence 99%'] })).toContain(
      'Pulling the score down:\n- Nothing below target',
    );
  });
});
