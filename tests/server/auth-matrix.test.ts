import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountFact } from '../../src/facts/schemas.ts';
import { bearer, testApp, type TestApp } from './helpers.ts';
import { fakeRunner } from './fixtures/fake-runner.ts';

type Role = 'viewer' | 'operator' | 'admin';
const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

interface Case {
  method: 'get' | 'post';
  path: string | ((t: TestApp) => Promise<string> | string);
  access: Role | 'public';
  body?: unknown;
  audit?: string;
}

const account: AccountFact = {
  kind: 'account',
  id: '001000000000001AAA',
  name: 'Acme',
  ownerId: '005000000000001AAA',
  tier: 'Gold',
  domain: 'acme.example',
  phoneKey: null,
  fields: {},
  systemModstamp: 1,
};

/** A pending proposal by bob (so alice may approve it). */
async function proposalByBob(t: TestApp): Promise<number> {
  const res = await request(t.app)
    .post('/mappings/proposals')
    .set('Authorization', bearer('admin2'))
    .send({ files: { 'schedule.yaml': `version: 1\ntimezone: UTC\n# ${Math.random()}\n` } });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

const CASES: Case[] = [
  { method: 'get', path: '/healthz', access: 'public' },
  { method: 'get', path: '/readyz', access: 'public' },
  { method: 'get', path: '/openapi.json', access: 'public' },
  { method: 'get', path: '/metrics', access: 'viewer' },
  { method: 'get', path: '/runs', access: 'viewer' },
  { method: 'get', path: '/me', access: 'viewer' },
  { method: 'get', path: '/accounts', access: 'viewer' },
  { method: 'get', path: '/mappings/files', access: 'admin' },
  { method: 'get', path: async (t) => `/runs/${(await t.store.runs.start('cli', {})).id}`, access: 'viewer' },
  { method: 'post', path: '/runs', access: 'operator', body: {}, audit: 'run.trigger' },
  { method: 'get', path: `/accounts/${account.id}/health`, access: 'viewer' },
  {
    method: 'post',
    path: '/mappings/validate',
    access: 'admin',
    body: { files: { 'schedule.yaml': 'version: 1\n' } },
  },
  {
    method: 'post',
    path: '/mappings/preview',
    access: 'admin',
    body: { files: { 'schedule.yaml': 'version: 1\n' } },
  },
  { method: 'get', path: '/mappings/proposals', access: 'admin' },
  {
    method: 'post',
    path: '/mappings/proposals',
    access: 'admin',
    body: { files: { 'schedule.yaml': 'version: 1\n# new\n' } },
    audit: 'mappings.propose',
  },
  { method: 'get', path: async (t) => `/mappings/proposals/${await proposalByBob(t)}`, access: 'admin' },
  {
    method: 'post',
    path: async (t) => `/mappings/proposals/${await proposalByBob(t)}/approve`,
    access: 'admin',
    body: {},
    audit: 'mappings.approve',
  },
  {
    method: 'post',
    path: async (t) => `/mappings/proposals/${await proposalByBob(t)}/reject`,
    access: 'admin',
    body: { reason: 'no' },
    audit: 'mappings.reject',
  },
  { method: 'get', path: '/audit', access: 'viewer' },
  { method: 'get', path: '/unmatched', access: 'viewer' },
];

let t: TestApp;
beforeAll(async () => {
  // The matrix sends far more bad tokens than a client may per minute: no limit here (auth-abuse tests it).
  t = await testApp({ runner: (store) => fakeRunner(store, { pages: 1, perPage: 1 }), authFailureLimit: 0 });
  await t.store.facts.commitPage(
    'salesforce.accounts',
    { upserts: [account], deletes: [] },
    { value: 1, fingerprint: 'x' },
  );
});
afterAll(() => t.cleanup());

describe.each(CASES)('$method $path', (c) => {
  const send = async (authorization?: string) => {
    const path = typeof c.path === 'string' ? c.path : await c.path(t);
    const r = request(t.app)[c.method](path);
    if (authorization) void r.set('Authorization', authorization);
    const res = c.body === undefined ? await r : await r.send(c.body as object);
    await t.ctx.control.idle();
    return res;
  };

  it('answers 401 with a Bearer challenge without a token or with an unknown one (public routes: 2xx)', async () => {
    for (const auth of [undefined, 'Bearer not-a-known-token-at-all', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const res = await send(auth);
      if (c.access === 'public') {
        expect(res.status).toBeLessThan(300);
        continue;
      }
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="health-sync"/);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
  });

  it.each(['viewer', 'operator', 'admin'] as const)(
    'as %s: 2xx when the role suffices, else 403',
    async (role) => {
      const res = await send(bearer(role));
      if (c.access === 'public' || RANK[role] >= RANK[c.access]) {
        expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(300);
      } else {
        expect(res.status).toBe(403);
        expect(res.body).toEqual({
          error: { code: 'FORBIDDEN', message: expect.stringContaining(c.access) },
        });
      }
    },
  );

  if (c.audit)
    it('audits every attempt, denied ones included, with the actor', async () => {
      // Failed authentications are counted per client and minute, by route, in one row.
      await t.ctx.authGuard.flush(true);
      const failed = (await t.store.audit.list({ limit: 500 })).filter((e) => e.action === 'auth.failed');
      const counted = failed.map((e) => (e.detail['routes'] as Record<string, number>)[c.audit!] ?? 0);
      expect(counted.reduce((a, b) => a + b, 0)).toBe(4);
      const entries = (await t.store.audit.list({ limit: 500 })).filter((e) => e.action === c.audit);
      const byOutcome = (o: string) => entries.filter((e) => e.detail['outcome'] === o);
      if (c.access === 'admin')
        expect(byOutcome('denied').some((e) => e.actor === 'otto' && e.detail['status'] === 403)).toBe(true);
      expect(byOutcome('ok').some((e) => e.actor === 'alice')).toBe(true);
      expect(JSON.stringify(entries)).not.toContain('token-0123456789');
    });
});
