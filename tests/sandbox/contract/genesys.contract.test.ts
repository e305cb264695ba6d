/* eslint-disable @typescript-eslint/no-explicit-any -- vendor JSON bodies, checked by the assertions */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../../src/sandbox/common/clock.ts';
import { createGenesysSim } from '../../../src/sandbox/genesys/app.ts';
import { DAY, NOW, basic, getJson, postJson, serve, smallDataset } from '../helpers.ts';
import { HAVE_SPECS, errorsOf, schemasOf, validatorFor } from '../spec-validator.ts';

/**
 * Genesys Cloud's public API swagger 2.0, Analytics tag (../shared/specs, the trimmed merge):
 * details query, async jobs, results, availability and error bodies. No deviations tolerated.
 * The token endpoint is in no published spec: it is checked against the documented shape
 * (developer.genesys.cloud, client credentials grant) instead.
 */
const FILE = 'genesys-cloud-publicapi.trimmed.swagger2.json';
const REF = '#/definitions/' as const;

describe.skipIf(!HAVE_SPECS)(
  'Genesys simulator responses against the Genesys Cloud analytics swagger',
  () => {
    const ds = smallDataset({ calls: 600 });
    const sim = createGenesysSim({ dataset: ds, clock: createClock(NOW + DAY), rateLimits: 'off' });
    let api = '';
    let login = '';
    let auth: Record<string, string> = {};
    let schemas: Record<string, any> = {};
    const interval = `${new Date(NOW - 40 * DAY).toISOString()}/${new Date(NOW).toISOString()}`;
    beforeAll(async () => {
      api = await serve(sim.apiApp);
      login = await serve(sim.loginApp);
      schemas = schemasOf(FILE);
      const r = await fetch(`${login}/oauth/token`, {
        method: 'POST',
        headers: {
          authorization: basic(sim.credentials.clientId, sim.credentials.clientSecret),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      auth = { authorization: `Bearer ${((await r.json()) as { access_token: string }).access_token}` };
    });

    it('POST /api/v2/analytics/conversations/details/query', async () => {
      const v = validatorFor(schemas, 'AnalyticsConversationQueryResponse', REF);
      for (let page = 1; page <= 2; page++) {
        const { body } = await postJson(
          `${api}/api/v2/analytics/conversations/details/query`,
          { interval, paging: { pageSize: 100, pageNumber: page } },
          auth,
        );
        expect(body.conversations.length).toBeGreaterThan(0);
        expect(v(body), errorsOf(v)).toBe(true);
      }
      const { body } = await postJson(
        `${api}/api/v2/analytics/conversations/details/query`,
        { interval, paging: { pageSize: 1, pageNumber: 1 } },
        auth,
      );
      body.conversations[0].participants[0].purpose = 'robot';
      expect(v(body)).toBe(false);
    });

    it('details jobs: create, status, results, availability', async () => {
      const jobs = `${api}/api/v2/analytics/conversations/details/jobs`;
      const created = await postJson(jobs, { interval }, auth);
      const vCreated = validatorFor(schemas, 'AsyncQueryResponse', REF);
      expect(vCreated(created.body), errorsOf(vCreated)).toBe(true);
      const vStatus = validatorFor(schemas, 'AsyncQueryStatus', REF);
      for (let i = 0; i < 3; i++) {
        const s = await getJson(`${jobs}/${created.body.jobId}`, auth);
        expect(vStatus(s.body), errorsOf(vStatus)).toBe(true);
      }
      const vResults = validatorFor(schemas, 'AnalyticsConversationAsyncQueryResponse', REF);
      const results = await getJson(`${jobs}/${created.body.jobId}/results?pageSize=100`, auth);
      expect(results.body.conversations.length).toBeGreaterThan(0);
      expect(vResults(results.body), errorsOf(vResults)).toBe(true);
      const vAvail = validatorFor(schemas, 'DataAvailabilityResponse', REF);
      expect(vAvail((await getJson(`${jobs}/availability`, auth)).body), errorsOf(vAvail)).toBe(true);
    });

    it('error bodies (400, 401)', async () => {
      const v = validatorFor(schemas, 'ErrorBody', REF);
      const bad = await postJson(
        `${api}/api/v2/analytics/conversations/details/query`,
        { interval: 'soon' },
        auth,
      );
      expect(bad.status).toBe(400);
      expect(v(bad.body), errorsOf(v)).toBe(true);
      const unauthorized = await postJson(`${api}/api/v2/analytics/conversations/details/query`, {
        interval,
      });
      expect(unauthorized.status).toBe(401);
      expect(v(unauthorized.body), errorsOf(v)).toBe(true);
    });
  },
);

describe('Genesys token endpoint against the documented shape (no published spec covers it)', () => {
  it('POST /oauth/token returns {access_token, token_type: "bearer", expires_in}', async () => {
    const sim = createGenesysSim({ dataset: smallDataset(), rateLimits: 'off' });
    const login = await serve(sim.loginApp);
    const r = await fetch(`${login}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: basic(sim.credentials.clientId, sim.credentials.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await r.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(body['token_type']).toBe('bearer');
    expect(typeof body['access_token']).toBe('string');
    expect(body['expires_in']).toBe(86399);
  });
});
