import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { loadMappings } from '../../src/config/mappings/load.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/start.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import { createPipeline } from '../../src/sync/pipeline.ts';
import { readRunStats } from '../../src/sync/run-stats.ts';
import { ageReference } from '../../src/metrics/windows.ts';
import { TEST_DAY, TEST_NOW } from '../support/test-clock.ts';
import { SecretScrubber } from '../../src/log/redact.ts';

/** One pipeline, several runs: as under `serve`, where the Salesforce session outlives a run. */
describe('sync pipeline, run after run', () => {
  let sandbox: Sandbox;
  let store: SqliteStore;
  let dir: string;

  beforeAll(async () => {
    sandbox = await startSandbox({
      seed: 3,
      accounts: 50,
      rateLimits: 'off',
      genesysJobPolls: 2,
      now: TEST_DAY,
      clockAt: TEST_NOW,
    });
    dir = mkdtempSync(join(tmpdir(), 'hs-pipeline-'));
    store = openSqliteStore(join(dir, 'state.db'));
  });
  afterAll(async () => {
    await store.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Requests per endpoint the simulated org received (`POST stats/reset` zeroes them). */
  const sfStats = async (path: string, method = 'GET'): Promise<Record<string, number>> => {
    const res = await fetch(`${sandbox.urls.salesforce}/__sandbox/${path}`, { method });
    return method === 'GET' ? ((await res.json()) as { requests: Record<string, number> }).requests : {};
  };

  it("reports each run's own Salesforce API calls, not the session's running total", async () => {
    const env = parseEnv({ ...sandbox.env, HEALTH_SYNC_HASH_KEY: 'pipeline-test-hash-key-0123' });
    const loaded = await loadMappings(join(import.meta.dirname, '..', '..', 'mappings'));
    const pipeline = createPipeline({
      env,
      store,
      mappings: () => loaded,
      log: pino({ level: 'silent' }),
      scrubber: new SecretScrubber(),
      now: () => sandbox.clock.now(),
    });
    const options = { full: false, dryRun: false, sources: [], trigger: 'test' };

    const first = readRunStats((await pipeline.run(options)).stats)!;
    expect(first.writes.succeeded).toBe(50);
    expect(first.rescored).toMatchObject({ accounts: 50, of: 50 });
    expect(first.rescored!.reason).toMatch(/^all: /);
    await sfStats('stats/reset', 'POST');
    const secondAt = sandbox.clock.now();
    const second = readRunStats((await pipeline.run(options)).stats)!;
    // Nothing changed: the Accounts re-read because run 1 wrote them are the same Accounts. Unless the
    // pinned instant sits just before an hour (HEALTH_SYNC_TEST_NOW), every score is reused; else
    // only the accounts whose windows the new hour moved are scored again.
    if (ageReference(secondAt) === ageReference(sandbox.clock.now()))
      expect(second.rescored).toEqual({
        accounts: 0,
        of: 50,
        reason: 'changed facts',
        changed: 0,
        crossed: 0,
      });
    else
      expect(second.rescored).toMatchObject({
        of: 50,
        reason: 'changed facts, and windows a new hour moved',
        changed: 0,
      });
    const org = await sfStats('stats');
    // The accounts stream's reads in run 2 (queries; no token: the session is reused).
    const reads = (org['query'] ?? 0) + (org['queryMore'] ?? 0) + (org['queryAll'] ?? 0);
    expect(reads).toBeGreaterThan(0);
    expect(second.sources.salesforce?.apiCalls).toBe(reads);
    expect(first.sources.salesforce!.apiCalls).toBeGreaterThanOrEqual(reads);
    // The weekly Health_Snapshot__c rows: written by the first run (the weeks of its trend days); by
    // the second, the weeks of the older days it rebuilt after its write-back; none by the third.
    expect(first.snapshots).toMatchObject({ failed: 0, weeks: 26 });
    expect(first.snapshots!.upserted).toBe(first.snapshots!.planned);
    expect(first.snapshots!.upserted).toBeGreaterThan(0);
    expect(second.historyRebuild).toMatchObject({ reason: 'backfill', days: 88, remaining: 0 });
    expect(second.snapshots!.upserted).toBeGreaterThan(0);
    const third = readRunStats((await pipeline.run(options)).stats)!;
    expect(third.historyRebuild).toBeUndefined();
    expect(third.snapshots).toMatchObject({ planned: 0, upserted: 0, requests: 0 });
  });

  it('a run with nothing new writes nothing and reads no score, unless the last write-back left a failure', async () => {
    const env = parseEnv({ ...sandbox.env, HEALTH_SYNC_HASH_KEY: 'pipeline-test-hash-key-0123' });
    const loaded = await loadMappings(join(import.meta.dirname, '..', '..', 'mappings'));
    const own = openSqliteStore(join(dir, 'settled.db'));
    const pipeline = createPipeline({
      env,
      store: own,
      mappings: () => loaded,
      log: pino({ level: 'silent' }),
      scrubber: new SecretScrubber(),
      now: () => sandbox.clock.now(),
    });
    const options = { full: false, dryRun: false, sources: [], trigger: 'test' };
    const run = async () => readRunStats((await pipeline.run(options)).stats)!;
    const faults = (body?: object) =>
      fetch(`${sandbox.urls.salesforce}/__sandbox/faults`, {
        method: body ? 'POST' : 'DELETE',
        headers: { 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    try {
      await pipeline.run({ ...options, dryRun: true });
      const [refused] = (await own.accounts.list()).map((a) => a.id);
      await faults({ validationFailIds: [refused] });
      const first = await run();
      expect(first.writes).toMatchObject({ attempted: 50, failed: 1 });
      await faults();
      const startedAt = sandbox.clock.now();
      // Nothing changed, but the refused Account is still owed its values: this run plans and sends it.
      const second = await run();
      expect(second.writes).toMatchObject({ attempted: 1, succeeded: 1, failed: 0 });
      expect(second.writes.unchanged).toBeUndefined();
      const third = await run();
      // Same hour: no account rescored, no score read, nothing planned or sent.
      if (ageReference(startedAt) === ageReference(sandbox.clock.now())) {
        expect(third.rescored).toMatchObject({ accounts: 0 });
        expect(third.writes).toEqual({
          attempted: 0,
          succeeded: 0,
          failed: 0,
          requests: 0,
          retries: 0,
          unchanged: true,
        });
        expect(third.tasksCreated).toBe(0);
      }
    } finally {
      await faults();
      await own.close();
    }
  });

  it('a weight change opens no Task: the run records the accounts it moved and the digests', async () => {
    const env = parseEnv({ ...sandbox.env, HEALTH_SYNC_HASH_KEY: 'pipeline-test-hash-key-0123' });
    const loaded = await loadMappings(join(import.meta.dirname, '..', '..', 'mappings'));
    const scorecard = loaded.mappings.scorecard;
    // Ops make CSAT weigh three times everything else together (same label): 9 accounts move.
    const reweighted = {
      ...loaded,
      digest: 'reweighted',
      mappings: {
        ...loaded.mappings,
        scorecard: {
          ...scorecard,
          measures: scorecard.measures.map((m) => (m.id === 'csat' ? { ...m, weight: 300 } : m)),
        },
      },
    };
    let current = loaded;
    const pipeline = createPipeline({
      env,
      store,
      mappings: () => current,
      log: pino({ level: 'silent' }),
      scrubber: new SecretScrubber(),
      now: () => sandbox.clock.now(),
    });
    const options = { full: false, dryRun: false, sources: [], trigger: 'test', scoreOnly: true };
    const before = readRunStats((await pipeline.run(options)).stats)!;
    expect(before.mappingsDigest).toBe(loaded.digest);
    expect(before.configChanges).toBeUndefined();
    const statuses = await store.scores.latestStatuses();

    current = reweighted;
    const after = readRunStats((await pipeline.run(options)).stats)!;
    expect(after.mappingsDigest).toBe('reweighted');
    const moved = [...(await store.scores.latestStatuses())].filter(([id, s]) => statuses.get(id) !== s);
    expect(moved.length).toBeGreaterThan(0);
    expect(after.configChanges).toMatchObject({ moved: moved.length });
    expect(after.configChanges!.scorecardBefore).not.toBe(after.configChanges!.scorecardAfter);
    // Some of them dropped: before issue 18 each opened a "health dropped" Task.
    expect(after.configChanges!.dropsWithoutTask).toBeGreaterThan(0);
    expect(Object.values(after.configChanges!.byTransition).reduce((a, b) => a + b, 0)).toBe(moved.length);
    expect(after.tasksCreated).toBe(0);
  });
});

/** Issue 15 §4, §6: a source held back by a rate limit says so in the progress and the run record. */
describe('sync pipeline, a source held back by 429s', () => {
  it('shows the wait in the progress and counts it per source in the run record', async () => {
    const sandbox = await startSandbox({
      seed: 3,
      accounts: 50,
      rateLimits: 'off',
      faults: 'zendesk.ratelimit=2:1',
    });
    const dir = mkdtempSync(join(tmpdir(), 'hs-pipeline-'));
    const store = openSqliteStore(join(dir, 'state.db'));
    try {
      const env = parseEnv({ ...sandbox.env, HEALTH_SYNC_HASH_KEY: 'pipeline-test-hash-key-0123' });
      const loaded = await loadMappings(join(import.meta.dirname, '..', '..', 'mappings'));
      const pipeline = createPipeline({
        env,
        store,
        mappings: () => loaded,
        log: pino({ level: 'silent' }),
        scrubber: new SecretScrubber(),
      });
      const waits: string[] = [];
      const run = await pipeline.run(
        { full: false, dryRun: true, sources: ['zendesk'], trigger: 'test' },
        { onProgress: (p) => void (p.waiting && waits.push(`${p.stream ?? ''}: ${p.waiting}`)) },
      );
      expect(run.status).not.toBe('failed');
      const zendesk = readRunStats(run.stats)!.sources.zendesk!;
      expect(zendesk.rateLimited).toBeGreaterThan(0);
      expect(zendesk.errors).toBe(0);
      // Each pause is counted once: about a second per 429 (the next one may come within it).
      expect(zendesk.rateLimitWaitMs).toBeGreaterThanOrEqual(1_000);
      expect(zendesk.rateLimitWaitMs).toBeLessThanOrEqual(zendesk.rateLimited * 1_000);
      expect(waits[0]).toMatch(/^zendesk\.\w+: HTTP 429 from zendesk, 1 s$/);
    } finally {
      await store.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
