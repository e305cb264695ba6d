import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import { RunRecorder, statusFor, toRunError } from '../../src/sync/run-recorder.ts';
import { RunStats, addSourceStats, emptyRunStats, readRunStats } from '../../src/sync/run-stats.ts';
import { RunRefusedError, createRunControl } from '../../src/sync/single-flight.ts';
import { SourceError } from '../../src/errors.ts';
import { captureLogger, until } from '../server/helpers.ts';
import { fakeRunner, STREAM } from '../server/fixtures/fake-runner.ts';
import { SecretScrubber } from '../../src/log/redact.ts';

let store: SqliteStore;
afterEach(() => store.close());

const options = { sources: [], full: false, dryRun: false, trigger: 'test' };

describe('run control (single-flight)', () => {
  it('refuses a second start while a run goes, then allows one after', async () => {
    store = openSqliteStore(':memory:');
    let open!: () => void;
    const control = createRunControl({
      runner: fakeRunner(store, { pages: 1, perPage: 1, gate: () => new Promise<void>((r) => (open = r)) }),
      store,
      logger: captureLogger().logger,
      scrubber: new SecretScrubber(),
    });
    const first = await control.start(options);
    expect(control.active()).toMatchObject({ runId: first.runId });
    await expect(control.start(options)).rejects.toMatchObject({ reason: 'busy', runId: first.runId });
    open();
    const record = await first.done;
    expect(record).toMatchObject({ id: first.runId, status: 'partial' });
    expect(control.active()).toBeUndefined();
    const second = await control.start(options);
    expect(second.runId).toBe(first.runId + 1);
    await second.done;
    control.close();
    await expect(control.start(options)).rejects.toBeInstanceOf(RunRefusedError);
  });

  it('abort stops the runner after its current page; the cursor is the last committed page', async () => {
    store = openSqliteStore(':memory:');
    let open!: () => void;
    const control = createRunControl({
      runner: fakeRunner(store, { pages: 5, perPage: 2, gate: () => new Promise<void>((r) => (open = r)) }),
      store,
      logger: captureLogger().logger,
      scrubber: new SecretScrubber(),
    });
    const { done } = await control.start(options);
    open(); // page 1 commits
    await until(
      async () => ((await store.cursors.get(STREAM))?.value as { page: number } | undefined)?.page === 1,
    );
    expect(control.abort('shutdown')).toBe(true);
    open(); // page 2 was in flight: it commits, then the runner stops
    const record = await done;
    expect(record.status).toBe('partial');
    expect(record.error).toMatch(/aborted/);
    expect((await store.cursors.get(STREAM))?.value).toEqual({ page: 2 });
    expect((await store.facts.counts()).ticket).toBe(4);
  });

  it('a runner that never creates a record still leaves a failed one', async () => {
    store = openSqliteStore(':memory:');
    const control = createRunControl({
      runner: {
        run: () => {
          throw new SourceError('SOURCE_AUTH', 'zendesk', 'token refused');
        },
      },
      store,
      logger: captureLogger().logger,
      scrubber: new SecretScrubber(),
    });
    const { runId, done } = await control.start(options);
    const record = await done;
    expect(record).toMatchObject({ id: runId, status: 'failed', error: 'zendesk: token refused' });
    expect(readRunStats(record.stats)?.errors).toEqual([
      { code: 'SOURCE_AUTH', message: 'zendesk: token refused' },
    ]);
  });
});

describe('run stats and recorder', () => {
  it('adds counters per source without mutating', () => {
    const a = emptyRunStats('cli');
    const b = addSourceStats(addSourceStats(a, 'jira', { pages: 1, records: 10 }), 'jira', {
      records: 5,
      rateLimited: 2,
    });
    expect(a.sources).toEqual({});
    expect(b.sources.jira).toMatchObject({ pages: 1, records: 15, rateLimited: 2, apiCalls: 0 });
    expect(RunStats.parse(JSON.parse(JSON.stringify(b)))).toEqual(b);
  });

  it('derives the status and scrubs errors', () => {
    const s = emptyRunStats('cli');
    expect(statusFor(s, false)).toBe('succeeded');
    expect(statusFor(s, true)).toBe('partial');
    expect(statusFor({ ...s, writes: { ...s.writes, failed: 1 } }, false)).toBe('partial');
    const scrubber = new SecretScrubber(['known-secret-42']);
    const e = toRunError(
      new Error('GET /x failed (known-secret-42): Authorization: Bearer abcdefghijkl1234\nstack...'),
      scrubber,
      { stage: 'sources' },
    );
    expect(e).toEqual({
      code: 'INTERNAL',
      message: 'GET /x failed ([REDACTED]): Authorization: Bearer [REDACTED]',
      stage: 'sources',
    });
  });

  it('saves progress while running and the duration at the end', async () => {
    store = openSqliteStore(':memory:');
    let clock = 1000;
    const rec = await RunRecorder.start(
      store.runs,
      { trigger: 'cli' },
      { now: () => clock, saveEveryMs: 100, scrubber: new SecretScrubber() },
    );
    await rec.progress({ stage: 'sources', stream: 'jira.issues', pages: 1 });
    expect((await store.runs.get(rec.id))!.stats['progress']).toEqual({
      stage: 'sources',
      stream: 'jira.issues',
      pages: 1,
    });
    await rec.progress({ stage: 'sources', stream: 'jira.issues', pages: 2 }); // throttled: same stage, < 100 ms
    expect((await store.runs.get(rec.id))!.stats['progress']).toMatchObject({ pages: 1 });
    clock += 5000;
    await rec.error(new SourceError('SOURCE_RATE_LIMITED', 'jira', 'still 429'), { source: 'jira' });
    const done = await rec.finish();
    expect(done.status).toBe('partial');
    expect(readRunStats(done.stats)).toMatchObject({
      durationMs: expect.any(Number),
      sources: { jira: { errors: 1 } },
    });
  });
});

describe('run control when the store fails', () => {
  it('frees the control even when the end of a run cannot be recorded', async () => {
    store = openSqliteStore(':memory:');
    const runs = store.runs;
    let broken = false;
    const flaky: Pick<typeof store, 'runs'> = {
      runs: {
        start: (trigger, o) => runs.start(trigger, o),
        update: (id, stats) => runs.update(id, stats),
        finish: (id, status, stats, error) => runs.finish(id, status, stats, error),
        list: (o) => runs.list(o),
        abandonStale: (reason) => runs.abandonStale(reason),
        get: (id) => {
          if (broken) throw new Error('database is locked');
          return runs.get(id);
        },
      },
    };
    const control = createRunControl({
      runner: {
        run: async (_options, hooks) => {
          hooks?.onStart?.((await store.runs.start('test', {})).id);
          broken = true;
          return Promise.reject(new Error('runner died'));
        },
      },
      store: flaky,
      logger: captureLogger().logger,
      scrubber: new SecretScrubber(),
    });
    const { done } = await control.start(options);
    expect((await done).status).toBe('failed');
    expect(control.active()).toBeUndefined();
  });
});
