import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../../src/config/mappings/metric-ids.ts';
import type { Fact } from '../../../src/facts/schemas.ts';
import type { AccountLink } from '../../../src/match/types.ts';
import { metricQuery } from '../../../src/metrics/catalogue.ts';
import type { MetricQuery } from '../../../src/metrics/query.ts';
import { constant, eq, fieldsOf, notNull, param } from '../../../src/metrics/query-builders.ts';
import type { MetricValue } from '../../../src/metrics/types.ts';
import { compileMetricBatch } from '../../../src/store/metric-sql/batch.ts';
import { SQLITE_DIALECT } from '../../../src/store/metric-sql/dialect.ts';
import type { Store } from '../../../src/store/store.ts';
import { NOW, SETTINGS, account, call, daysAgo, issue, metric, ticket } from '../../metrics/fixtures.ts';
import { type OpenedStore, STORE_KINDS } from './stores.ts';

/** A small deterministic generator (mulberry32), so the dataset is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Facts with every field the metrics read, nulls included, ties in time and person keys (the
 * ordering of repeat contacts and follow-ups), facts linked to two accounts and facts linked to none.
 */
function dataset(): { facts: Fact[]; links: AccountLink[] } {
  const r = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = <T>(v: T, p = 0.2): T | null => (r() < p ? null : v);
  const accounts = ['A', 'B', 'C', 'D', 'E', 'F'];
  const facts: Fact[] = accounts.map((id) =>
    account(id, { phoneKey: `phone-${id}`, domain: `${id}.example` }),
  );
  const links: AccountLink[] = [];
  const linkTo = (entity: AccountLink['entity'], entityId: string): void => {
    const roll = r();
    if (roll < 0.08) return; // unmatched
    const first = pick(accounts);
    links.push({ entity, entityId, accountId: first, rule: 'test' });
    if (roll > 0.93) {
      const second = pick(accounts.filter((a) => a !== first));
      links.push({ entity, entityId, accountId: second, rule: 'test' });
    }
  };
  // Whole hours, so that equal times (ties) are common.
  const at = (maxDays: number): number => NOW - Math.floor(r() * maxDays * 24) * 3_600_000;
  for (let i = 0; i < 500; i++) {
    const id = `t${i}`;
    const createdAt = at(130);
    const solved = r() < 0.6;
    const solvedAt = solved ? createdAt + Math.floor(r() * 200) * 3_600_000 : null;
    facts.push(
      ticket(id, {
        createdAt,
        updatedAt: solvedAt ?? createdAt,
        solvedAt: solvedAt !== null && solvedAt <= NOW ? solvedAt : null,
        status: solved
          ? pick(['solved', 'closed'] as const)
          : pick(['new', 'open', 'pending', 'hold'] as const),
        priority: maybe(pick(['urgent', 'high', 'normal', 'low'])),
        channel: maybe(pick(['email', 'web', 'voice'])),
        // The category's tag, then the escalation tag, drawn in the order they always were.
        tags: [maybe(pick(['complaint', 'billing', 'failed_payout'])), r() < 0.2 ? 'escalated' : null].filter(
          (x) => x !== null,
        ),
        firstReplyMinutes: maybe(Math.floor(r() * 500) / 2),
        fullResolutionMinutes: solved ? maybe(Math.floor(r() * 3000) / 3) : null,
        replies: maybe(Math.floor(r() * 4)),
        reopens: maybe(Math.floor(r() * 3)),
        slaBreached: maybe(r() < 0.3),
        satisfaction: maybe(pick(['good', 'bad'] as const), 0.6),
        riskFlag: r() < 0.1,
        requesterKey: maybe(`person-${Math.floor(r() * 40)}`, 0.1),
        amount: maybe(Math.floor(r() * 100_000) / 100, 0.7),
      }),
    );
    linkTo('ticket', id);
  }
  for (let i = 0; i < 400; i++) {
    const id = `c${i}`;
    const abandoned = r() < 0.15;
    facts.push(
      call(id, {
        startedAt: at(130),
        direction: r() < 0.85 ? 'inbound' : 'outbound',
        abandoned,
        transferred: r() < 0.1,
        handleSec: abandoned ? null : maybe(Math.floor(r() * 1200) + 0.5),
        talkSec: maybe(Math.floor(r() * 900)),
        callerKey: maybe(
          pick([...Array.from({ length: 30 }, (_, k) => `person-${k}`), 'phone-A', 'phone-B']),
          0.1,
        ),
      }),
    );
    linkTo('call', id);
  }
  for (let i = 0; i < 80; i++) {
    const id = `i${i}`;
    const done = r() < 0.4;
    const createdAt = at(200);
    facts.push(
      issue(id, {
        type: pick(['Bug', 'Bug', 'Story']),
        priority: maybe(pick(['Highest', 'High', 'Medium', 'Low'])),
        statusCategory: done ? 'done' : pick(['new', 'indeterminate'] as const),
        createdAt,
        updatedAt: createdAt,
        resolvedAt: done ? Math.min(NOW, createdAt + 86_400_000) : null,
      }),
    );
    linkTo('issue', id);
  }
  return { facts, links };
}

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

