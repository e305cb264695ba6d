import type { Mappings } from '../../src/config/mappings/index.ts';
import type { SourceDefinition } from '../../src/facts/source-definition.ts';
import { basicAuth, bearerAuth } from '../../src/http/auth.ts';
import { type HttpClientOptions, createHttpClient } from '../../src/http/client.ts';
import { bucketsFor } from '../../src/http/limits.ts';
import type { HttpClient, RateLimitMode, RequestCounters } from '../../src/http/types.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { SecretScrubber } from '../../src/log/redact.ts';
import type { StreamDef } from '../../src/facts/stream.ts';
import { cloudSearchApi } from './cloud-search.ts';
import type { JiraCursor } from './cursor.ts';
import { dataCenterSearchApi } from './dc-search.ts';
import { jiraEnv, type JiraEnv } from './env.ts';
import { jiraIssuesStream } from './issues-stream.ts';
import { issuesFingerprint } from './jql.ts';
import { JIRA_LIMITS } from './limits.ts';
import type { JiraSearchApi } from './search-api.ts';

export type { JiraCursor } from './cursor.ts';
export type { JiraAuth, JiraEnv } from './env.ts';
export { requestedFields, searchJql, startDateMs } from './jql.ts';
export type { JiraSearchApi } from './search-api.ts';

export interface JiraStreamDeps {
  counters: RequestCounters;
  log: Logger;
  /** Learns the Jira credential; scrubs the client's errors. */
  scrubber: SecretScrubber;
  /** `documented`: Jira Cloud's published burst limit; `off`: none (sandbox). */
  rateLimits: RateLimitMode;
  /** Stored issue ids, so a read from the start date can remove issues the JQL no longer returns. */
  storedIssueIds?: () => Promise<Iterable<string>>;
  /** Test seams for the HTTP client (fake clock, fast retries). */
  http?: Pick<HttpClientOptions, 'retry' | 'clock' | 'fetch' | 'timeoutMs'>;
}

/** The HTTP client for one Jira site: Basic email:API-token (Cloud) or Bearer PAT (Data Center). */
export function createJiraHttp(env: JiraEnv, deps: JiraStreamDeps): HttpClient {
  return createHttpClient({
    source: 'jira',
    baseUrl: env.baseUrl,
    auth:
      env.auth.type === 'basic'
        ? basicAuth(env.auth.email, env.auth.apiToken, deps.scrubber)
        : bearerAuth(env.auth.token, deps.scrubber),
    buckets: bucketsFor(JIRA_LIMITS, deps.rateLimits),
    counters: deps.counters,
    log: deps.log,
    scrubber: deps.scrubber,
    ...deps.http,
  });
}

export function jiraSearchApi(env: JiraEnv, http: HttpClient): JiraSearchApi {
  return env.deployment === 'cloud' ? cloudSearchApi(http) : dataCenterSearchApi(http);
}

/** The Jira streams: `jira.issues`. */
export function jiraStreams(
  env: JiraEnv,
  mappings: Pick<Mappings, 'jira'>,
  deps: JiraStreamDeps,
): StreamDef<JiraCursor>[] {
  const api = jiraSearchApi(env, createJiraHttp(env, deps));
  return [
    jiraIssuesStream(api, mappings.jira, deps.storedIssueIds ? { storedIssueIds: deps.storedIssueIds } : {}),
  ];
}

/** Jira: issues, by JQL (Cloud's enhanced search, or Data Center's). */
export const jiraSource: SourceDefinition<'jira', JiraEnv> = {
  name: 'jira',
  role: 'activity',
  env: jiraEnv,
  limits: JIRA_LIMITS,
  streamNames: () => ['jira.issues'],
  fingerprints: (env, mappings) => ({ 'jira.issues': issuesFingerprint(mappings.jira, env.deployment) }),
  // Full search pages of `page_size` issues, then the last one.
  readCost: (_stream, { stored, mappings }) => ({
    records: stored.issue,
    requests: Math.floor(stored.issue / mappings.jira.page_size) + 1,
    bucket: 'default',
  }),
  streams: (env, deps) =>
    jiraStreams(env, deps.mappings, {
      counters: deps.counters,
      log: deps.log,
      scrubber: deps.scrubber,
      rateLimits: deps.rateLimits,
      storedIssueIds: () => deps.storedIds('issue'),
    }),
};
