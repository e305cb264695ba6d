import { statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from './helpers.ts';

/** The database and its WAL, in bytes: what a flood of requests can make the store grow by. */
const storeBytes = (t: TestApp): number =>
  ['state.db', 'state.db-wal'].reduce((n, f) => {
    try {
      return n + statSync(join(t.dir, f)).size;
    } catch {
      return n;
    }
  }, 0);

describe('failed authentication under abuse', () => {
  let t: TestApp;
  afterEach(() => t.cleanup());

  it('500 unauthenticated approvals of a 15,000-digit id: one audit row, a capped path, the store does not grow', async () => {
    t = await testApp();
    const auditBefore = t.store.audit.list({ limit: 10_000 }).length;
    const bytesBefore = storeBytes(t);
    const path = `/mappings/proposals/${'9'.repeat(15_000)}/approve`;
    for (let i = 0; i < 500; i++) {
      const res = await request(t.app).post(path).send({});
      expect(res.status).toBe(401);
    }
    const rows = t.store.audit.list({ limit: 10_000 }).slice(0, -auditBefore || undefined);
    const grown = storeBytes(t) - bytesBefore;
    console.log(`audit rows added: ${rows.length}, store growth: ${grown} bytes for 500 requests`);
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!.detail['path']).length).toBeLessThanOrEqual(201);
    expect(rows[0]!.detail).toMatchObject({ status: 401, outcome: 'denied', address: expect.any(String) });
    // One WAL page or two, not 14 MB.
    expect(grown).toBeLessThan(64 * 1024);
    const metrics = await request(t.app).get('/metrics').set('Authorization', bearer('viewer'));
    expect(metrics.text).toMatch(/^health_sync_auth_failures_total 500$/m);
  });

  it('answers 429 with Retry-After once an address has failed too often, valid token or not', async () => {
    t = await testApp({ authFailureLimit: 20 });
    for (let i = 0; i < 20; i++)
      expect((await request(t.app).get('/runs').set('Authorization', 'Bearer wrong-token')).status).toBe(401);
    const refused = await request(t.app).get('/runs').set('Authorization', 'Bearer wrong-token');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error.code).toBe('TOO_MANY_AUTH_FAILURES');
    // A guesser must not learn from the status which token is right.
    expect((await request(t.app).get('/runs').set('Authorization', bearer('viewer'))).status).toBe(429);
    // Public routes stay answerable (liveness probes share the address).
    expect((await request(t.app).get('/healthz')).status).toBe(200);
  });

  it('a busy client with a valid token is never held back', async () => {
    t = await testApp({ authFailureLimit: 20 });
    for (let i = 0; i < 60; i++)
      expect((await request(t.app).get('/runs').set('Authorization', bearer('viewer'))).status).toBe(200);
  });
});
