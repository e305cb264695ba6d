import { generateKeyPairSync } from 'node:crypto';
import { Connection } from 'jsforce';
import { importPKCS8, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_VERSION, admin, connect, startSim, USERS, type Running, refusal } from './helpers.ts';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

async function assertion(
  run: Running,
  claims: { iss?: string; sub?: string; aud?: string; expIn?: number },
  privateKeyPem?: string,
): Promise<string> {
  const key = await importPKCS8(privateKeyPem ?? run.sim.jwtKeys!.privateKeyPem, 'RS256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(claims.iss ?? run.sim.clientId)
    .setSubject(claims.sub ?? 'casey@example.com')
    .setAudience(claims.aud ?? run.url)
    .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.expIn ?? 180))
    .sign(key);
}

async function jwtLogin(run: Running, jwt: string): Promise<Connection> {
  const conn = new Connection({ loginUrl: run.url, version: API_VERSION });
  await conn.authorize({ grant_type: JWT_GRANT, assertion: jwt });
  return conn;
}

describe('Salesforce simulator: OAuth with jsforce', () => {
  let run: Running;
  beforeEach(async () => {
    run = await startSim();
  });
  afterEach(async () => {
    await run.close();
  });

  it('authorizes with the client-credentials grant and acts as the run-as user', async () => {
    const conn = await connect(run);
    expect(conn.instanceUrl).toBe(run.url);
    expect(conn.accessToken).toMatch(/^00D[A-Za-z0-9]{12}!/);
    expect(conn.userInfo?.id).toBe(run.sim.integrationUser.Id);
    expect(conn.userInfo?.organizationId).toBe(run.sim.state.orgId);
    const res = await conn.query<{ Id: string }>('SELECT Id FROM Account');
    expect(res.totalSize).toBe(10);
  });

  it('answers the token request with Salesforce fields and no refresh token', async () => {
    const res = await fetch(`${run.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: run.sim.clientId,
        client_secret: run.sim.clientSecret,
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'id',
      'instance_url',
      'issued_at',
      'scope',
      'signature',
      'token_type',
    ]);
    expect(body['token_type']).toBe('Bearer');
    expect(body['id']).toBe(`${run.url}/id/${run.sim.state.orgId}/${run.sim.integrationUser.Id}`);
    expect(body['issued_at']).toMatch(/^\d{13}$/);
  });

  it('refuses a wrong client secret (invalid_client) and an unknown client id (invalid_client_id)', async () => {
    const badSecret = new Connection({
      loginUrl: run.url,
      version: API_VERSION,
      oauth2: { clientId: run.sim.clientId, clientSecret: 'wrong', loginUrl: run.url },
    });
    const e1 = await refusal(badSecret.authorize({ grant_type: 'client_credentials' }));
    expect(e1.name).toBe('invalid_client');
    expect(e1.message).toBe('invalid client credentials');
    const badId = new Connection({
      loginUrl: run.url,
      version: API_VERSION,
      oauth2: { clientId: 'nope', clientSecret: 'x', loginUrl: run.url },
    });
    const e2 = await refusal(badId.authorize({ grant_type: 'client_credentials' }));
    expect(e2.name).toBe('invalid_client_id');
  });

  it('authorizes with a JWT bearer assertion signed by the registered key, as the named user', async () => {
    const conn = await jwtLogin(run, await assertion(run, {}));
    expect(conn.userInfo?.id).toBe(USERS[0]!.Id);
    const res = await conn.query('SELECT Id FROM User');
    expect(res.totalSize).toBe(4);
  });

  it('refuses a JWT signed by another key, for another audience, expired, from another issuer or for an unknown user', async () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    const badSignature = await refusal(jwtLogin(run, await assertion(run, {}, otherKey)));
    expect([badSignature.name, badSignature.message]).toEqual(['invalid_grant', 'invalid assertion']);
    const badAud = await refusal(jwtLogin(run, await assertion(run, { aud: 'https://elsewhere.example' })));
    expect([badAud.name, badAud.message]).toEqual(['invalid_grant', 'audience is invalid']);
    const expired = await refusal(jwtLogin(run, await assertion(run, { expIn: -60 })));
    expect([expired.name, expired.message]).toEqual(['invalid_grant', 'expired authorization code']);
    const badIss = await refusal(jwtLogin(run, await assertion(run, { iss: 'someone-else' })));
    expect([badIss.name, badIss.message]).toEqual(['invalid_client_id', 'client identifier invalid']);
    const unknownUser = await refusal(jwtLogin(run, await assertion(run, { sub: 'nobody@example.com' })));
    expect([unknownUser.name, unknownUser.message]).toEqual([
      'invalid_grant',
      "user hasn't approved this consumer",
    ]);
    const inactive = await refusal(jwtLogin(run, await assertion(run, { sub: 'former@example.com' })));
    expect(inactive.name).toBe('inactive_user');
    const garbage = await refusal(jwtLogin(run, 'not.a.jwt'));
    expect(garbage.name).toBe('invalid_grant');
  });

  it('answers 401 INVALID_SESSION_ID once a token has expired by time', async () => {
    let clock = Date.UTC(2025, 5, 1);
    await run.close();
    run = await startSim({ now: () => clock, tokenTtlSeconds: 60 });
    const conn = await connect(run);
    const bare = new Connection({
      instanceUrl: conn.instanceUrl,
      accessToken: conn.accessToken!,
      version: API_VERSION,
    });
    await bare.query('SELECT Id FROM Account LIMIT 1');
    clock += 61_000;
    const res = await fetch(`${run.url}/services/data/v${API_VERSION}/limits`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    const err = await refusal(bare.query('SELECT Id FROM Account'));
    expect(err.errorCode).toBe('INVALID_SESSION_ID');
  });

  it('expires tokens after N calls (fault) and jsforce recovers with a refreshFn that re-runs the grant', async () => {
    await admin(run, 'POST', '/faults', { tokenExpiresAfterCalls: 2 });
    const conn = await connect(run);
    const bare = new Connection({
      instanceUrl: conn.instanceUrl,
      accessToken: conn.accessToken!,
      version: API_VERSION,
    });
    await bare.query('SELECT Id FROM Account LIMIT 1');
    await bare.query('SELECT Id FROM Account LIMIT 1');
    expect((await refusal(bare.query('SELECT Id FROM Account'))).errorCode).toBe('INVALID_SESSION_ID');

    let renewals = 0;
    const renewing = new Connection({
      loginUrl: run.url,
      version: API_VERSION,
      oauth2: { clientId: run.sim.clientId, clientSecret: run.sim.clientSecret, loginUrl: run.url },
      refreshFn: (c, callback) => {
        renewals += 1;
        c.oauth2.requestToken({ grant_type: 'client_credentials' }).then(
          (token: { access_token: string }) => {
            callback(undefined, token.access_token, token as never);
          },
          (e: Error) => {
            callback(e);
          },
        );
      },
    });
    await renewing.authorize({ grant_type: 'client_credentials' });
    for (let i = 0; i < 5; i++) expect((await renewing.query('SELECT Id FROM Account')).totalSize).toBe(10);
    expect(renewals).toBe(2);
    expect(run.sim.state.stats.faults.sessionExpired).toBe(3);
  });

  it('verifies assertions with a key given as a PEM, and serves the identity URL jsforce reads', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await run.close();
    run = await startSim({ jwtPublicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string });
    expect(run.sim.jwtKeys).toBeNull();
    const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const conn = await jwtLogin(run, await assertion(run, { sub: 'robin@example.com' }, privatePem));
    const identity = await conn.identity();
    expect(identity).toMatchObject({
      user_id: USERS[1]!.Id,
      organization_id: run.sim.state.orgId,
      username: 'robin@example.com',
      active: true,
    });
  });

  it('lets a test expire every token at once', async () => {
    const conn = await connect(run);
    const bare = new Connection({
      instanceUrl: conn.instanceUrl,
      accessToken: conn.accessToken!,
      version: API_VERSION,
    });
    expect((await admin(run, 'POST', '/expire-tokens')).json).toEqual({ expired: 1 });
    expect((await refusal(bare.query('SELECT Id FROM Account'))).errorCode).toBe('INVALID_SESSION_ID');
  });
});
