import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSalesforce } from '../../../connectors/salesforce/auth.ts';
import { SourceError } from '../../../src/errors.ts';
import { FakeOrg } from './fake-org.ts';

describe('connectSalesforce', () => {
  let org: FakeOrg;
  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    org = await new FakeOrg().start();
  });
  afterEach(async () => {
    await org.stop();
    nock.enableNetConnect();
  });

  it('uses client credentials, the configured API version (not jsforce 50.0) and the instance URL', async () => {
    const { conn, meter } = await connectSalesforce(org.env());
    expect(conn.version).toBe('64.0');
    expect(conn.instanceUrl).toBe(org.url);
    expect(org.tokenBodies[0]?.get('grant_type')).toBe('client_credentials');
    expect(org.tokenBodies[0]?.get('client_id')).toBe('cid');
    await conn.request('/limits');
    expect(org.calls).toEqual([{ method: 'GET', path: '/limits' }]);
    expect(meter.requests).toBe(1);
    expect(meter.used).toBe(1001);
    expect(meter.limit).toBe(100_000);
  });

  it('signs an RS256 JWT bearer assertion (iss, sub, aud, exp within 3 minutes)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const now = Date.UTC(2026, 10, 23, 10, 0, 0);
    await connectSalesforce(
      {
        loginUrl: org.url,
        apiVersion: '64.0',
        auth: { type: 'jwt', clientId: 'consumer-key', username: 'int@acme.test', privateKey: pem },
      },
      { now: () => now },
    );
    const form = org.tokenBodies[0]!;
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(form.get('client_secret')).toBeNull();
    const assertion = form.get('assertion')!;
    expect(decodeProtectedHeader(assertion).alg).toBe('RS256');
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({ iss: 'consumer-key', sub: 'int@acme.test', aud: org.url });
    expect(claims.exp! - Math.floor(now / 1000)).toBeLessThanOrEqual(180);
    const spki = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await expect(
      jwtVerify(assertion, await importSPKI(spki, 'RS256'), { currentDate: new Date(now) }),
    ).resolves.toBeTruthy();
  });

  it('re-runs the grant on INVALID_SESSION_ID and replays the request', async () => {
    const { conn } = await connectSalesforce(org.env());
    org.expireTokens();
    const limits = await conn.request<{ DailyApiRequests: { Max: number } }>('/limits');
    expect(limits.DailyApiRequests.Max).toBe(100_000);
    expect(org.tokenRequests).toBe(2);
  });

  it('reports a refused grant as SOURCE_AUTH without the secret', async () => {
    const env = org.env();
    const bad = {
      ...env,
      auth: { type: 'client_credentials' as const, clientId: 'cid', clientSecret: 'wrong-secret-value' },
    };
    const err = await connectSalesforce(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('SOURCE_AUTH');
    expect((err as SourceError).message).toContain('invalid_client');
    expect(JSON.stringify(err)).not.toContain('wrong-secret-value');
  });
});
