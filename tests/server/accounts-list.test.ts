import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountFact } from '../../src/facts/schemas.ts';
import type { AccountScore, HealthStatus } from '../../src/score/types.ts';
import { bearer, testApp, type TestApp } from './helpers.ts';

const DAY = '2026-06-10';
const id = (i: number): string => `001000000000${String(i).padStart(3, '0')}AAA`;

const account = (i: number, name: string, tier: string | null, owner: string | null): AccountFact => ({
  kind: 'account',
  id: id(i),
  name,
  ownerId: owner,
  tier,
  domain: null,
  phoneKey: null,
  fields: {},
  systemModstamp: 1,
});

const scored = (
  i: number,
  score: number | null,
  status: HealthStatus,
  trend7d: number | null,
): AccountScore => ({
  accountId: id(i),
  computedAt: 1,
  score,
  status,
  segment: null,
  scorecardVersion: '2026.12-1',
  coverage: 1,
  trend7d,
  trend30d: null,
  drivers: status === 'green' ? [] : [`driver of ${i}`],
  strengths: [],
  measures: [],
});

// Six accounts: three red/yellow/green scores, one insufficient, one unscored, and a 100.
const BOOK: [AccountFact, AccountScore | null][] = [
  [account(1, 'Acme Payments', 'Gold', '005A'), scored(1, 12.5, 'red', -8)],
  [account(2, 'Beta 50%_Off', 'Silver', '005B'), scored(2, 55, 'yellow', 2)],
  [account(3, 'Cobalt Pay', 'Gold', '005A'), scored(3, 88, 'green', null)],
  [account(4, 'Delta Labs', null, null), scored(4, null, 'insufficient_data', null)],
  [account(5, 'Echo acme', 'Gold', '005B'), null],
  [account(6, 'Fox Perfect', 'Silver', '005A'), scored(6, 100, 'green', 0)],
];

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await t.store.facts.commitPage(
    'salesforce.accounts',
    { upserts: BOOK.map(([a]) => a), deletes: [] },
    { value: {}, fingerprint: 'x' },
  );
  await t.store.scores.save(
    BOOK.flatMap(([, s]) => (s ? [s] : [])),
    DAY,
  );
});
afterAll(() => t.cleanup());

const get = (query: string) => request(t.app).get(`/accounts${query}`).set('Authorization', bearer('viewer'));

describe('GET /accounts', () => {
  it('pages every account, worst score first, unscored and insufficient last, with counts and a histogram', async () => {
    const res = await get('?limit=4');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(6);
    expect(res.body.offset).toBe(0);
    expect(res.body.items.map((a: { name: string }) => a.name)).toEqual([
      'Acme Payments',
      'Beta 50%_Off',
      'Cobalt Pay',
      'Fox Perfect',
    ]);
    expect(res.body.items[0]).toEqual({
      accountId: id(1),
      name: 'Acme Payments',
      tier: 'Gold',
      ownerId: '005A',
      score: 12.5,
      status: 'red',
      trend7d: -8,
      trend30d: null,
      topDriver: 'driver of 1',
    });
    expect(res.body.counts).toEqual({ red: 1, yellow: 1, green: 2, insufficient_data: 1, unscored: 1 });
    // 12.5 → bin 1, 55 → 5, 88 → 8, 100 → 9 (the last bin holds 90–100).
    expect(res.body.histogram).toEqual([0, 1, 0, 0, 0, 1, 0, 0, 1, 1]);
    const next = await get('?limit=4&offset=4');
    expect(next.body.items.map((a: { status: string }) => a.status).sort()).toEqual([
      'insufficient_data',
      'unscored',
    ]);
  });

  it('filters by status, tier, owner and a name part (case-insensitive, % and _ taken literally)', async () => {
    const green = await get('?status=green,red');
    expect(green.body.items.map((a: { name: string }) => a.name)).toEqual([
      'Acme Payments',
      'Cobalt Pay',
      'Fox Perfect',
    ]);
    // Counts span every status of the other filters, so the status chips keep their numbers.
    expect(green.body.counts.yellow).toBe(1);
    expect(green.body.total).toBe(3);
    const acme = await get('?q=ACME');
    expect(acme.body.items.map((a: { name: string }) => a.name).sort()).toEqual([
      'Acme Payments',
      'Echo acme',
    ]);
    expect((await get('?q=50%25_')).body.items.map((a: { name: string }) => a.name)).toEqual([
      'Beta 50%_Off',
    ]);
    expect((await get('?q=%25')).body.total).toBe(1);
    const gold = await get('?tier=Gold&owner=005A');
    expect(gold.body.items.map((a: { name: string }) => a.name)).toEqual(['Acme Payments', 'Cobalt Pay']);
    expect(gold.body.counts).toEqual({ red: 1, yellow: 0, green: 1, insufficient_data: 0, unscored: 0 });
  });

  it('sorts by name, trend and score in either order', async () => {
    const names = (await get('?sort=name&order=desc')).body.items.map((a: { name: string }) => a.name);
    expect(names).toEqual([
      'Fox Perfect',
      'Echo acme',
      'Delta Labs',
      'Cobalt Pay',
      'Beta 50%_Off',
      'Acme Payments',
    ]);
    const trend = (await get('?sort=trend7d')).body.items.map((a: { trend7d: number | null }) => a.trend7d);
    expect(trend).toEqual([-8, 0, 2, null, null, null]);
    const best = (await get('?sort=score&order=desc&limit=1')).body.items[0];
    expect(best.name).toBe('Fox Perfect');
  });

  it('refuses what it does not know, with the usual envelope', async () => {
    for (const q of [
      '?status=purple',
      '?sort=arr',
      '?limit=0',
      '?limit=201',
      '?offset=-1',
      '?order=up',
      '?nope=1',
    ]) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe('VALIDATION_FAILED');
    }
    expect((await request(t.app).get('/accounts')).status).toBe(401);
  });
});

describe('GET /me', () => {
  it("names the token's holder, role and tenants", async () => {
    const res = await request(t.app).get('/me').set('Authorization', bearer('operator'));
    expect(res.body).toEqual({ name: 'otto', role: 'operator', tenants: ['default'] });
  });
});
