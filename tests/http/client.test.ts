import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SourceError } from '../../src/errors.ts';
import { basicAuth } from '../../src/http/auth.ts';
import { createHttpClient, type HttpClientOptions } from '../../src/http/client.ts';
import { createCounters } from '../../src/http/limits.ts';
import type { AuthProvider } from '../../src/http/types.ts';
import { fakeClock, silentLog } from './helpers.ts';
import { SecretScrubber } from '../../src/log/redact.ts';

const BASE = 'https://acme.zendesk.test';
const Item = z.object({ id: z.number() });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function client(extra: Partial<HttpClientOptions> = {}) {
  const counters = createCounters();
  const clock = fakeClock();
  const http = createHttpClient({
    source: 'zendesk',
    baseUrl: BASE,
    counters,
    log: silentLog,
    scrubber: new SecretScrubber(),
    clock,
    retry: { maxAttempts: 4, baseDelayMs: 100, random: () => 0.5, now: () => clock.now() },
    buckets: { default: null },
    ...extra,
  });
  return { http, counters, clock };
}
const get = { method: 'GET', path: '/api/v2/x.json', endpoint: 'GET /api/v2/x.json' } as const;
const connReset = (): Error => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('createHttpClient', () => {
  it('parses the body with the schema and counts the request', async () => {
    nock(BASE).get('/api/v2/x.json').query({ a: '1' }).reply(200, { id: 7 });
    const { http, counters } = client();
    const res = await http.request({ ...get, query: { a: 1, b: undefined } }, Item);
    expect(res.data).toEqual({ id: 7 });
    expect(counters).toMatchObject({ requests: 1, retries: 0, rateLimited: 0, errors: 0 });
  });

  it('retries 5xx then succeeds, with backoff', async () => {
    nock(BASE)
      .get('/api/v2/x.json')
      .reply(503)
      .get('/api/v2/x.json')
      .reply(502)
      .get('/api/v2/x.json')
      .reply(200, { id: 1 });
    const { http, counters, clock } = client();
    await expect(http.request(get, Item)).resolves.toMatchObject({ data: { id: 1 } });
    expect(counters).toMatchObject({ requests: 3, retries: 2, errors: 0 });
    expect(clock.waits).toEqual([50, 100]);
  });

  it('429 with Retry-After pauses the bucket for that long, then succeeds', async () => {
    nock(BASE)
      .get('/api/v2/x.json')
      .reply(429, {}, { 'Retry-After': '17' })
      .get('/api/v2/x.json')
      .reply(200, { id: 2 });
    const { http, counters, clock } = client();
    const t0 = clock.now();
    await http.request(get, Item);
    expect(counters).toMatchObject({ requests: 2, retries: 1, rateLimited: 1 });
    expect(clock.now() - t0).toBe(17_000);
  });

  it('429 without Retry-After backs off', async () => {
    nock(BASE).get('/api/v2/x.json').reply(429).get('/api/v2/x.json').reply(200, { id: 3 });
    const { http, counters, clock } = client();
    await http.request(get, Item);
    expect(counters.rateLimited).toBe(1);
    expect(clock.waits).toEqual([50]);
  });

  it('a 429 that persists ends as SOURCE_RATE_LIMITED once the wait budget is spent', async () => {
    nock(BASE).get('/api/v2/x.json').times(6).reply(429, { error: 'slow down' }, { 'Retry-After': '1' });
    const { http, counters } = client({
      retry: { maxAttempts: 4, maxRateLimitWaitMs: 5_000, random: () => 0.5 },
    });
    const err = await http.request(get, Item).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ code: 'SOURCE_RATE_LIMITED', status: 429, retryable: true });
    expect(counters).toMatchObject({ requests: 6, retries: 5, rateLimited: 6, errors: 1 });
  });

  it('retries a connection reset', async () => {
    nock(BASE).get('/api/v2/x.json').replyWithError(connReset()).get('/api/v2/x.json').reply(200, { id: 4 });
    const { http, counters } = client();
    await expect(http.request(get, Item)).resolves.toMatchObject({ data: { id: 4 } });
    expect(counters.retries).toBe(1);
  });

  it('repeated resets end as SOURCE_NETWORK naming the endpoint', async () => {
    nock(BASE).get('/api/v2/x.json').times(4).replyWithError(connReset());
    const { http } = client();
    await expect(http.request(get, Item)).rejects.toMatchObject({
      code: 'SOURCE_NETWORK',
      message: expect.stringContaining('GET /api/v2/x.json failed: ECONNRESET') as string,
    });
  });

  it('does not retry a POST unless it opts in, except on 429', async () => {
    const post = { method: 'POST', path: '/q', endpoint: 'POST /q', body: { a: 1 } } as const;
    nock(BASE).post('/q').reply(500);
    const { http, counters } = client();
    await expect(http.request(post, Item)).rejects.toMatchObject({ code: 'SOURCE_HTTP', status: 500 });
    expect(counters.requests).toBe(1);

    nock(BASE).post('/q', { a: 1 }).reply(500).post('/q', { a: 1 }).reply(200, { id: 5 });
    await expect(http.request({ ...post, idempotent: true }, Item)).resolves.toMatchObject({
      data: { id: 5 },
    });

    nock(BASE).post('/q').reply(429).post('/q').reply(200, { id: 6 });
    await expect(http.request(post, Item)).resolves.toMatchObject({ data: { id: 6 } });
  });

  it('on 401 invalidates the credential and replays with a new header', async () => {
    let n = 0;
    const refused: string[] = [];
    const auth: AuthProvider = {
      header: () => Promise.resolve(`Bearer t${n}`),
      invalidate: (h) => {
        refused.push(h);
        n++;
        return true;
      },
    };
    nock(BASE)
      .get('/api/v2/x.json')
      .matchHeader('authorization', 'Bearer t0')
      .reply(401, { error: 'invalid_token' })
      .get('/api/v2/x.json')
      .matchHeader('authorization', 'Bearer t1')
      .reply(200, { id: 8 });
    const { http } = client({ auth });
    await expect(http.request(get, Item)).resolves.toMatchObject({ data: { id: 8 } });
    expect(refused).toEqual(['Bearer t0']);
  });

  it('a second 401 is SOURCE_AUTH, and the error carries no credential', async () => {
    nock(BASE).get('/api/v2/x.json').times(2).reply(401, { error: "Couldn't authenticate you" });
    const scrubber = new SecretScrubber();
    const { http, counters } = client({
      auth: basicAuth('ops@acme.test/token', 'sekrit-token-123', scrubber),
      scrubber,
    });
    const err = (await http.request(get, Item).catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('SOURCE_AUTH');
    expect(counters.requests).toBe(2);
    const text = JSON.stringify({ m: err.message, c: err.context });
    expect(text).not.toContain('sekrit-token-123');
    expect(text).not.toContain(Buffer.from('ops@acme.test/token:sekrit-token-123').toString('base64'));
  });

  it('a malformed page is retried once, then fails as SOURCE_RESPONSE_INVALID naming the endpoint', async () => {
    nock(BASE)
      .get('/api/v2/x.json')
      .times(2)
      .reply(200, '{"id": 1, "tru', { 'content-type': 'application/json' });
    const { http, counters } = client();
    const err = (await http.request(get, Item).catch((e: unknown) => e)) as SourceError;
    expect(err).toMatchObject({
      code: 'SOURCE_RESPONSE_INVALID',
      context: { endpoint: 'GET /api/v2/x.json' },
    });
    expect(err.message).toContain('malformed JSON');
    expect(counters.requests).toBe(2);
  });

  it('a transient malformed page recovers on the retry', async () => {
    nock(BASE)
      .get('/api/v2/x.json')
      .reply(200, '<html>proxy</html>')
      .get('/api/v2/x.json')
      .reply(200, { id: 9 });
    const { http } = client();
    await expect(http.request(get, Item)).resolves.toMatchObject({ data: { id: 9 } });
  });

  it('a response that does not match the schema names the field, not its value', async () => {
    nock(BASE).get('/api/v2/x.json').times(2).reply(200, { id: 'jane@example.com' });
    const { http } = client();
    const err = (await http.request(get, Item).catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('SOURCE_RESPONSE_INVALID');
    expect(err.message).toMatch(/id: /);
    expect(JSON.stringify(err.context)).not.toContain('jane@example.com');
  });

  it('scrubs emails and numbers from error bodies', async () => {
    nock(BASE).get('/api/v2/x.json').reply(404, { error: 'no user jane@example.com, +1 555 123 4567' });
    const { http } = client();
    const err = (await http.request(get, Item).catch((e: unknown) => e)) as SourceError;
    expect(err.context.body).toContain('[email]');
    expect(err.context.body).not.toContain('jane@example.com');
    expect(err.context.body).not.toContain('555 123 4567');
  });

  it('refuses a next-page link to another host', async () => {
    const { http, counters } = client();
    await expect(http.request({ ...get, path: 'https://evil.test/api' }, Item)).rejects.toMatchObject({
      code: 'SOURCE_RESPONSE_INVALID',
    });
    expect(counters.requests).toBe(0);
  });

  it('follows an absolute link on the same host, keeping its query', async () => {
    nock(BASE).get('/api/v2/next.json').query({ cursor: 'abc' }).reply(200, { id: 10 });
    const { http } = client();
    await expect(
      http.request({ ...get, path: `${BASE}/api/v2/next.json?cursor=abc` }, Item),
    ).resolves.toMatchObject({
      data: { id: 10 },
    });
  });

  it('sends form and JSON bodies', async () => {
    nock(BASE)
      .post('/t', 'grant_type=client_credentials')
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .reply(200, { id: 1 });
    const { http } = client();
    await http.request(
      { method: 'POST', path: '/t', endpoint: 'POST /t', form: { grant_type: 'client_credentials' } },
      Item,
    );
    expect(nock.isDone()).toBe(true);
  });

  // Aborting a request that nock holds trips an assertion inside undici, so these use a real local server.
  describe('against a slow local server', () => {
    let server: Server;
    let base = '';
    // Each path's first request is answered after 2 s, later ones at once. Per path, so that a
    // request of one test arriving late cannot change what another test's requests get.
    const hits = new Map<string, number>();
    beforeAll(async () => {
      nock.enableNetConnect('127.0.0.1');
      server = createServer((req, res) => {
        const n = (hits.get(req.url ?? '') ?? 0) + 1;
        hits.set(req.url ?? '', n);
        const wait = n === 1 ? 2_000 : 0;
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":1}'), wait);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      nock.disableNetConnect();
    });

    it('a cancelled request rejects with the cancellation and is not retried', async () => {
      const { http, counters } = client({ baseUrl: base });
      const ac = new AbortController();
      const p = http.request({ ...get, path: '/api/v2/cancelled.json', signal: ac.signal }, Item);
      setTimeout(() => ac.abort(new Error('shutting down')), 20);
      await expect(p).rejects.toThrow('shutting down');
      expect(counters.retries).toBe(0);
    });

    it('a timeout counts as a network failure and is retried', async () => {
      const { http, counters } = client({ baseUrl: base, timeoutMs: 400 });
      await expect(http.request({ ...get, path: '/api/v2/timed-out.json' }, Item)).resolves.toMatchObject({
        data: { id: 1 },
      });
      expect(counters).toMatchObject({ requests: 2, retries: 1 });
    });
  });
});
