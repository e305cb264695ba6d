/* eslint-disable @typescript-eslint/no-explicit-any -- vendor JSON bodies, checked by the assertions */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../../src/sandbox/common/clock.ts';
import { createJiraSim } from '../../../src/sandbox/jira/app.ts';
import { DAY, NOW, basic, getJson, postJson, serve, smallDataset } from '../helpers.ts';
import { HAVE_SPECS, errorsOf, schemasOf, validatorFor } from '../spec-validator.ts';

/**
 * Atlassian's Jira Cloud platform OAS (../shared/specs/jira-cloud-platform.v3.json): search/jql,
 * approximate-count, myself and the error collection. Its schemas forbid unknown properties, so
 * this also proves the simulator sends nothing Jira does not. No deviations are tolerated.
 */
const FILE = 'jira-cloud-platform.v3.json';
const REF = '#/components/schemas/' as const;

describe.skipIf(!HAVE_SPECS)('Jira simulator responses against the Jira Cloud v3 OAS', () => {
  const ds = smallDataset({ issues: 300 });
  const sim = createJiraSim({ dataset: ds, clock: createClock(NOW + DAY), rateLimits: 'off' });
  const auth = { authorization: basic(sim.credentials.email, sim.credentials.apiToken) };
  let url = '';
  let schemas: Record<string, any> = {};
  beforeAll(async () => {
    url = await serve(sim.app);
    schemas = schemasOf(FILE);
  });

  it('POST /rest/api/3/search/jql: every page, with all fields and with ids only', async () => {
    const v = validatorFor(schemas, 'SearchAndReconcileResults', REF);
    for (const fields of [['*all'], undefined, ['summary', 'customfield_10050']]) {
      let token: string | undefined;
      do {
        const { status, body } = await postJson(
          `${url}/rest/api/3/search/jql`,
          {
            jql: 'project in (PAY, API) AND updated >= -365d ORDER BY updated ASC',
            maxResults: 100,
            ...(fields ? { fields } : {}),
            ...(token ? { nextPageToken: token } : {}),
          },
          auth,
        );
        expect(status).toBe(200);
        expect(v(body), errorsOf(v)).toBe(true);
        token = body.nextPageToken;
      } while (token);
    }
    const { body } = await postJson(
      `${url}/rest/api/3/search/jql`,
      { jql: 'project = PAY', fields: ['*all'] },
      auth,
    );
    body.issues[0].total = 3;
    expect(v(body)).toBe(false);
  });

  it('POST /rest/api/3/search/approximate-count', async () => {
    const v = validatorFor(schemas, 'JQLCountResultsBean', REF);
    const { body } = await postJson(
      `${url}/rest/api/3/search/approximate-count`,
      { jql: 'project = API' },
      auth,
    );
    expect(v(body), errorsOf(v)).toBe(true);
  });

  it('GET /rest/api/3/myself', async () => {
    const v = validatorFor(schemas, 'User', REF);
    const { body } = await getJson(`${url}/rest/api/3/myself`, auth);
    expect(v(body), errorsOf(v)).toBe(true);
  });

  it('400 and 410 error bodies', async () => {
    const v = validatorFor(schemas, 'ErrorCollection', REF);
    const bad = await postJson(`${url}/rest/api/3/search/jql`, { jql: 'project = NOPE' }, auth);
    expect(bad.status).toBe(400);
    expect(v(bad.body), errorsOf(v)).toBe(true);
    const gone = await getJson(`${url}/rest/api/3/search?jql=project=PAY`, auth);
    expect(gone.status).toBe(410);
    expect(v(gone.body), errorsOf(v)).toBe(true);
  });
});
