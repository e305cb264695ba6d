import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../../src/config/mappings/metric-ids.ts';
import type { MetricValue } from '../../../src/metrics/types.ts';
import { compileMetricBatch } from '../../../src/store/metric-sql/batch.ts';
import { SQLITE_DIALECT } from '../../../src/store/metric-sql/dialect.ts';
import type { Store } from '../../../src/store/store.ts';
import { SETTINGS, daysAgo, metric } from '../../metrics/fixtures.ts';
import { batchQueries, dataset, nearlyExact } from './metric-dataset.ts';
import { type OpenedStore, STORE_KINDS } from './stores.ts';

/** Every metric of the catalogue over several windows, for all accounts and for one, with the settings of the metric tests. */
async function everyMetric(store: Store): Promise<Record<string, [string, MetricValue][]>> {
  const out: Record<string, [string, MetricValue][]> = {};
  for (const id of METRIC_IDS)
    for (const windowDays of [1, 7, 30, 90])
      for (const accountId of [undefined, 'A']) {
        const values = await metric(store, id, windowDays, {
          params: { category: 'complaint', target_hours: 48 },
          settings: SETTINGS,
          now: daysAgo(0),
          ...(accountId ? { accountId } : {}),
        });
        out[`${id} ${windowDays}d ${accountId ?? 'all'}`] = [...values].sort(([a], [b]) => (a < b ? -1 : 1));
      }
  return out;
}

const [sqlite, postgres] = STORE_KINDS;

// The Postgres compiler must answer exactly as SQLite's, value for value: both stores get the same
// facts and every metric is compared (SQLite's answers are the reference the metric tests check).
describe.skipIf(postgres!.skip)(
  'store contract: metric queries answer the same on Postgres as on SQLite',
  () => {
    let stores: OpenedStore[] = [];
    beforeAll(async () => {
      stores = [await sqlite!.open(), await postgres!.open()];
      const { facts, links } = dataset();
      for (const { store } of stores)
        await store.facts.commitPage(
          'test',
          { upserts: facts, deletes: [], links },
          { value: null, fingerprint: 'f' },
        );
    });
    afterAll(async () => {
      for (const s of stores) await s.dispose();
    });

    it('every metric of the catalogue, every window, all accounts and one', async () => {
      const [expected, actual] = [await everyMetric(stores[0]!.store), await everyMetric(stores[1]!.store)];
      // The dataset must give the metrics something to disagree on.
      const withValues = Object.values(expected).filter((rows) => rows.some(([, v]) => v.value !== null));
      expect(withValues.length).toBeGreaterThan(150);
      for (const key of Object.keys(expected))
        expect(nearlyExact(actual[key]), key).toEqual(nearlyExact(expected[key]));
    });
  },
);

// A batch reads facts once for the share queries that scan the same ones: each query's values must
// be exactly what it gives alone, accounts without a fact for it included.
describe.each(STORE_KINDS)('store contract ($name): a batch of metric queries', (kind) => {
  let opened: OpenedStore | undefined;
  beforeAll(async () => {
    if (kind.skip) return;
    opened = await kind.open();
    const { facts, links } = dataset();
    await opened.store.facts.commitPage(
      'test',
      { upserts: facts, deletes: [], links },
      { value: null, fingerprint: 'f' },
    );
  });
  afterAll(async () => {
    await opened?.dispose();
  });

  it.skipIf(kind.skip)('answers each query as it answers alone, for all accounts and for one', async () => {
    const queries = batchQueries();
    // The batch must merge some queries for this to test anything.
    expect(compileMetricBatch(queries, SQLITE_DIALECT).length).toBeLessThan(queries.length - 4);
    const store = opened!.store;
    for (const accountId of [undefined, 'A']) {
      const batched = await store.metrics.compute(queries, accountId);
      const alone = await Promise.all(
        queries.map(async (q) => (await store.metrics.compute([q], accountId))[0]!),
      );
      expect(batched.filter((m) => m.size > 0).length).toBeGreaterThan(queries.length / 2);
      // Accounts one query of a merged statement has no fact for.
      expect(batched.at(-2)!.size).toBeLessThan(batched.at(-1)!.size);
      for (const [i, values] of batched.entries())
        expect(nearlyExact([...values].sort()), `query ${i} ${accountId ?? 'all'}`).toEqual(
          nearlyExact([...alone[i]!].sort()),
        );
    }
  });
});
