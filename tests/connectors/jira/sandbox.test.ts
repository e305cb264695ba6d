import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jiraStreams } from '../../../connectors/jira/index.ts';
import { parseEnv } from '../../../src/config/env.ts';
import { createCounters } from '../../../src/http/limits.ts';
import { relinkAccounts } from '../../../src/sync/stages/match/relink.ts';
import { type Sandbox, startSandbox } from '../../../src/sandbox/start.ts';
import { TEST_DAY, TEST_NOW } from '../../support/test-clock.ts';
import { openSqliteStore } from '../../../src/store/open-sqlite.ts';
import { runStream } from '../../../src/sync/run-stream.ts';
import { silentLog } from '../../http/helpers.ts';
import { accountsMapping, account } from '../../match/fixtures.ts';
import { jiraMapping } from './harness.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';

/**
 * Against the sandbox's Jira Cloud simulator: real JQL evaluation, token paging, and an integration
 * user in America/Los_Angeles (zone-less JQL datetimes would be read there).
 */
let sandbox: Sandbox;
beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  sandbox = await startSandbox({
    accounts: 60,
    seed: 11,
    rateLimits: 'off',
    now: TEST_DAY,
    clockAt: TEST_NOW,
  });
});
afterAll(async () => {
  await sandbox.close();
  nock.enableNetConnect();
});

describe('jira.issues against the sandbox Jira Cloud', () => {
  it('stores every issue the JQL selects once, follows changes, and matches issues as the ground truth does', async () => {
    const env = parseEnv(sandbox.env).jira!;
    expect(sandbox.sims.jira.timeZone).not.toBe('UTC');
    const store = openSqliteStore(':memory:');
    const counters = createCounters();
    const [stream] = jiraStreams(
      env,
      { jira: jiraMapping() },
      {
        counters,
        log: silentLog,
        scrubber: new SecretScrubber(),
        rateLimits: 'documented',
        storedIssueIds: () => store.facts.ids('issue'),
      },
    );
    const run = () =>
      runStream(stream!, {
        store,
        log: silentLog,
        signal: new AbortController().signal,
        full: false,
        reconcileEveryMs: 0,
        now: () => sandbox.clock.now(),
      });

    const first = await run();
    const stored = (await store.facts.counts()).issue;
    expect(stored).toBeGreaterThan(10);
    expect(first.upserts).toBe(stored);
    expect(first.reconciliation).toMatchObject({ expected: stored, stored });
    expect(counters.errors).toBe(0);

    const before = ((await store.cursors.get('jira.issues'))!.value as { updatedMs: number }).updatedMs;
    const summary = sandbox.dataset.mutate({ share: 0.2, seed: 3, at: sandbox.clock.now() });
    const changed = [...summary.issues.updated, ...summary.issues.created];
    expect(changed.length).toBeGreaterThan(0);
    const second = await run();
    expect(second.reconciliation).toMatchObject({ expected: (await store.facts.counts()).issue });
    // Every changed issue in the JQL's scope was read again, with its new `updated`, and only those.
    const inScope: string[] = [];
    for (const id of changed)
      if ((await store.facts.get({ kind: 'issue', id })) !== undefined) inScope.push(id);
    expect(inScope.length).toBeGreaterThan(0);
    for (const id of inScope)
      expect(
        ((await store.facts.get({ kind: 'issue', id })) as { updatedAt: number }).updatedAt,
      ).toBeGreaterThan(before);
    expect(second.upserts).toBe(inScope.length);

    // Matching by the account field agrees with the sandbox's independent ground truth.
    for (const a of sandbox.dataset.accounts())
      await store.facts.commitPage(
        't',
        { upserts: [account(a.id)], deletes: [] },
        { value: null, fingerprint: 'x' },
      );
    await relinkAccounts(store, { accounts: accountsMapping() });
    let checked = 0;
    for (const truth of sandbox.dataset.truth.issues()) {
      if (truth.rule !== 'jira-account-field' || !(await store.facts.get({ kind: 'issue', id: truth.id })))
        continue;
      expect((await store.links.forEntity('issue', truth.id)).map((l) => l.accountId).sort()).toEqual(
        [...truth.accounts].sort(),
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    await store.close();
  });
});
