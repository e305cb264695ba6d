import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, testApp, until, type TestApp } from './helpers.ts';
import { fakeRunner, STREAM } from './fixtures/fake-runner.ts';

/** A runner whose pages advance only when the test says so. */
function gated() {
  const waiting: (() => void)[] = [];
  return {
    gate: () => new Promise<void>((r) => waiting.push(r)),
    step: async () => {
      const next = await until(() => waiting.shift());
      next();
    },
    release: () => waiting.splice(0).forEach((r) => r()),
  };
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

describe('POST /runs and GET /runs/:id', () => {
  it('starts a run (202 with its id), shows live progress, and refuses a second one with 409', async () => {
    const g = gated();
    t = await testApp({ runner: (store) => fakeRunner(store, { pages: 3, perPage: 2, gate: g.gate }) });
    const res = await request(t.app)
      .post('/runs')
      .set('Authorization', bearer('operator'))
      .send({ dryRun: true });
    expect(res.status).toBe(202);
    expect(res.headers['location']).toBe(`/runs/${res.body.runId}`);
    expect(res.body).toMatchObject({
      status: 'running',
      trigger: 'api:otto',
      dryRun: true,
      full: false,
      scoreOnly: true,
    });
    const id = res.body.runId as number;

    await g.step();
    await until(() => t!.ctx.control.active()?.progress?.pages === 1);
    const live = await request(t.app).get(`/runs/${id}`).set('Authorization', bearer('viewer'));
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({
      id,
      status: 'running',
      progress: { stage: 'sources', stream: STREAM, pages: 1 },
    });

    const second = await request(t.app).post('/runs').set('Authorization', bearer('admin')).send({});
    expect(second.status).toBe(409);
    expect(second.body).toEqual({
      error: { code: 'RUN_IN_PROGRESS', message: expect.any(String), details: { runId: id } },
    });

    g.release();
    await g.step().catch(() => undefined);
    g.release();
    await until(async () => (await t!.store.runs.get(id))?.status !== 'running');
    const done = await request(t.app).get(`/runs/${id}`).set('Authorization', bearer('viewer'));
    expect(done.body.status).toBe('partial'); // the fake write-back reports one failed record
    expect(done.body.stats.sources.zendesk).toMatchObject({ pages: 3, records: 6, rateLimited: 1 });
    expect(done.body.progress).toEqual({ stage: 'done' });

    const list = await request(t.app).get('/runs?limit=1').set('Authorization', bearer('viewer'));
    expect(list.body.items.map((r: { id: number }) => r.id)).toEqual([id]);
    expect(list.body.nextBefore).toBe(id);
    const rest = await request(t.app).get(`/runs?before=${id}`).set('Authorization', bearer('viewer'));
    expect(rest.body).toEqual({ items: [], nextBefore: null });
  });

  it('passes the requested sources, and refuses sources disabled in schedule.yaml with 422', async () => {
    const calls: unknown[] = [];
    t = await testApp({
      schedule: 'version: 1\nsources:\n  jira: { enabled: false }\n',
      runner: (store) => {
        const inner = fakeRunner(store, { pages: 1, perPage: 1 });
        return { run: (o, hooks) => (calls.push(o), inner.run(o, hooks)) };
      },
    });
    const refused = await request(t.app)
      .post('/runs')
      .set('Authorization', bearer('operator'))
      .send({ sources: ['jira'] });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'SOURCE_DISABLED', details: { refused: ['jira'] } });

    const ok = await request(t.app)
      .post('/runs')
      .set('Authorization', bearer('operator'))
      .send({ sources: ['zendesk'], full: true });
    expect(ok.status).toBe(202);
    await t.ctx.control.idle();
    const all = await request(t.app).post('/runs').set('Authorization', bearer('operator')).send({});
    expect(all.status).toBe(202);
    await t.ctx.control.idle();
    expect(calls).toEqual([
      { sources: ['zendesk'], full: true, dryRun: false, trigger: 'api:otto' },
      { sources: ['zendesk', 'genesys', 'salesforce'], full: false, dryRun: false, trigger: 'api:otto' },
    ]);
  });

  it('records a runner that throws as a failed run, with a scrubbed error', async () => {
    t = await testApp({
      runner: () => ({
        run: () => Promise.reject(new Error('boom: Authorization: Bearer abcdefghijklmnop')),
      }),
    });
    const res = await request(t.app).post('/runs').set('Authorization', bearer('operator')).send({});
    expect(res.status).toBe(202);
    await t.ctx.control.idle();
    const run = (await t.store.runs.get(res.body.runId as number))!;
    expect(run.status).toBe('failed');
    expect(run.error).toContain('boom');
    expect(JSON.stringify(run)).not.toContain('abcdefghijklmnop');
  });

  it('GET /runs/:id is 404 for an unknown run and 400 for a malformed id', async () => {
    t = await testApp();
    const missing = await request(t.app).get('/runs/999').set('Authorization', bearer('viewer'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const bad = await request(t.app).get('/runs/abc').set('Authorization', bearer('viewer'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /metrics', () => {
  it('exposes the named series after a run', async () => {
    t = await testApp({ runner: (store) => fakeRunner(store, { pages: 2, perPage: 3 }) });
    const before = await request(t.app).get('/metrics').set('Authorization', bearer('viewer'));
    expect(before.status).toBe(200);
    expect(before.text).toContain('health_sync_runs_total{status="succeeded"} 0');

    await request(t.app).post('/runs').set('Authorization', bearer('operator')).send({});
    await t.ctx.control.idle();
    t.ctx.metrics.skippedTick('zendesk');

    const res = await request(t.app).get('/metrics').set('Authorization', bearer('viewer'));
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.text;
    expect(text).toContain('health_sync_runs_total{status="partial"} 1');
    expect(text).toMatch(/health_sync_run_duration_seconds_count 1/);
    expect(text).toContain('health_sync_source_records_total{source="zendesk"} 6');
    expect(text).toContain('health_sync_source_api_calls_total{source="zendesk"} 3');
    expect(text).toContain('health_sync_source_rate_limited_total{source="zendesk"} 1');
    expect(text).toContain('health_sync_write_failures_total 1');
    expect(text).toMatch(/health_sync_last_success_timestamp_seconds\{source="zendesk"\} \d+/);
    expect(text).toContain('health_sync_scheduler_skipped_ticks_total{job="zendesk"} 1');
    expect(text).toContain('health_sync_mapping_reloads_total{result="invalid"} 0');
    expect(text).toContain('health_sync_run_in_progress 0');
  });
});
