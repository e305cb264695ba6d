import { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factSummary } from '../../src/server/account-evidence.ts';
import { accountFact, callFact, issueFact, ticketFact } from '../support/facts.ts';
import { bearer, testApp, type TestApp } from './helpers.ts';

const ID = '001000000000009AAA';
const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 20, 12);

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.ctx.clock = { now: () => now };
  const link = (entity: 'ticket' | 'call' | 'issue', entityId: string) => ({
    entity,
    entityId,
    accountId: ID,
    rule: 'zendesk_org_external_id',
  });
  await t.store.facts.commitPage(
    's',
    {
      upserts: [
        accountFact(ID, { name: 'Acme', tier: 'Enterprise' }),
        ticketFact('T-1', { createdAt: now - 2 * DAY }),
        ticketFact('T-2', { createdAt: now - 20 * DAY }),
        ticketFact('T-3', { createdAt: now - 200 * DAY }),
        callFact('C-1', { startedAt: now - 40 * DAY }),
        issueFact('I-1', { key: 'PAY-12', createdAt: now - 5 * DAY }),
      ],
      deletes: [],
      links: [
        link('ticket', 'T-1'),
        link('ticket', 'T-2'),
        link('ticket', 'T-3'),
        link('call', 'C-1'),
        link('issue', 'I-1'),
      ],
    },
    { value: null, fingerprint: 'f' },
  );
  await t.store.alerts.insert({
    key: 'status_drop:001000000000009AAA:1',
    accountId: ID,
    rule: 'status_drop',
    windowStart: now - DAY,
    createdAt: now - DAY,
    detail: {
      task: {
        subject: 'Health dropped to red',
        description: 'd',
        ownerId: null,
        priority: 'High',
        status: 'Open',
        activityDate: '2026-11-22',
      },
      subjectPrefix: '[health]',
      attempts: 1,
      lastError: null,
    },
  });
  await t.store.alerts.markCreated('status_drop:001000000000009AAA:1', '00T000000000001', {
    task: {
      subject: 'Health dropped to red',
      description: 'd',
      ownerId: null,
      priority: 'High',
      status: 'Open',
      activityDate: '2026-11-22',
    },
    subjectPrefix: '[health]',
    attempts: 1,
    lastError: null,
  });
});
afterAll(() => t.cleanup());

describe('GET /accounts/:id/evidence', () => {
  it("returns the segment's bands, the Tasks opened, and the facts per source and window by id", async () => {
    const res = await request(t.app).get(`/accounts/${ID}/evidence`).set('Authorization', bearer('viewer'));
    expect(res.status).toBe(200);
    expect(res.body.segment).toBe('enterprise');
    // The enterprise segment weighs CSAT at 25, and the band is the scorecard's.
    expect(res.body.bands.find((b: { id: string }) => b.id === 'csat')).toMatchObject({
      weight: 25,
      target: 0.9,
      scoring: { type: 'linear', zero_at: 0.6, full_at: 0.95 },
    });
    expect(res.body.tasks).toEqual([
      expect.objectContaining({
        rule: 'status_drop',
        state: 'created',
        taskId: '00T000000000001',
        subject: 'Health dropped to red',
      }),
    ]);
    expect(JSON.stringify(res.body.tasks)).not.toContain('"description"');
    const zendesk = res.body.facts.find((f: { source: string }) => f.source === 'zendesk');
    expect(zendesk.windows).toEqual([
      { days: 7, count: 1 },
      { days: 30, count: 2 },
      { days: 90, count: 2 },
    ]);
    expect(zendesk.recent.map((r: { id: string }) => r.id)).toEqual(['T-1', 'T-2']);
    const jira = res.body.facts.find((f: { source: string }) => f.source === 'jira');
    expect(jira.recent[0]).toMatchObject({ id: 'PAY-12', rule: 'zendesk_org_external_id' });
    expect(res.body.facts.find((f: { source: string }) => f.source === 'genesys').windows[2]).toEqual({
      days: 90,
      count: 1,
    });
    expect(res.body.override).toBeNull();
  });

  it('matches the OpenAPI document, answers 404 for an unknown account and 401 without a token', async () => {
    const doc = (await request(t.app).get('/openapi.json')).body;
    const op = doc.paths['/accounts/{id}/evidence'].get;
    expect(op['x-required-role']).toBe('viewer');
    const res = await request(t.app).get(`/accounts/${ID}/evidence`).set('Authorization', bearer('viewer'));
    const validate = new Ajv2020({ strict: false }).compile(
      op.responses['200'].content['application/json'].schema,
    );
    expect(validate(res.body)).toBe(true);
    const missing = await request(t.app)
      .get('/accounts/nope/evidence')
      .set('Authorization', bearer('viewer'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect((await request(t.app).get(`/accounts/${ID}/evidence`)).status).toBe(401);
  });
});

describe('factSummary', () => {
  it('counts each window from its own start and lists at most 20 ids per source, newest first', () => {
    const refs = Array.from({ length: 25 }, (_, i) => ({
      kind: 'call' as const,
      id: `c${i}`,
      at: now - i * DAY,
      rule: 'r',
    }));
    const [tickets, calls] = factSummary(refs, now);
    expect(tickets?.windows.map((w) => w.count)).toEqual([0, 0, 0]);
    expect(calls?.windows.map((w) => w.count)).toEqual([8, 25, 25]);
    expect(calls?.recent).toHaveLength(20);
    expect(calls?.recent[0]?.id).toBe('c0');
  });
});
