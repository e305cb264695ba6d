import { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScore } from '../../src/score/types.ts';
import { bearer, testApp, type TestApp } from './helpers.ts';

const ID = '001000000000009AAA';
const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 20, 12);

const score = (at: number, value: number): AccountScore => ({
  accountId: ID,
  computedAt: at,
  score: value,
  status: value >= 70 ? 'green' : 'yellow',
  segment: null,
  scorecardVersion: '2026.12-1',
  coverage: 1,
  trend7d: -4,
  trend30d: null,
  drivers: ['CSAT 71% over 38 ratings (target 90%)'],
  strengths: [],
  measures: [
    {
      id: 'csat',
      label: 'CSAT',
      metric: 'csat',
      value: 0.71,
      sample: 38,
      hasData: true,
      subScore: 40,
      weight: 1,
      contribution: 40,
      target: 0.9,
    },
  ],
});

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.ctx.clock = { now: () => now };
  for (let d = 10; d >= 0; d--)
    await t.store.scores.save(
      [score(now - d * DAY, 80 - d)],
      new Date(now - d * DAY).toISOString().slice(0, 10),
    );
});
afterAll(() => t.cleanup());

describe('GET /accounts/:id/health', () => {
  it('returns the latest score with drivers and measures, and history newest first', async () => {
    const res = await request(t.app)
      .get(`/accounts/${ID}/health?days=3`)
      .set('Authorization', bearer('viewer'));
    expect(res.status).toBe(200);
    expect(res.body.latest).toMatchObject({
      score: 80,
      status: 'green',
      drivers: [expect.stringContaining('CSAT')],
    });
    expect(res.body.latest.measures[0]).toMatchObject({ id: 'csat', subScore: 40 });
    expect(res.body.account).toBeNull();
    expect(res.body.history.map((h: { day: string; score: number }) => [h.day, h.score])).toEqual([
      ['2026-11-20', 80],
      ['2026-11-19', 79],
      ['2026-11-18', 78],
    ]);
  });

  it('says what pulls the score down and what holds it up, as the OpenAPI document describes', async () => {
    const GREEN = '001000000000010AAA';
    await t.store.scores.save(
      [
        {
          ...score(now, 92),
          accountId: GREEN,
          drivers: [],
          strengths: ['CSAT 94% over 40 ratings (target 90%)'],
        },
      ],
      '2026-11-20',
    );
    const res = await request(t.app).get(`/accounts/${GREEN}/health`).set('Authorization', bearer('viewer'));
    expect(res.status).toBe(200);
    expect(res.body.latest).toMatchObject({
      status: 'green',
      drivers: [],
      strengths: ['CSAT 94% over 40 ratings (target 90%)'],
    });
    const doc = (await request(t.app).get('/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>
      >;
    };
    const schema =
      doc.paths['/accounts/{id}/health']!['get']!.responses['200']!.content['application/json']!.schema;
    const latest = (
      schema as {
        properties: { latest: { anyOf: { properties?: Record<string, object>; required?: string[] }[] } };
      }
    ).properties.latest.anyOf.find((s) => s.properties)!;
    expect(latest.properties).toHaveProperty('strengths');
    expect(latest.required).toEqual(expect.arrayContaining(['drivers', 'strengths']));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(res.body), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a score saved before strengths existed is served with none', async () => {
    const OLD = '001000000000011AAA';
    const { strengths: _none, ...saved } = score(now, 60);
    await t.store.scores.save([{ ...saved, accountId: OLD } as AccountScore], '2026-11-20');
    const res = await request(t.app).get(`/accounts/${OLD}/health`).set('Authorization', bearer('viewer'));
    expect(res.status).toBe(200);
    expect(res.body.latest).toMatchObject({
      drivers: ['CSAT 71% over 38 ratings (target 90%)'],
      strengths: [],
    });
  });

  it('is 404 for an account with no score, 400 for a malformed id or days', async () => {
    expect(
      (await request(t.app).get('/accounts/001XYZ/health').set('Authorization', bearer('viewer'))).status,
    ).toBe(404);
    expect(
      (await request(t.app).get('/accounts/a%20b/health').set('Authorization', bearer('viewer'))).status,
    ).toBe(400);
    expect(
      (await request(t.app).get(`/accounts/${ID}/health?days=0`).set('Authorization', bearer('viewer')))
        .status,
    ).toBe(400);
  });
});
