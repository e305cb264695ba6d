import { expect, it } from 'vitest';
import type { PendingSnapshotRow } from '../../../src/store/snapshot-rows.ts';
import { describeStoreContract } from './stores.ts';

const row = (key: string, content: string, weekStart = '2026-11-16'): PendingSnapshotRow => ({
  key,
  accountId: key.split(':')[0]!,
  weekStart,
  content,
});

describeStoreContract('store contract: snapshot rows', (ctx) => {
  const rows = () => ctx().store.snapshotRows;

  it('confirms the content a job sent on success; a job without a result leaves the row unconfirmed', async () => {
    await rows().markPending('J1', [row('A:w1', 'a1'), row('B:w1', 'b1'), row('C:w1', 'c1')]);
    expect(await rows().pendingCount('J1')).toBe(3);
    expect(await rows().pendingCount('J2')).toBe(0);
    expect(await rows().confirmed()).toEqual(new Map());
    await rows().settle(
      'J1',
      [
        { key: 'A:w1', success: true },
        { key: 'B:w1', success: true },
      ],
      1000,
    );
    expect(await rows().pendingCount('J1')).toBe(0);
    expect(await rows().confirmed()).toEqual(
      new Map([
        ['A:w1', 'a1'],
        ['B:w1', 'b1'],
      ]),
    );
    // Sent again in a later job, and refused: the confirmed content stays.
    await rows().markPending('J2', [row('A:w1', 'a2'), row('C:w1', 'c2')]);
    expect(await rows().pendingCount('J2')).toBe(2);
    await rows().settle('J2', [{ key: 'A:w1', success: false, error: 'locked' }], 2000);
    expect(await rows().confirmed()).toEqual(
      new Map([
        ['A:w1', 'a1'],
        ['B:w1', 'b1'],
      ]),
    );
    expect(await rows().refused()).toEqual(new Map());
  });

  it('keeps content refused for good until a success or a passing failure clears it', async () => {
    await rows().markPending('J1', [row('A:w1', 'a1'), row('B:w1', 'b1')]);
    await rows().settle(
      'J1',
      [
        { key: 'A:w1', success: false, error: 'bad picklist', permanent: true },
        { key: 'B:w1', success: false, permanent: true },
      ],
      1000,
    );
    expect(await rows().refused()).toEqual(
      new Map([
        ['A:w1', 'a1'],
        ['B:w1', 'b1'],
      ]),
    );
    expect(await rows().confirmed()).toEqual(new Map());
    await rows().markPending('J2', [row('A:w1', 'a2'), row('B:w1', 'b2')]);
    await rows().settle(
      'J2',
      [
        { key: 'A:w1', success: true },
        { key: 'B:w1', success: false, error: 'timeout' },
      ],
      2000,
    );
    expect(await rows().refused()).toEqual(new Map());
    expect(await rows().confirmed()).toEqual(new Map([['A:w1', 'a2']]));
  });

  it('applies a key’s results in order: any success confirms, the last one decides the refusal', async () => {
    await rows().markPending('J1', [row('A:w1', 'a1'), row('B:w1', 'b1')]);
    await rows().settle(
      'J1',
      [
        { key: 'A:w1', success: true },
        { key: 'A:w1', success: false, error: 'dup', permanent: true },
        { key: 'B:w1', success: false, error: 'x', permanent: true },
        { key: 'B:w1', success: true },
      ],
      1000,
    );
    expect(await rows().confirmed()).toEqual(
      new Map([
        ['A:w1', 'a1'],
        ['B:w1', 'b1'],
      ]),
    );
    expect(await rows().refused()).toEqual(new Map([['A:w1', 'a1']]));
  });

  it('settles only the rows of that job: results for another job’s rows change nothing', async () => {
    await rows().markPending('J1', [row('A:w1', 'a1')]);
    await rows().markPending('J2', [row('B:w1', 'b1')]);
    await rows().settle(
      'J1',
      [
        { key: 'B:w1', success: true },
        { key: 'Z:w1', success: true },
      ],
      1000,
    );
    expect(await rows().confirmed()).toEqual(new Map());
    expect(await rows().pendingCount('J1')).toBe(0);
    expect(await rows().pendingCount('J2')).toBe(1);
    // A row moved to a later job waits for that one only.
    await rows().markPending('J3', [row('B:w1', 'b2')]);
    expect(await rows().pendingCount('J2')).toBe(0);
    await rows().settle('J2', [{ key: 'B:w1', success: true }], 2000);
    expect(await rows().confirmed()).toEqual(new Map());
    await rows().settle('J3', [{ key: 'B:w1', success: true }], 3000);
    expect(await rows().confirmed()).toEqual(new Map([['B:w1', 'b2']]));
  });

  it('a key given twice in one job is sent with its last content', async () => {
    await rows().markPending('J1', [row('A:w1', 'first'), row('A:w1', 'second')]);
    expect(await rows().pendingCount('J1')).toBe(1);
    await rows().settle('J1', [{ key: 'A:w1', success: true }], 1000);
    expect(await rows().confirmed()).toEqual(new Map([['A:w1', 'second']]));
    await rows().markPending('J2', []);
    expect(await rows().pendingCount('J2')).toBe(0);
    await rows().settle('J2', [], 2000);
    expect(await rows().confirmed()).toEqual(new Map([['A:w1', 'second']]));
  });

  it('counts and prunes rows of weeks strictly before a week, pending or confirmed', async () => {
    await rows().markPending('J1', [
      row('A:w1', 'a', '2026-11-02'),
      row('B:w1', 'b', '2026-11-09'),
      row('C:w1', 'c', '2026-11-16'),
      row('D:w1', 'd', '2026-11-23'),
    ]);
    await rows().settle('J1', [{ key: 'A:w1', success: true }], 1000);
    await rows().markPending('J2', [row('B:w1', 'b2', '2026-11-09')]);
    expect(await rows().countBefore('2026-11-02')).toBe(0);
    expect(await rows().countBefore('2026-11-16')).toBe(2);
    expect(await rows().pruneBefore('2026-11-16')).toBe(2);
    expect(await rows().countBefore('2026-11-16')).toBe(0);
    expect(await rows().countBefore('2026-11-30')).toBe(2);
    expect(await rows().pendingCount('J2')).toBe(0);
    expect(await rows().confirmed()).toEqual(new Map());
    expect(await rows().pruneBefore('2026-11-16')).toBe(0);
  });

  it('keeps the journal across a restart', async () => {
    await rows().markPending('J1', [row('A:w1', 'a1')]);
    const again = await ctx().reopen();
    expect(await again.snapshotRows.pendingCount('J1')).toBe(1);
    await again.snapshotRows.settle('J1', [{ key: 'A:w1', success: true }], 1000);
    expect(await rows().confirmed()).toEqual(new Map([['A:w1', 'a1']]));
  });
});
