import { describe, expect, it } from 'vitest';
import type { AccountScore } from '../../src/score/types.ts';
import { detectStatusDrops } from '../../src/writeback/status-drops.ts';
import { accountId } from '../connectors/salesforce/fake-org.ts';
import { score } from './fixtures.ts';

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
