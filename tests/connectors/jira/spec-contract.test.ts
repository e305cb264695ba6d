import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JiraApproximateCount } from '../../../connectors/jira/schemas.ts';
import { FakeJira, fakeIssue } from './fake-jira.ts';
import { CLOUD, MIN, T0, harness } from './harness.ts';

/** Atlassian's published Jira Cloud OpenAPI (not in the repo: see ../shared/specs/README.md). */
const SPEC = fileURLToPath(new URL('../../../../shared/specs/jira-cloud-platform.v3.json', import.meta.url));
const present = existsSync(SPEC);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("jira.issues against Atlassian's Jira Cloud spec", () => {
  if (!present) {
    it('is not checked: the vendor specs folder is absent', () => {
      console.log(`skipped: ${SPEC} not found (the specs live outside the repo, in ../shared/specs)`);
    });
    return;
  }
  const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as { paths: Record<string, unknown> };
  // Formats (int32, uri...) are not what this checks: shapes and unknown properties are.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  ajv.addSchema(spec, 'jira');
  const check = (name: string, value: unknown): string[] => {
    const validate = ajv.getSchema(`jira#/components/schemas/${name}`)!;
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };

  it('documents the two endpoints we call', () => {
    expect(Object.keys(spec.paths['/rest/api/3/search/jql'] as object)).toContain('post');
    expect(Object.keys(spec.paths['/rest/api/3/search/approximate-count'] as object)).toContain('post');
  });

  it('our requests are valid request bodies, and the fake answers in the documented shape', async () => {
    const fake = new FakeJira(CLOUD).add(...Array.from({ length: 120 }, (_, i) => fakeIssue(T0 + i * MIN)));
    const sent: { path: string; body: unknown; reply: unknown }[] = [];
    nock(CLOUD)
      .persist()
      .post('/rest/api/3/search/jql')
      .reply(async (req: Request) => {
        const body = (await req.json()) as Record<string, unknown>;
        const [status, reply] = fake.cloudPage(body, undefined);
        sent.push({ path: 'search', body, reply });
        return [status, reply];
      })
      .post('/rest/api/3/search/approximate-count')
      .reply(async (req: Request) => {
        const body = (await req.json()) as { jql: string };
        const reply = { count: fake.matching(body.jql).length };
        sent.push({ path: 'count', body, reply });
        return [200, reply];
      });
    await harness().run();

    const searches = sent.filter((s) => s.path === 'search');
    expect(searches).toHaveLength(2);
    for (const s of searches) {
      expect(check('SearchAndReconcileRequestBean', s.body)).toEqual([]);
      expect(check('SearchAndReconcileResults', s.reply)).toEqual([]);
    }
    const count = sent.find((s) => s.path === 'count')!;
    expect(check('JQLCountRequestBean', count.body)).toEqual([]);
    expect(check('JQLCountResultsBean', count.reply)).toEqual([]);
  });

  it("the spec's approximate-count example parses with our schema", () => {
    const op = (spec.paths['/rest/api/3/search/approximate-count'] as Record<string, unknown>).post as {
      responses: { 200: { content: { 'application/json': { example: string } } } };
    };
    const example = JSON.parse(op.responses[200].content['application/json'].example) as unknown;
    expect(JiraApproximateCount.parse(example)).toEqual({ count: 153 });
  });
});
