import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricValue } from '../../src/metrics/types.ts';
import { compileMetricBatch } from '../../src/store/metric-sql/batch.ts';
import { SQLITE_DIALECT } from '../../src/store/metric-sql/dialect.ts';
import { type SqliteStore, openSqliteStore } from '../../src/store/open-sqlite.ts';
import { SqliteMetrics } from '../../src/store/sqlite/metrics.ts';
import { ParallelReads } from '../../src/store/sqlite/parallel-reads.ts';
import { ticket } from '../metrics/fixtures.ts';
import { batchQueries, dataset, nearlyExact } from './contract/metric-dataset.ts';

const sorted = (results: Map<string, MetricValue>[]): unknown =>
  nearlyExact(results.map((values) => [...values].sort(([a], [b]) => (a < b ? -1 : 1))));

let dir: string;
let store: SqliteStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hs-parallel-'));
  store = openSqliteStore(join(dir, 'state.db'));
  const { facts, links } = dataset();
  await store.facts.commitPage(
    'test',
    { upserts: facts, deletes: [], links },
    { value: null, fingerprint: 'f' },
  );
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

// The worker reads statements of a batch for every account when the store file is large enough (here: always).
describe('metric queries on two threads (SQLite file store)', () => {
  it('answer each query as the main connection does alone', async () => {
    const queries = batchQueries();
    expect(compileMetricBatch(queries, SQLITE_DIALECT).length).toBeGreaterThan(4);
    const alone = await new SqliteMetrics(store.sqlite, { parallelAboveBytes: Infinity }).compute(queries);
    expect(store.sqlite.parallelReads()?.started).toBe(false);

    const parallel = await new SqliteMetrics(store.sqlite, { parallelAboveBytes: 0 }).compute(queries);
    expect(store.sqlite.parallelReads()?.started).toBe(true);
    expect(alone.filter((m) => m.size > 0).length).toBeGreaterThan(queries.length / 2);
    expect(sorted(parallel)).toEqual(sorted(alone));
  });

  it('see what the caller wrote in its open transaction (the worker cannot: the main connection answers)', async () => {
    const queries = batchQueries();
    const metrics = new SqliteMetrics(store.sqlite, { parallelAboveBytes: 0 });
    const before = await metrics.compute(queries);
    const inside = await store.transaction(async () => {
      await store.facts.commitPage(
        'test',
        {
          upserts: [ticket('late', { riskFlag: true, channel: 'email' })],
          deletes: [],
          links: [{ entity: 'ticket', entityId: 'late', accountId: 'A', rule: 'test' }],
        },
        { value: null, fingerprint: 'g' },
      );
      return metrics.compute(queries);
    });
    const after = await new SqliteMetrics(store.sqlite, { parallelAboveBytes: Infinity }).compute(queries);
    expect(sorted(inside)).toEqual(sorted(after));
    expect(sorted(inside)).not.toEqual(sorted(before));
  });

  it('a worker that is gone leaves the batch to the main connection', async () => {
    const queries = batchQueries();
    const alone = await new SqliteMetrics(store.sqlite, { parallelAboveBytes: Infinity }).compute(queries);
    const metrics = new SqliteMetrics(store.sqlite, { parallelAboveBytes: 0 });
    await metrics.compute(queries);
    await store.sqlite.parallelReads()!.close();
    expect(store.sqlite.parallelReads()).toBeUndefined();
    expect(sorted(await metrics.compute(queries))).toEqual(sorted(alone));
  });
});

describe('ParallelReads', () => {
  it('answers every statement once, some on each thread, and the worker reads the committed store', async () => {
    const reads = new ParallelReads(join(dir, 'state.db'));
    const statements = Array.from({ length: 40 }, (_, i) => ({
      sql: 'SELECT :p0 AS i, (SELECT count(*) FROM tickets) AS n',
      params: { p0: i },
    }));
    const answers: { i: number; where: string; n?: number }[] = [];
    let answeredThere!: () => void;
    const someThere = new Promise<void>((resolve) => (answeredThere = resolve));
    try {
      await reads.run(
        statements,
        // The main thread holds its first statement until the worker has answered one.
        async (i) => {
          await someThere;
          answers.push({ i, where: 'here' });
        },
        (i, rows) => {
          answers.push({ i, where: 'there', n: (rows[0] as { n: number }).n });
          answeredThere();
        },
      );
    } finally {
      await reads.close();
    }
    expect(answers.map((a) => a.i).sort((a, b) => a - b)).toEqual(statements.map((_, i) => i));
    expect(answers.some((a) => a.where === 'here')).toBe(true);
    const there = answers.filter((a) => a.where === 'there');
    expect(there.length).toBeGreaterThan(0);
    expect(there.every((a) => a.n === 500)).toBe(true);
  });
});
