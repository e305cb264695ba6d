import type { Mappings } from '../../src/config/mappings/index.ts';
import { digestOf } from '../../src/config/mappings/digest.ts';
import { hashKeyId } from '../../src/facts/keys.ts';
import type { SourceDefinition } from '../../src/facts/source-definition.ts';
import { systemClock } from '../../src/http/sleep.ts';
import type { StreamDef } from '../../src/facts/stream.ts';
import { genesysCallsStream } from './calls-stream.ts';
import { createGenesysClient, type GenesysClientDeps } from './client.ts';
import { genesysEnv, type GenesysEnv } from './env.ts';
import { GENESYS_LIMITS } from './limits.ts';

export { genesysCallsStream, OPEN_HOLD_MS } from './calls-stream.ts';
export { createGenesysClient } from './client.ts';
export type { GenesysEnv } from './env.ts';
export { MAX_JOBS_IN_FLIGHT } from './job-queue.ts';
export { mapConversation } from './map-call.ts';
export { planWindows, readUntil, toInterval, type TimeWindow } from './windows.ts';
export * from './schemas.ts';

/** Bump when the mapper changes what it produces, so stored cursors restart and facts are rebuilt. */
const MAPPER_VERSION = 1;

export interface GenesysStreamDeps extends GenesysClientDeps {
  hashKey: string;
  maxJobWaitMs?: number;
  /** Async jobs in flight at once (default MAX_JOBS_IN_FLIGHT; 1 reads them serially). */
  maxJobsInFlight?: number;
}

/**
 * The Genesys streams for the pipeline. The cursor's fingerprint covers what selects and shapes a call
 * fact (start date, media types, queues, the caller-number country and the hash key); window size, lag
 * and paging only change how it is read, so they do not restart the stream.
 */
export function genesysStreams(
  env: GenesysEnv,
  mappings: Mappings,
  deps: GenesysStreamDeps,
): StreamDef<unknown>[] {
  const countryCode = mappings.accounts.phone_default_country_code;
  const fingerprint = genesysFingerprints(env, mappings, hashKeyId(deps.hashKey))['genesys.calls']!;
  return [
    genesysCallsStream({
      http: createGenesysClient(env, deps),
      mapping: mappings.genesys,
      hashKey: deps.hashKey,
      countryCode,
      fingerprint,
      clock: deps.clock ?? systemClock,
      ...(deps.maxJobWaitMs === undefined ? {} : { maxJobWaitMs: deps.maxJobWaitMs }),
      ...(deps.maxJobsInFlight === undefined ? {} : { maxJobsInFlight: deps.maxJobsInFlight }),
    }),
  ];
}

function genesysFingerprints(env: GenesysEnv, mappings: Mappings, keyId: string): Record<string, string> {
  const g = mappings.genesys;
  return {
    'genesys.calls': digestOf({
      v: MAPPER_VERSION,
      start_date: g.start_date,
      media_types: g.media_types,
      queues: g.queues,
      countryCode: mappings.accounts.phone_default_country_code,
      hashKey: keyId,
      instance: env.apiBaseUrl,
    }),
  };
}

/** Genesys Cloud: calls, by closed time windows. */
export const genesysSource: SourceDefinition<'genesys', GenesysEnv> = {
  name: 'genesys',
  role: 'activity',
  env: genesysEnv,
  limits: GENESYS_LIMITS,
  streamNames: () => ['genesys.calls'],
  fingerprints: genesysFingerprints,
  // A details query per window, and a page per `page_size` calls. A busy window read as an async job
  // costs a few requests more (create, poll, results): an estimate, not a count.
  readCost: (_stream, { stored, mappings, now }) => {
    const g = mappings.genesys;
    const windows = Math.ceil((now - Date.parse(`${g.start_date}T00:00:00Z`)) / (g.window_hours * 3_600_000));
    return {
      records: stored.call,
      requests: Math.max(0, windows) + Math.ceil(stored.call / g.page_size),
      bucket: 'default',
    };
  },
  streams: (env, { mappings, counters, log, scrubber, rateLimits, hashKey }) =>
    genesysStreams(env, mappings, { counters, log, scrubber, rateLimits, hashKey }),
};
