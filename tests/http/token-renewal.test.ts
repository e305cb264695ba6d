import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SourceError } from '../../src/errors.ts';
import { clientCredentialsAuth } from '../../src/http/auth.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createCounters } from '../../src/http/limits.ts';
import { silentLog } from './helpers.ts';
import { SecretScrubber } from '../../src/log/redact.ts';

/**
 * Issue 15 §3: concurrent 401s share one token request, and a request refused with a token issued
 * after it was sent gets one more renewal; a credential whose every new token is refused still fails
 * fast, saying so.
 */
const LOGIN = 'https://login.mypurecloud.test';
const API = 'https://api.mypurecloud.test';
const Ok = z.object({ ok: z.boolean() });
const get = (n: number) =>
  ({ method: 'GET', path: `/api/v2/jobs/${n}`, endpoint: 'GET /api/v2/jobs/{id}' }) as const;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function setup() {
  const lines: { msg: string }[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (s: string) => void lines.push(JSON.parse(s) as { msg: string }) },
  );
  const counters = createCounters();
  const scrubber = new SecretScrubber();
  const login = createHttpClient({ source: 'genesys', baseUrl: LOGIN, counters, log: silentLog, scrubber });
  const auth = clientCredentialsAuth({
    http: login,
    path: '/oauth/token',
    clientId: 'cid',
    clientSecret: 'csecret-xyz',
    clientAuth: 'basic',
    log,
    scrubber,
  });
  const api = createHttpClient({ source: 'genesys', baseUrl: API, auth, counters, log, scrubber });
  return { auth, api, counters, lines };
}

/** A token endpoint that issues t1, t2, … and an API that accepts only the tokens in `valid`. */
function tokenServer(valid: Set<string>, opts: { revokeOnIssue?: (n: number) => boolean } = {}) {
  let issued = 0;
  nock(LOGIN)
    .persist()
    .post('/oauth/token')
    .reply(() => {
      const t = `t${++issued}`;
      if (!opts.revokeOnIssue?.(issued)) valid.add(t);
      return [200, { access_token: t, expires_in: 86_400 }];
    });
  nock(API)
    .persist()
    .get(/\/api\/v2\/jobs\/\d+/)
    .delay(5)
    .reply((req: Request) => {
      const token = String(req.headers.get('authorization')).replace(/^Bearer /, '');
      return valid.has(token) ? [200, { ok: true }] : [401, { code: 'bad.credentials' }];
    });
  return { issued: () => issued };
}

describe('token renewal under concurrency', () => {
  it('four requests refused together share one renewal and are all replayed', async () => {
    const valid = new Set<string>();
    const server = tokenServer(valid);
    const { auth, api, lines } = setup();
    await auth.header();
    valid.clear(); // t1 expires server-side while four polls are in flight
    const res = await Promise.all([1, 2, 3, 4].map((n) => api.request(get(n), Ok)));
    expect(res.map((r) => r.data.ok)).toEqual([true, true, true, true]);
    expect(server.issued()).toBe(2);
    // The log says one renewal, not four: the others replay with the token it obtained.
    expect(lines.filter((l) => /renewing/.test(l.msg))).toHaveLength(1);
    expect(lines.filter((l) => /already renewed/.test(l.msg))).toHaveLength(3);
  });

  it('a replay refused with a token issued after the request was sent gets one more renewal', async () => {
    const valid = new Set<string>();
    // t2 dies at once (the server revoked it), t3 works.
    const server = tokenServer(valid, { revokeOnIssue: (n) => n === 2 });
    const { auth, api, counters } = setup();
    await auth.header();
    valid.clear();
    const res = await api.request(get(1), Ok);
    expect(res.data.ok).toBe(true);
    expect(server.issued()).toBe(3);
    expect(counters.errors).toBe(0);
  });

  it('a credential whose every new token is refused fails after two renewals, saying so', async () => {
    const valid = new Set<string>();
    const server = tokenServer(valid, { revokeOnIssue: () => true });
    const { api, counters } = setup();
    const err = (await api.request(get(1), Ok).catch((e: unknown) => e)) as SourceError;
    expect(err).toBeInstanceOf(SourceError);
    expect(err.code).toBe('SOURCE_AUTH');
    expect(err.message).toMatch(/refused 3 tokens in a row, 2 of them issued after the request was sent/);
    expect(err.message).not.toContain('t3');
    // The first token, then two renewals: bounded, no loop.
    expect(server.issued()).toBe(3);
    expect(counters.requests).toBe(3 + 3);
  });
});
