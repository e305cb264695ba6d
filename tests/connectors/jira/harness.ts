import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { jiraStreams, type JiraCursor, type JiraEnv } from '../../../connectors/jira/index.ts';
import { JiraMapping } from '../../../src/config/mappings/jira.ts';
import { createCounters } from '../../../src/http/limits.ts';
import { openSqliteStore } from '../../../src/store/open-sqlite.ts';
import { runStream } from '../../../src/sync/run-stream.ts';
import type { StreamDef } from '../../../src/facts/stream.ts';
import { fakeClock, silentLog } from '../../http/helpers.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';

export const CLOUD = 'https://acme.atlassian.test';
export const DC = 'https://jira.acme.test';
export const API_TOKEN = 'atl-token-5f1c9e0d';
export const PAT = 'pat-NjQ4MjE5OTc1NzA2';
export const MIN = 60_000;
export const T0 = Date.UTC(2025, 2, 1, 10, 0); // 2025-03-01 10:00 UTC

/** The shipped jira.yaml, with overrides. */
export function jiraMapping(over: Partial<JiraMapping> = {}): JiraMapping {
  const url = new URL('../../../mappings/jira.yaml', import.meta.url);
  return JiraMapping.parse({ ...(parse(readFileSync(url, 'utf8')) as object), ...over });
}

export function jiraEnv(deployment: 'cloud' | 'datacenter'): JiraEnv {
  return deployment === 'cloud'
    ? { baseUrl: CLOUD, deployment, auth: { type: 'basic', email: 'bot@acme.test', apiToken: API_TOKEN } }
    : { baseUrl: DC, deployment, auth: { type: 'pat', token: PAT } };
}

/** A store, a fake clock and the `jira.issues` stream wired as the sync pipeline wires them. */
export function harness(deployment: 'cloud' | 'datacenter' = 'cloud', now = Date.UTC(2025, 5, 1)) {
  const store = openSqliteStore(':memory:');
  const clock = fakeClock(now);
  const counters = createCounters();
  const streamFor = (mapping: JiraMapping = jiraMapping()): StreamDef<JiraCursor> =>
    jiraStreams(
      jiraEnv(deployment),
      { jira: mapping },
      {
        counters,
        log: silentLog,
        scrubber: new SecretScrubber(),
        rateLimits: 'documented',
        storedIssueIds: () => store.facts.ids('issue'),
        http: { clock, retry: { baseDelayMs: 100, random: () => 0.5, now: () => clock.now() } },
      },
    )[0]!;
  const run = (stream = streamFor(), full = false) =>
    runStream(stream, {
      store,
      log: silentLog,
      signal: new AbortController().signal,
      full,
      now: () => clock.now(),
      // Every run reconciles here: the tests compare Jira's count with the store after each one.
      reconcileEveryMs: 0,
    });
  const cursor = async (): Promise<JiraCursor | undefined> =>
    (await store.cursors.get('jira.issues'))?.value as JiraCursor | undefined;
  return { store, clock, counters, streamFor, run, cursor };
}
