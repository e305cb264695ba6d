import { expect, test } from 'vitest';
import { DAY_MS } from '../../src/metrics/windows.ts';
import type { MetricId } from '../../src/config/mappings/metric-ids.ts';
import { metricQuery } from '../../src/metrics/catalogue.ts';
import type { MetricValue } from '../../src/metrics/types.ts';
import type { SqliteStore } from '../../src/store/open-sqlite.ts';
import { NOW, SETTINGS, account, daysAgo, issue, memoryStore, metric, ticket, write } from './fixtures.ts';

/** Metrics as of a past instant (a history rebuild) over facts in their latest state. */
const THEN = NOW - 10 * DAY_MS;

/** A metric as a history rebuild asks for it: `now` in the past. */
const asOf = (store: SqliteStore, id: MetricId, now: number): Promise<Map<string, MetricValue>> =>
  store.metrics
    .compute([
      metricQuery({ spec: { metric: id, windowDays: 30, params: {} }, settings: SETTINGS, now, past: true }),
    ])
    .then(([values]) => values!);

test('open tickets as of a past day: solved since counts as open then, created since does not count', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    [ticket('open', { createdAt: daysAgo(14) }), 'A'],
    [ticket('solved-later', { createdAt: daysAgo(12), status: 'solved', solvedAt: daysAgo(5) }), 'A'],
    [ticket('solved-before', { createdAt: daysAgo(20), status: 'solved', solvedAt: daysAgo(15) }), 'A'],
    [ticket('created-later', { createdAt: daysAgo(3) }), 'A'],
  ]);
  // Live scoring at THEN (facts as they are now) sees only the ticket open now.
  expect((await metric(store, 'open_ticket_age_days', 30, { now: THEN })).get('A')?.sample).toBe(1);
  // Then: open (4 days old) and solved-later (2 days old) were open.
  expect((await asOf(store, 'open_ticket_age_days', THEN)).get('A')).toEqual({
    value: 3,
    sample: 2,
  });
  // Now: open (14 days) and created-later (3 days).
  expect((await metric(store, 'open_ticket_age_days', 30)).get('A')).toEqual({ value: 8.5, sample: 2 });
});

test('open bugs as of a past day: resolved since counts as open then', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    [
      issue('1', {
        createdAt: daysAgo(12),
        statusCategory: 'done',
        resolvedAt: daysAgo(5),
        updatedAt: daysAgo(5),
      }),
      'A',
    ],
    [issue('2', { createdAt: daysAgo(3) }), 'A'],
  ]);
  expect((await asOf(store, 'open_bugs_weighted', THEN)).get('A')?.detail).toMatchObject({
    open: 1,
  });
  expect((await metric(store, 'open_bugs_weighted', 30)).get('A')?.detail).toMatchObject({
    open: 1,
    oldestDays: 3,
  });
});

test('resolution SLA as of a past day leaves out tickets solved since', async () => {
  const store = memoryStore();
  const solved = {
    status: 'solved' as const,
    firstReplyMinutes: 10,
    fullResolutionMinutes: 60,
    priority: 'normal' as const,
  };
  await write(store, [
    account('A'),
    [ticket('early', { ...solved, createdAt: daysAgo(20), solvedAt: daysAgo(20) + 3_600_000 }), 'A'],
    [ticket('late', { ...solved, createdAt: daysAgo(11), solvedAt: daysAgo(5) }), 'A'],
  ]);
  expect((await asOf(store, 'resolution_sla_adherence', THEN)).get('A')?.sample).toBe(1);
  expect((await metric(store, 'resolution_sla_adherence', 30)).get('A')?.sample).toBe(2);
});
