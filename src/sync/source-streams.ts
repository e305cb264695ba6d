import { genesysStreams } from '../../connectors/genesys/index.ts';
import { jiraStreams } from '../../connectors/jira/index.ts';
import type { SalesforceSession } from '../../connectors/salesforce/auth.ts';
import { salesforceStreams } from '../../connectors/salesforce/accounts-stream.ts';
import { zendeskStreams } from '../../connectors/zendesk/index.ts';
import type { AppEnv } from '../config/env.ts';
import type { Mappings } from '../config/mappings/index.ts';
import type { SourceName } from '../errors.ts';
import type { RequestCounters } from '../http/types.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import { everCompleted } from './run-stream.ts';
import type { StreamDef } from './stream.ts';

/** Accounts first (matching needs them), then the sources whose facts are matched to them. */
export const SOURCE_ORDER: SourceName[] = ['salesforce', 'zendesk', 'jira', 'genesys'];

export interface SourceStreamDeps {
  env: AppEnv;
  mappings: Mappings;
  store: Store;
  log: Logger;
  hashKey: string;
  counters: RequestCounters;
  salesforce: () => Promise<SalesforceSession>;
}

/** The streams of one configured source, in the order they must run. */
export function streamsFor(source: SourceName, deps: SourceStreamDeps): StreamDef<unknown>[] {
  const { env, mappings, store, log, hashKey, counters } = deps;
  const common = { counters, log, rateLimits: env.rateLimits };
  switch (source) {
    case 'salesforce':
      return env.salesforce
        ? salesforceStreams(env.salesforce, mappings, {
            session: deps.salesforce,
            hashKey,
            storedAccountIds: () => store.facts.ids('account'),
            log,
          })
        : [];
    case 'zendesk':
      return env.zendesk ? zendeskStreams(env.zendesk, mappings, { ...common, hashKey }) : [];
    case 'jira':
      return env.jira
        ? jiraStreams(env.jira, mappings, {
            ...common,
            storedIssueIds: () => store.facts.ids('issue'),
          })
        : [];
    case 'genesys':
      return env.genesys ? genesysStreams(env.genesys, mappings, { ...common, hashKey }) : [];
  }
}

export const isConfigured = (env: AppEnv, source: SourceName): boolean => env[source] !== undefined;

/** Configured sources with a stream never read to its end: scores would be missing their data. */
export async function incompleteSources(deps: SourceStreamDeps): Promise<SourceName[]> {
  const incomplete: SourceName[] = [];
  for (const s of SOURCE_ORDER) {
    if (!isConfigured(deps.env, s)) continue;
    for (const stream of streamsFor(s, deps))
      if (!(await everCompleted(deps.store, stream.name))) {
        incomplete.push(s);
        break;
      }
  }
  return incomplete;
}
