import type { SalesforceSession } from '../../connectors/salesforce/index.ts';
import type { AppEnv } from '../config/env.ts';
import type { Mappings } from '../config/mappings/index.ts';
import type { RequestCounters } from '../http/types.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import { READ_ORDER, sourceNamed, type SourceName } from '../sources.ts';
import type { Store } from '../store/store.ts';
import { everCompleted } from './run-stream.ts';
import type { StreamDef } from '../facts/stream.ts';

export interface SourceStreamDeps {
  env: AppEnv;
  mappings: Mappings;
  store: Store;
  log: Logger;
  scrubber: SecretScrubber;
  hashKey: string;
  counters: RequestCounters;
  salesforce: () => Promise<SalesforceSession>;
}

/** The streams of one configured source, in the order they must run. */
export function streamsFor(source: SourceName, deps: SourceStreamDeps): StreamDef<unknown>[] {
  const { env, mappings, store, log, scrubber, hashKey, counters } = deps;
  const config = env[source];
  if (config === undefined) return [];
  return sourceNamed(source).streams(config, {
    mappings,
    log,
    scrubber,
    hashKey,
    counters,
    rateLimits: env.rateLimits,
    storedIds: (kind) => store.facts.ids(kind),
    session: deps.salesforce,
  });
}

export const isConfigured = (env: AppEnv, source: SourceName): boolean => env[source] !== undefined;

/** Configured sources with a stream never read to its end: scores would be missing their data. */
export async function incompleteSources(
  env: AppEnv,
  mappings: Mappings,
  store: Store,
): Promise<SourceName[]> {
  const incomplete: SourceName[] = [];
  for (const s of READ_ORDER) {
    if (!isConfigured(env, s)) continue;
    for (const name of sourceNamed(s).streamNames(mappings))
      if (!(await everCompleted(store, name))) {
        incomplete.push(s);
        break;
      }
  }
  return incomplete;
}
