import type { ApiContext } from '../http/context.ts';
import type { SfResponse } from '../http/respond.ts';

/**
 * `GET /limits`: the org's allocations. DailyApiRequests reflects every counted call; the others are
 * static except DailyBulkApiBatches, which Bulk 2.0 ingest jobs draw on (one batch per 10,000 rows).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
 */
export function handleLimits(ctx: ApiContext): SfResponse {
  const { used, max } = ctx.state.usage;
  const batches = [...ctx.state.jobs.values()].reduce((n, job) => n + job.batchesUsed, 0);
  const fixed = (m: number): { Max: number; Remaining: number } => ({ Max: m, Remaining: m });
  return {
    status: 200,
    json: {
      ActiveScratchOrgs: fixed(0),
      ConcurrentAsyncGetReportInstances: fixed(200),
      ConcurrentSyncReportRuns: fixed(20),
      DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
      DailyAsyncApexExecutions: fixed(250000),
      DailyBulkApiBatches: { Max: 15000, Remaining: Math.max(0, 15000 - batches) },
      DailyBulkV2QueryFileStorageMB: fixed(976562),
      DailyBulkV2QueryJobs: fixed(10000),
      DailyDurableStreamingApiEvents: fixed(1000000),
      DailyStreamingApiEvents: fixed(1000000),
      DataStorageMB: { Max: 5120, Remaining: 5100 },
      FileStorageMB: { Max: 20480, Remaining: 20480 },
      HourlyODataCallout: fixed(20000),
      HourlyTimeBasedWorkflow: fixed(1000),
      MassEmail: fixed(5000),
      SingleEmail: fixed(5000),
    },
  };
}

/** `GET /services/data/vXX.X/`: the resources of one version. */
export function handleResources(ctx: ApiContext, loginUrl: string): SfResponse {
  const base = `/services/data/v${ctx.version}`;
  const names = [
    'sobjects',
    'query',
    'queryAll',
    'limits',
    'composite',
    'jobs',
    'search',
    'recent',
    'tooling',
    'analytics',
  ];
  const json: Record<string, string> = Object.fromEntries(names.map((n) => [n, `${base}/${n}`]));
  json['identity'] = `${loginUrl}/id/${ctx.state.orgId}/${ctx.userId}`;
  return { status: 200, json };
}

/** Version labels: 20.0 was Winter '11, and three releases a year follow. */
export function versionLabel(version: number): string {
  const index = Math.round(version) - 20;
  const season = ['Winter', 'Spring', 'Summer'][index % 3] ?? 'Winter';
  const year = 11 + Math.floor(index / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}
