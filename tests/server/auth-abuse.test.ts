import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthFailureAudit } from '../../src/server/auth-failure-audit.ts';
import { createAuthFailureLimit } from '../../src/server/auth-limit.ts';
import { clientKey } from '../../src/server/client-key.ts';
import { bearer, testApp, type TestApp } from './helpers.ts';

const NOON = Date.UTC(2026, 10, 20, 12, 0, 0);
const NINES = '9'.repeat(15_000);

let t: TestApp | undefined;
afterEach(() => t?.cleanup());

/** The audit table's size: rows, and the bytes of its values (read through a connection of our own). */
function auditSize(dir: string): { rows: number; bytes: number } {
  const db = new DatabaseSync(join(dir, 'state.db'), { readOnly: true });
  try {
    const row = db
      .prepare(
        `SELECT COUNT(*) AS rows, COALESCE(SUM(16 + LENGTH(actor) + LENGTH(action) + IFNULL(LENGTH(target), 0)
           + IFNULL(LENGTH(before_digest), 0) + IFNULL(LENGTH(after_digest), 0) + LENGTH(detail)), 0) AS bytes
         FROM audit`,
      )
      .get() as { rows: number; bytes: number };
    return { rows: Number(row.rows), bytes: Number(row.bytes) };
  } finally {
    db.close();
  }
}

describe('unauthenticated requests under abuse', () => {
  it('500 requests with a 15,000-character path add one audit row of a few hundred bytes, and 429s past the limit', async () => {
    let now = NOON + 5_000;
    t = await testApp({ clock: { now: () => now } });
    const before = auditSize(t.dir);
    const statuses: number[] = [];
    for (let i = 0; i < 500; i++) {
      const res = await request(t.app).post(`/mappings/proposals/${NINES}/approve`).send({});
      statuses.push(res.status);
      if (i === 19) expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      if (i === 20) {
        expect(res.headers['retry-after']).toBe('60');
        expect(res.body.error).toMatchObject({ code: 'TOO_MANY_AUTH_FAILURES' });
      }
      now += 10; // 500 requests in 5 seconds
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    // The minute's row is written once the minute is over.
    now = NOON + 60_000;
    await t.ctx.authGuard.flush();
    const after = auditSize(t.dir);
    const growth = { rows: after.rows - before.rows, bytes: after.bytes - before.bytes };
    expect(growth.rows).toBe(1);
    expect(growth.bytes).toBeLessThan(600);
    expect((await t.store.audit.list())[0]).toMatchObject({
      actor: 'anonymous',
      action: 'auth.failed',
      detail: {
        client: '127.0.0.1',
        minute: '2026-11-20T12:00:00.000Z',
        failures: 20,
        limited: 480,
        routes: { 'mappings.approve': 500 },
      },
    });
    expect(JSON.stringify(await t.store.audit.list())).not.toContain('9999999999');
  });

  it('refuses every request of a client over its limit, valid token or not, until the window moves on', async () => {
    let now = NOON;
    t = await testApp({ clock: { now: () => now }, authFailureLimit: 3 });
    for (let i = 0; i < 3; i++)
      expect((await request(t.app).get('/runs').set('Authorization', 'Bearer wrong')).status).toBe(401);
    now += 20_000;
    const refused = await request(t.app).get('/runs').set('Authorization', bearer('viewer'));
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('40');
    expect((await request(t.app).get('/healthz')).status).toBe(200);
    now = NOON + 60_000;
    expect((await request(t.app).get('/runs').set('Authorization', bearer('viewer'))).status).toBe(200);
  });

  it('with the limit off (0), failures are still one row per client and minute', async () => {
    let now = NOON;
    t = await testApp({ clock: { now: () => now }, authFailureLimit: 0 });
    for (let i = 0; i < 50; i++)
      expect((await request(t.app).post(`/mappings/proposals/${NINES}/approve`).send({})).status).toBe(401);
    now += 61_000;
    expect((await request(t.app).get('/runs')).status).toBe(401); // a new minute: the last one is written
    expect(await t.store.audit.list()).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ failures: 50, limited: 0 }) }),
    ]);
  });

  it('keeps at most 200 characters of the path in the audit of an authenticated call', async () => {
    t = await testApp();
    const res = await request(t.app)
      .post(`/mappings/proposals/${NINES}/approve`)
      .set('Authorization', bearer('viewer'))
      .send({});
    expect(res.status).toBe(403);
    const [entry] = await t.store.audit.list();
    expect(entry).toMatchObject({ actor: 'vera', action: 'mappings.approve', detail: { status: 403 } });
    expect(String(entry!.detail['path'])).toHaveLength(201);
  });
});

describe('the parts', () => {
  it('a sliding window: refused from the limit-th failure until the oldest is a minute old', () => {
    const limit = createAuthFailureLimit({ limit: 2 });
    limit.fail('a', 0);
    expect(limit.retryAfter('a', 1_000)).toBeUndefined();
    limit.fail('a', 30_000);
    expect(limit.retryAfter('a', 30_000)).toBe(30);
    expect(limit.retryAfter('b', 30_000)).toBeUndefined();
    expect(limit.retryAfter('a', 59_999)).toBe(1);
    expect(limit.retryAfter('a', 60_000)).toBeUndefined();
  });

  it('forgets the least recently failing clients past its size', () => {
    const limit = createAuthFailureLimit({ limit: 1, maxClients: 2 });
    for (const c of ['a', 'b', 'c']) limit.fail(c, 0);
    expect(['a', 'b', 'c'].map((c) => limit.retryAfter(c, 1))).toEqual([undefined, 60, 60]);
  });

  it('writes at most 101 rows a minute however many addresses fail', async () => {
    const rows: unknown[] = [];
    const audit = createAuthFailureAudit({
      audit: {
        append: (e) => (rows.push(e), Promise.resolve(e as never)),
        list: () => Promise.resolve([]),
        forTarget: () => Promise.resolve([]),
      },
    });
    for (let i = 0; i < 5_000; i++)
      await audit.record(`10.0.${i >> 8}.${i & 255}`, 'GET /runs', 'unauthorized', 1_000);
    await audit.flush(60_000);
    expect(rows).toHaveLength(101);
    expect(rows[100]).toMatchObject({ detail: { client: 'others', failures: 4_900 } });
  });

  it('groups IPv6 clients by /64 and unwraps IPv4-mapped addresses', () => {
    expect(clientKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(clientKey('192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
  });
});
