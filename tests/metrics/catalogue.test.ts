import { expect, test } from 'vitest';
import { METRIC_IDS } from '../../src/config/mappings/metric-ids.ts';
import { METRICS, metricQuery } from '../../src/metrics/catalogue.ts';
import { computeMetrics } from '../../src/sync/stages/compute-metrics.ts';
import type { MetricQuery } from '../../src/metrics/query.ts';
import type { MetricSettings, MetricSpec } from '../../src/metrics/types.ts';
import type { MetricRepo } from '../../src/store/metrics.ts';
import { NOW, SETTINGS } from './fixtures.ts';

const OTHER_SLA: MetricSettings = {
  ...SETTINGS,
  sla: { ...SETTINGS.sla, resolutionMinutes: { normal: 1 }, byCategory: { vip: { firstReplyMinutes: 5 } } },
};
const OTHER_BUGS: MetricSettings = {
  ...SETTINGS,
  bugs: { priorityWeights: { Low: 0.5 }, ageWeightPerDay: 0.1, bugTypes: ['Defect'] },
};

const OTHER_TICKETS: MetricSettings = {
  ...SETTINGS,
  tickets: {
    categoryValues: [['cb', 'chargeback']],
    categoryTags: [['gripe', 'complaint']],
    escalation: { tags: ['tier3'], priorities: ['urgent'], groups: [42] },
  },
};

const spec = (metric: MetricSpec['metric']): MetricSpec => ({
  metric,
  windowDays: 30,
  params: { category: 'complaint', target_hours: 48 },
});
/** The query as data (its reader left out), to compare what two requests ask of the store. */
const asData = (q: MetricQuery): string => JSON.stringify(q);

test('a metric declares every setting its query reads (the cache of computeMetrics relies on it)', () => {
  for (const id of METRIC_IDS) {
    const base = asData(metricQuery({ spec: spec(id), settings: SETTINGS, now: NOW }));
    const sla = asData(metricQuery({ spec: spec(id), settings: OTHER_SLA, now: NOW }));
    const bugs = asData(metricQuery({ spec: spec(id), settings: OTHER_BUGS, now: NOW }));
    const tickets = asData(metricQuery({ spec: spec(id), settings: OTHER_TICKETS, now: NOW }));
    const reads = METRICS[id].reads ?? [];
    expect(sla !== base, id).toBe(reads.includes('sla'));
    expect(bugs !== base, id).toBe(reads.includes('bugs'));
    expect(tickets !== base, id).toBe(reads.includes('tickets'));
  }
});

/** A repo that answers every query with an empty result and records what it was asked, and in how many batches. */
function recordingRepo(): MetricRepo & {
  asked: { query: MetricQuery; accounts: readonly string[] | undefined }[];
  batches: number[];
} {
  const asked: { query: MetricQuery; accounts: readonly string[] | undefined }[] = [];
  const batches: number[] = [];
  return {
    asked,
    batches,
    compute: (queries, accounts) => {
      batches.push(queries.length);
      for (const query of queries) asked.push({ query, accounts });
      return Promise.resolve(queries.map(() => new Map()));
    },
    accountsCrossing: () => Promise.resolve(new Set()),
  };
}

test('computeMetrics runs each distinct spec once, and reruns only the metrics whose settings changed', async () => {
  const repo = recordingRepo();
  const cache = new Map();
  const specs = [spec('csat'), spec('sla_adherence'), spec('open_bugs_weighted'), spec('csat')];
  const first = await computeMetrics(repo, specs, SETTINGS, NOW, { accounts: ['A'], cache });
  expect(first.size).toBe(3);
  expect(repo.asked.map((a) => a.accounts)).toEqual([['A'], ['A'], ['A']]);
  // One batch, so that the store can read facts once for the queries that scan the same ones.
  expect(repo.batches).toEqual([3]);

  await computeMetrics(repo, specs, OTHER_SLA, NOW, { accounts: ['A'], cache });
  expect(repo.asked).toHaveLength(4);
  expect(asData(repo.asked[3]!.query)).toBe(
    asData(metricQuery({ spec: spec('sla_adherence'), settings: OTHER_SLA, now: NOW })),
  );

  await computeMetrics(repo, specs, OTHER_BUGS, NOW, { accounts: ['A'], cache });
  expect(repo.asked).toHaveLength(5);
  expect(repo.asked[4]!.query.kind).toBe('weightedBacklog');
});
