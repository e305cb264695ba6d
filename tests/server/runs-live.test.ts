import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { addStreamProgress } from '../../src/sync/stream-progress.ts';
import { TOKENS, bearer, testApp, until, type TestApp } from './helpers.ts';
import { fakeRunner, STREAM } from './fixtures/fake-runner.ts';

let t: TestApp | undefined;
let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
  await t?.cleanup();
  t = undefined;
});

/** Reads server-sent events off a fetch body, one at a time. */
function events(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async (): Promise<{ event: string; data: unknown } | undefined> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1];
        return { event, data: data === undefined ? undefined : JSON.parse(data) };
      }
      const { value, done } = await reader.read();
      if (done) return undefined;
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

describe('GET /runs/live', () => {
  it('says idle and ends when no run is going; needs a token', async () => {
    t = await testApp();
    const res = await request(t.app).get('/runs/live').set('Authorization', bearer('viewer'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.text).toBe('event: idle\ndata: {}\n\n');
    expect((await request(t.app).get('/runs/live')).status).toBe(401);
  });

  it("streams each stream's pages and records as they happen, then the finished run, then ends", async () => {
    const waiting: (() => void)[] = [];
    const gate = () => new Promise<void>((r) => waiting.push(r));
    t = await testApp({ runner: (store) => fakeRunner(store, { pages: 2, perPage: 3, gate }) });
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const started = await request(t.app).post('/runs').set('Authorization', bearer('operator')).send({});
    const runId = started.body.runId as number;
    const res = await fetch(`${base}/runs/live`, { headers: { Authorization: `Bearer ${TOKENS.viewer}` } });
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const next = events(res.body!);
    // The state when the client connects comes first.
    expect(await next()).toMatchObject({ event: 'progress', data: { startedAt: expect.any(Number) } });
    (await until(() => waiting.shift()))();
    const first = await next();
    expect(first).toMatchObject({
      event: 'progress',
      data: { runId, stage: 'sources', streams: [{ stream: STREAM, pages: 1, records: 3, done: false }] },
    });
    while (waiting.length || t.ctx.control.active()) {
      waiting.splice(0).forEach((r) => r());
      await new Promise((r) => setTimeout(r, 5));
    }
    const rest: { event: string; data: unknown }[] = [];
    for (let e = await next(); e; e = await next()) rest.push(e);
    const finished = rest.at(-1);
    // The fake run fails one write: partial, as its record says.
    expect((await t.store.runs.get(runId))?.status).toBe('partial');
    expect(finished).toMatchObject({ event: 'finished', data: { id: runId, status: 'partial' } });
    const progress = rest.filter((e) => e.event === 'progress').at(-1);
    expect(progress?.data).toMatchObject({ streams: [{ stream: STREAM, pages: 2, records: 6 }] });
  });

  it('with next=1 and no run going, waits for the next run and streams it from its first event', async () => {
    t = await testApp({ runner: (store) => fakeRunner(store, { pages: 2, perPage: 3 }) });
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await fetch(`${base}/runs/live?next=1`, {
      headers: { Authorization: `Bearer ${TOKENS.viewer}` },
    });
    const next = events(res.body!);
    // Opened before the run starts: even a run over in milliseconds is seen whole.
    const started = await request(t.app).post('/runs').set('Authorization', bearer('operator')).send({});
    const runId = started.body.runId as number;
    const seen: { event: string; data: unknown }[] = [];
    for (let e = await next(); e; e = await next()) seen.push(e);
    expect(seen[0]?.event).toBe('progress');
    expect(seen.filter((e) => e.event === 'progress').at(-1)?.data).toMatchObject({
      runId,
      streams: [{ stream: STREAM, pages: 2, records: 6 }],
    });
    expect(seen.at(-1)).toMatchObject({ event: 'finished', data: { id: runId } });
    expect(seen.some((e) => e.event === 'idle')).toBe(false);
    expect(
      (await request(t.app).get('/runs/live?next=2').set('Authorization', bearer('viewer'))).status,
    ).toBe(400);
  });
});

describe('addStreamProgress', () => {
  it('keeps every stream read so far; a new stream or a later stage closes the one before', () => {
    let s = addStreamProgress([], { stage: 'sources', stream: 'a', pages: 1, records: 10 });
    s = addStreamProgress(s, {
      stage: 'sources',
      stream: 'a',
      pages: 2,
      records: 20,
      position: { done: 20, total: 50, unit: 'records' },
    });
    expect(s).toEqual([
      { stream: 'a', pages: 2, records: 20, position: { done: 20, total: 50, unit: 'records' }, done: false },
    ]);
    s = addStreamProgress(s, { stage: 'sources', stream: 'b', pages: 0, records: 0 });
    expect(s.map((x) => [x.stream, x.done])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    s = addStreamProgress(s, { stage: 'score' });
    expect(s.every((x) => x.done)).toBe(true);
  });
});
