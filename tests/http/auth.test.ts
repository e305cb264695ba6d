import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { basicAuth, bearerAuth, clientCredentialsAuth } from '../../src/http/auth.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createCounters } from '../../src/http/limits.ts';
import { silentLog } from './helpers.ts';
import { SecretScrubber } from '../../src/log/redact.ts';

const LOGIN = 'https://login.mypurecloud.test';
const API = 'https://api.mypurecloud.test';
beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function setup(clientAuth: 'basic' | 'form' | 'json' = 'basic') {
  let t = 1_000_000;
  const counters = createCounters();
  // One scrubber, as in a connector: the token client's errors hide the secret the auth registered.
  const scrubber = new SecretScrubber();
  const login = createHttpClient({ source: 'genesys', baseUrl: LOGIN, counters, log: silentLog, scrubber });
  const auth = clientCredentialsAuth({
    http: login,
    path: '/oauth/token',
    clientId: 'cid',
    clientSecret: 'csecret-xyz',
    clientAuth,
    renewMarginMs: 60_000,
    now: () => t,
    scrubber,
  });
  return { auth, counters, scrubber, advance: (ms: number) => (t += ms) };
}

describe('clientCredentialsAuth', () => {
  it('grants with Basic client auth and caches until the renewal margin', async () => {
    const basic = Buffer.from('cid:csecret-xyz').toString('base64');
    nock(LOGIN)
      .post('/oauth/token', 'grant_type=client_credentials')
      .matchHeader('authorization', `Basic ${basic}`)
      .reply(200, { access_token: 'tok1', token_type: 'bearer', expires_in: 600 })
      .post('/oauth/token')
      .reply(200, { access_token: 'tok2', token_type: 'bearer', expires_in: 600 });
    const { auth, advance } = setup();
    expect(await auth.header()).toBe('Bearer tok1');
    advance(500_000);
    expect(await auth.header()).toBe('Bearer tok1');
    advance(40_001); // within 60 s of expiry
    expect(await auth.header()).toBe('Bearer tok2');
    expect(auth.grants).toBe(2);
  });

  it('concurrent callers share one grant', async () => {
    nock(LOGIN).post('/oauth/token').once().reply(200, { access_token: 'only', expires_in: 3600 });
    const { auth } = setup();
    const headers = await Promise.all([auth.header(), auth.header(), auth.header()]);
    expect(headers).toEqual(['Bearer only', 'Bearer only', 'Bearer only']);
    expect(auth.grants).toBe(1);
  });

  it('renews after a 401 (invalidate) and the client replays with the new token', async () => {
    nock(LOGIN)
      .post('/oauth/token')
      .reply(200, { access_token: 'old', expires_in: 86400 })
      .post('/oauth/token')
      .reply(200, { access_token: 'new', expires_in: 86400 });
    nock(API)
      .get('/api/v2/users/me')
      .matchHeader('authorization', 'Bearer old')
      .reply(401, { code: 'bad.credentials' })
      .get('/api/v2/users/me')
      .matchHeader('authorization', 'Bearer new')
      .reply(200, { id: 'u1' });
    const { auth, counters, scrubber } = setup();
    const api = createHttpClient({
      source: 'genesys',
      baseUrl: API,
      auth,
      counters,
      log: silentLog,
      scrubber,
    });
    const res = await api.request(
      { method: 'GET', path: '/api/v2/users/me', endpoint: 'GET /api/v2/users/me' },
      z.object({ id: z.string() }),
    );
    expect(res.data.id).toBe('u1');
    expect(auth.grants).toBe(2);
  });

  it('invalidating a header that is no longer current does not drop the new token', async () => {
    nock(LOGIN).post('/oauth/token').reply(200, { access_token: 'a', expires_in: 3600 });
    const { auth } = setup();
    await auth.header();
    auth.invalidate('Bearer stale');
    expect(await auth.header()).toBe('Bearer a');
    expect(auth.grants).toBe(1);
  });

  it('sends the credentials as a JSON body (Zendesk) or form fields when asked', async () => {
    nock(LOGIN)
      .post('/oauth/token', {
        grant_type: 'client_credentials',
        scope: 'read',
        client_id: 'cid',
        client_secret: 'csecret-xyz',
      })
      .reply(200, { access_token: 'j' });
    const scrubber = new SecretScrubber();
    const json = clientCredentialsAuth({
      http: createHttpClient({
        source: 'zendesk',
        baseUrl: LOGIN,
        counters: createCounters(),
        log: silentLog,
        scrubber,
      }),
      path: '/oauth/token',
      clientId: 'cid',
      clientSecret: 'csecret-xyz',
      clientAuth: 'json',
      scope: 'read',
      scrubber,
    });
    expect(await json.header()).toBe('Bearer j');
    nock(LOGIN)
      .post('/oauth/token', 'grant_type=client_credentials&client_id=cid&client_secret=csecret-xyz')
      .reply(200, { access_token: 'f' });
    const { auth } = setup('form');
    expect(await auth.header()).toBe('Bearer f');
  });

  it('teaches its scrubber the client secret and every token it is granted', async () => {
    nock(LOGIN).post('/oauth/token').reply(200, { access_token: 'granted-token-abc123', expires_in: 3600 });
    const { auth, scrubber } = setup();
    expect(scrubber.scrub('granted-token-abc123 csecret-xyz')).toBe('granted-token-abc123 [REDACTED]');
    await auth.header();
    expect(scrubber.scrub('granted-token-abc123 csecret-xyz')).toBe('[REDACTED] [REDACTED]');
  });

  it('a refused grant is SOURCE_AUTH without the secret in the error', async () => {
    nock(LOGIN)
      .post('/oauth/token')
      .reply(401, { error: 'invalid_client', error_description: 'client csecret-xyz' });
    const { auth } = setup();
    const err = (await auth.header().catch((e: unknown) => e)) as Error & { code: string; context: object };
    expect(err.code).toBe('SOURCE_AUTH');
    expect(JSON.stringify(err.context) + err.message).not.toContain('csecret-xyz');
  });
});

describe('static providers', () => {
  it('basic and bearer', async () => {
    const scrubber = new SecretScrubber();
    expect(await basicAuth('a@b.test/token', 'tok', scrubber).header()).toBe(
      `Basic ${Buffer.from('a@b.test/token:tok').toString('base64')}`,
    );
    expect(await bearerAuth('pat123', scrubber).header()).toBe('Bearer pat123');
  });
});
