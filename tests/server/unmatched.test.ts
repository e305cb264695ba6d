import { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/facts/keys.ts';
import { relinkAccounts } from '../../src/sync/stages/match/relink.ts';
import { accountFact, callFact, issueFact, organizationFact, ticketFact } from '../support/facts.ts';
import { bearer, testApp, type TestApp } from './helpers.ts';

const KEY = 'unmatched-route-key-0123456789';
const caller = (n: number): string => hashKey(KEY, `+1555000000${n}`);

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  const write = (
    stream: string,
    upserts: Parameters<typeof t.store.facts.commitPage>[1]['upserts'],
  ): Promise<void> =>
    t.store.facts.commitPage(stream, { upserts, deletes: [] }, { value: 1, fingerprint: 'x' });
  await write('salesforce.accounts', [accountFact('001000000000001AAA', { domain: 'acme.com' })]);
  await write('zendesk.organizations', [
    organizationFact('900', { name: 'Lost Org', externalId: '001000000000099AAA' }),
    organizationFact('901', { name: 'Acme', externalId: '001000000000001AAA' }),
  ]);
  await write('zendesk.tickets', [
    ticketFact('1', { organizationId: '900' }),
    ticketFact('2', { organizationId: '900' }),
    ticketFact('3', { organizationId: '901' }),
    ticketFact('4', { requesterDomain: 'gmail.com', requesterKey: hashKey(KEY, 'jane@gmail.com') }),
    ticketFact('5', { requesterDomain: 'acme.com' }),
  ]);
  await write('genesys.calls', [
    callFact('c1', { callerKey: caller(1) }),
    callFact('c2', { callerKey: caller(1) }),
    callFact('c3', { callerKey: caller(2) }),
    callFact('c4', { externalOrgId: 'EXT-7' }),
  ]);
  await write('jira.issues', [issueFact('10001', { key: 'PAY-7', accountRefs: ['LEGACY-1'] })]);
  await relinkAccounts(t.store, t.mappings.current()!.mappings);
});
afterAll(() => t.cleanup());

describe('GET /unmatched', () => {
  it('lists what is unlinked now and the keys behind it, callers only as a count', async () => {
    const res = await request(t.app).get('/unmatched').set('Authorization', bearer('viewer'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      zendesk: {
        organizations: [{ id: '900', name: 'Lost Org', externalId: '001000000000099AAA', tickets: 2 }],
        emailDomains: [{ domain: 'gmail.com', tickets: 1 }],
        ticketsWithoutKey: 0,
      },
      jira: { accountRefs: [{ ref: 'LEGACY-1', issues: 1 }], issues: [{ key: 'PAY-7' }] },
      genesys: {
        externalOrgIds: [{ id: 'EXT-7', calls: 1 }],
        distinctCallers: 2,
        callsWithCaller: 3,
        callsWithoutKey: 0,
      },
    });
    const unlinked = res.body.unlinked as Record<string, Record<string, number>>;
    const sum = (s: string): number => Object.values(unlinked[s] ?? {}).reduce((a, b) => a + b, 0);
    // Zendesk: organization 900 and its two tickets, and the gmail.com ticket.
    expect([sum('zendesk'), sum('genesys'), sum('jira')]).toEqual([4, 4, 1]);
    // The OpenAPI document describes this response.
    const doc = (await request(t.app).get('/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>
      >;
    };
    const schema = doc.paths['/unmatched']!['get']!.responses['200']!.content['application/json']!.schema;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(res.body), JSON.stringify(validate.errors)).toBe(true);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(caller(1));
    expect(text).not.toContain('@');
  });

  it('narrows to one source and limits each list', async () => {
    const res = await request(t.app)
      .get('/unmatched?source=genesys&limit=1')
      .set('Authorization', bearer('viewer'));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object).sort()).toEqual(['genesys', 'suggestions', 'unlinked']);
    expect(Object.keys(res.body.unlinked as object)).toEqual(['genesys']);
    // The suggested fixes follow the narrowing: Genesys keys only.
    for (const s of res.body.suggestions as { source: string }[]) expect(s.source).toBe('genesys');
  });

  it('refuses an unknown source or limit with 400, and a request without a token with 401', async () => {
    for (const q of ['source=salesforce', 'source=zendesk,', 'limit=0', 'limit=5000', 'other=1'])
      expect([
        q,
        (await request(t.app).get(`/unmatched?${q}`).set('Authorization', bearer('viewer'))).status,
      ]).toEqual([q, 400]);
    expect((await request(t.app).get('/unmatched')).status).toBe(401);
  });
});
