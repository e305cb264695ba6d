import { describe, expect, test } from 'vitest';
import { METRIC_IDS } from '../../src/config/mappings/metric-ids.ts';
import { metricQuery } from '../../src/metrics/catalogue.ts';
import { constant, eq, fieldsOf, param } from '../../src/metrics/query-builders.ts';
import type { Cond, MetricQuery } from '../../src/metrics/query.ts';
import { compileMetricQuery } from '../../src/store/metric-sql/compiler.ts';
import { Params } from '../../src/store/metric-sql/expressions.ts';
import type { SqlDialect } from '../../src/store/metric-sql/dialect.ts';
import { copyBatchTables } from '../../src/store/sqlite/metric-batch-tables.ts';
import type { SqliteStore } from '../../src/store/open-sqlite.ts';
import { NOW, SETTINGS, account, memoryStore, ticket, write } from '../metrics/fixtures.ts';

const t = fieldsOf('ticket');

/** Tickets with risk language created in the last day among those `where` takes. */
const share = (where: Cond<'ticket'>): MetricQuery => ({
  kind: 'share',
  over: { facts: 'ticket', window: { time: 'createdAt', from: NOW - 86_400_000, to: NOW }, where },
  hit: eq(t('riskFlag'), constant(true)),
  read: (row) => ({ value: row.hits, sample: row.sample }),
});

function plan(store: SqliteStore, query: MetricQuery, dialect?: SqlDialect): string[] {
  const p = new Params(dialect);
  const { sql } = compileMetricQuery(query, p);
  const rows = store.sqlite.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(p.values) as { detail: string }[];
  return rows.map((r) => r.detail);
}

describe('values', () => {
  test('values from the mappings are bound, never written into the SQL', () => {
    const hostile = "x' OR '1' = '1";
    const p = new Params();
    const { sql } = compileMetricQuery(share(eq(t('channel'), param(hostile))), p);
    expect(sql).not.toContain(hostile);
    expect(Object.values(p.values)).toContain(hostile);
  });

  test('constants of a definition are written as literals, quotes escaped', async () => {
    const store = memoryStore();
    await write(store, [
      account('A'),
      [ticket('quoted', { channel: "it's", riskFlag: true, createdAt: NOW - 1 }), 'A'],
      [ticket('other', { channel: 'its', riskFlag: true, createdAt: NOW - 1 }), 'A'],
    ]);
    const query = share(eq(t('channel'), constant("it's")));
    expect(compileMetricQuery(query, new Params()).sql).toContain("t.channel = 'it''s'");
    expect((await store.metrics.compute([query]))[0]!.get('A')).toEqual({ value: 1, sample: 1 });
  });

  test('a quantile fraction must be a fraction of integers', () => {
    const query: MetricQuery = {
      kind: 'quantile',
      over: { facts: 'ticket' },
      of: t('replies'),
      q: { num: 0.9, den: 1 },
      read: (row) => row,
    };
    expect(() => compileMetricQuery(query, new Params())).toThrow(RangeError);
  });
});

describe('plans (the speed of scoring depends on them)', () => {
  const store = memoryStore();
  const queries = METRIC_IDS.map((id) => ({
    id,
    query: metricQuery({
      spec: { metric: id, windowDays: 30, params: { category: 'complaint', target_hours: 48 } },
      settings: SETTINGS,
      now: NOW,
    }),
  }));

  test('over all accounts, facts come first and each looks up its links', () => {
    for (const { id, query } of queries) {
      const links = plan(store, query).filter((line) => /\b[tci]_l\b/.test(line));
      expect(links.length, id).toBeGreaterThan(0);
      for (const line of links)
        expect(line, id).toContain(
          'USING COVERING INDEX sqlite_autoindex_account_links_1 (entity=? AND entity_id=?)',
        );
    }
  });

  test('for some accounts, a copy of their facts is read the same way, once per batch', async () => {
    await write(store, [account('A'), [ticket('a1', { createdAt: NOW - 1 }), 'A']]);
    const batch = await store.sqlite.run(() => copyBatchTables(store.sqlite, ['A', 'B']));
    for (const { id, query } of queries) {
      const lines = plan(store, query, batch.dialect);
      const links = lines.filter((line) => /\b[tci]_l\b/.test(line));
      expect(links.length, id).toBeGreaterThan(0);
      for (const line of links)
        expect(line, id).toMatch(
          /USING COVERING INDEX metric_batch_\d+_links_entity \(entity=\? AND entity_id=\?\)/,
        );
      // No index of the book's fact tables (on time, or open statuses): each fact is read from the copy.
      const facts = lines.filter((line) => /^(?:SCAN|SEARCH) [tci]\b(?!_)/.test(line));
      expect(facts.length, id).toBeGreaterThan(0);
      for (const line of facts) expect(line, id).not.toMatch(/USING (?:COVERING )?INDEX /);
    }
    batch.drop();
    // A batch of the store leaves no copy behind, whatever it read.
    await store.metrics.compute(
      queries.map((q) => q.query),
      ['A'],
    );
    expect(store.sqlite.db.prepare('SELECT name FROM sqlite_temp_master').all()).toEqual([]);
    expect(() => compileMetricQuery(queries[0]!.query, new Params(), ['A'])).toThrow(/copyBatchTables/);
  });

  test('open tickets are found by the partial index on their statuses', () => {
    const query = queries.find((q) => q.id === 'open_ticket_age_days')!.query;
    expect(plan(store, query)).toContainEqual(expect.stringContaining('USING INDEX tickets_open'));
  });
});
