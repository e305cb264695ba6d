import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { quantileOfSorted } from '../../src/metrics/quantile.ts';
import type { MetricSettings } from '../../src/metrics/types.ts';
import { account, daysAgo, memoryStore, metric, SETTINGS, ticket, write } from './fixtures.ts';
import type { SqliteStore } from '../../src/store/open-sqlite.ts';

// A resolution target of 1 minute makes the ratio equal the minutes, so quantiles read directly.
const UNIT: MetricSettings = {
  ...SETTINGS,
  sla: { ...SETTINGS.sla, resolutionMinutes: { normal: 1 }, byCategory: {} },
};

async function storeWith(values: number[], accountId = 'A'): Promise<SqliteStore> {
  const store = memoryStore();
  await write(store, [
    account(accountId),
    ...values.map((v, i): [ReturnType<typeof ticket>, string] => [
      ticket(`t${i}`, { status: 'solved', solvedAt: daysAgo(1), fullResolutionMinutes: v }),
      accountId,
    ]),
  ]);
  return store;
}

const median = async (store: SqliteStore) =>
  (await metric(store, 'resolution_vs_sla_median', 30, { settings: UNIT })).get('A');
const p90 = async (store: SqliteStore) =>
  (await metric(store, 'resolution_vs_sla_p90', 30, { settings: UNIT })).get('A');

describe('median and p90 in SQL', () => {
  test('one value is its own median and p90', async () => {
    const s = await storeWith([7]);
    expect(await median(s)).toEqual({ value: 7, sample: 1 });
    expect(await p90(s)).toEqual({ value: 7, sample: 1 });
  });

  test('odd count: the middle value; p90 interpolates between ranks', async () => {
    const s = await storeWith([30, 10, 20]);
    expect(await median(s)).toEqual({ value: 20, sample: 3 });
    // position (3 − 1) × 0.9 = 1.8: 20 + 0.8 × (30 − 20)
    expect((await p90(s))!.value).toBeCloseTo(28, 12);
  });

  test('even count: the mean of the middle two', async () => {
    const s = await storeWith([40, 10, 30, 20]);
    expect(await median(s)).toEqual({ value: 25, sample: 4 });
    // position 3 × 0.9 = 2.7: 30 + 0.7 × 10
    expect((await p90(s))!.value).toBeCloseTo(37, 12);
  });

  test('eleven values: p90 falls exactly on the tenth', async () => {
    const s = await storeWith([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]);
    expect((await median(s))!.value).toBe(6);
    expect((await p90(s))!.value).toBe(10);
  });

  test('ties and zeros', async () => {
    const s = await storeWith([0, 0, 5, 5]);
    expect((await median(s))!.value).toBe(2.5);
    expect((await p90(s))!.value).toBe(5);
  });

  test('quantiles are per account', async () => {
    const store = memoryStore();
    await write(store, [
      account('A'),
      account('B'),
      [ticket('a1', { status: 'solved', solvedAt: daysAgo(1), fullResolutionMinutes: 1 }), 'A'],
      [ticket('a2', { status: 'solved', solvedAt: daysAgo(1), fullResolutionMinutes: 3 }), 'A'],
      [ticket('b1', { status: 'solved', solvedAt: daysAgo(1), fullResolutionMinutes: 100 }), 'B'],
    ]);
    const m = await metric(store, 'resolution_vs_sla_median', 30, { settings: UNIT });
    expect(m.get('A')).toEqual({ value: 2, sample: 2 });
    expect(m.get('B')).toEqual({ value: 100, sample: 1 });
  });

  test('SQL agrees with the reference on random data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 40 }),
        async (values) => {
          const s = await storeWith(values);
          const sorted = [...values].sort((a, b) => a - b);
          expect((await median(s))!.value).toBeCloseTo(quantileOfSorted(sorted, 1, 2)!, 9);
          expect((await p90(s))!.value).toBeCloseTo(quantileOfSorted(sorted, 9, 10)!, 9);
          await s.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});

test('the reference quantile at its edges', () => {
  expect(quantileOfSorted([], 1, 2)).toBeNull();
  expect(quantileOfSorted([3], 9, 10)).toBe(3);
  expect(quantileOfSorted([1, 2], 1, 2)).toBe(1.5);
  expect(quantileOfSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 9, 10)).toBe(10);
});

test('resolution ratios use the category target over the priority target', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    // normal: 400 minutes; complaint: 50 minutes whatever the priority
    [ticket('t1', { status: 'solved', solvedAt: daysAgo(1), fullResolutionMinutes: 200 }), 'A'],
    [
      ticket('t2', {
        status: 'closed',
        solvedAt: daysAgo(1),
        fullResolutionMinutes: 100,
        tags: ['complaint'],
      }),
      'A',
    ],
    // left out: not solved, no resolution time, no target (no priority, no category override)
    [ticket('t3', { status: 'open', solvedAt: daysAgo(1), fullResolutionMinutes: 10 }), 'A'],
    [ticket('t4', { status: 'solved', solvedAt: daysAgo(1), fullResolutionMinutes: null }), 'A'],
    [
      ticket('t5', { status: 'solved', solvedAt: daysAgo(1), fullResolutionMinutes: 10, priority: null }),
      'A',
    ],
    // solved before the window
    [ticket('t6', { status: 'solved', solvedAt: daysAgo(31), fullResolutionMinutes: 4000 }), 'A'],
  ]);
  // ratios 0.5 and 2: median 1.25
  expect((await metric(store, 'resolution_vs_sla_median', 30)).get('A')).toEqual({ value: 1.25, sample: 2 });
});