/**
 * The value with each non-integer rounded to 12 significant digits. Counts, samples, quantiles and
 * every other value must match exactly; only sums of reals (a mean of handle times, a weighted bug
 * backlog) may differ in their last bits: SQLite adds reals with compensated (Kahan-Babuska-Neumaier)
 * summation, Postgres plainly, each in its plan's row order. Scores round to 0.1.
 */
function nearlyExact(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(12));
  if (Array.isArray(v)) return v.map(nearlyExact);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nearlyExact(x)]));
  return v;
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

/** Every metric of the catalogue over two windows, and share queries over one window, most choosing facts. */
function batchQueries(): MetricQuery[] {
  const queries = METRIC_IDS.flatMap((id) =>
    [30, 90].map((windowDays) =>
      metricQuery({
        spec: { metric: id, windowDays, params: { category: 'complaint', target_hours: 48 } },
        settings: SETTINGS,
        now: daysAgo(0),
      }),
    ),
  );
  const t = fieldsOf('ticket');
  const window = { time: 'createdAt' as const, from: daysAgo(30), to: daysAgo(0) };
  const read = ({ sample, hits }: { sample: number; hits: number }): MetricValue => ({
    value: hits / sample,
    sample,
  });
  queries.push(
    {
      kind: 'share',
      over: { facts: 'ticket', window, where: eq(t('channel'), param('email')) },
      hit: eq(t('riskFlag'), constant(true)),
      read,
    },
    {
      kind: 'share',
      over: { facts: 'ticket', window, where: notNull(t('satisfaction')) },
      hit: eq(t('satisfaction'), param('good')),
      read,
    },
    // Some accounts have no ticket of this person in the window: no value for them.
    {
      kind: 'share',
      over: { facts: 'ticket', window, where: eq(t('requesterKey'), param('person-3')) },
      hit: eq(t('riskFlag'), constant(false)),
      read,
    },
    { kind: 'share', over: { facts: 'ticket', window }, hit: notNull(t('priority')), read },
  );
  return queries;
}

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

  it.skipIf(kind.skip)('answers each query as it answers alone, for all accounts, one and some', async () => {
    const queries = batchQueries();
    // The batch must merge some queries for this to test anything.
    expect(compileMetricBatch(queries, SQLITE_DIALECT).length).toBeLessThan(queries.length - 4);
    const store = opened!.store;
    const everyone = await store.metrics.compute(queries);
    for (const accounts of [undefined, ['A'], ['A', 'B']]) {
      const batched = await store.metrics.compute(queries, accounts);
      const alone = await Promise.all(
        queries.map(async (q) => (await store.metrics.compute([q], accounts))[0]!),
      );
      // Some accounts' facts only: exactly what the pass over every account gives them.
      for (const [i, values] of batched.entries())
        expect(nearlyExact([...values].sort())).toEqual(
          nearlyExact([...everyone[i]!].filter(([id]) => (accounts ?? [id]).includes(id)).sort()),
        );
      expect(batched.filter((m) => m.size > 0).length).toBeGreaterThan(queries.length / 2);
      // Accounts one query of a merged statement has no fact for.
      expect(batched.at(-2)!.size).toBeLessThan(batched.at(-1)!.size);
      for (const [i, values] of batched.entries())
        expect(nearlyExact([...values].sort()), `query ${i} ${accounts?.join() ?? 'all'}`).toEqual(
          nearlyExact([...alone[i]!].sort()),
        );
    }
  });
});
