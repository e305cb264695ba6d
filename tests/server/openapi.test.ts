import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/server/routes/index.ts';
import { createTenantRouter } from '../../src/server/tenant-router.ts';
import { testApp, type TestApp } from './helpers.ts';

let t: TestApp;
let doc: {
  openapi: string;
  servers: { url: string; variables?: Record<string, { default: string }> }[];
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, unknown> };
};
beforeAll(async () => {
  t = await testApp();
  const res = await request(t.app).get('/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => t.cleanup());

const EXPECTED = [
  'get /healthz',
  'get /readyz',
  'get /metrics',
  'get /runs',
  'get /runs/live',
  'get /runs/{id}',
  'post /runs',
  'get /me',
  'get /accounts',
  'get /accounts/{id}/health',
  'get /accounts/{id}/evidence',
  'get /mappings/files',
  'post /mappings/validate',
  'post /mappings/preview',
  'get /mappings/proposals',
  'post /mappings/proposals',
  'get /mappings/proposals/{id}',
  'get /mappings/proposals/{id}/audit',
  'post /mappings/proposals/{id}/approve',
  'post /mappings/proposals/{id}/reject',
  'get /audit',
  'get /unmatched',
  'get /openapi.json',
];

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 and lists every route', () => {
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(listed.sort()).toEqual([...EXPECTED].sort());
    for (const r of ROUTES) expect(listed).toContain(`${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  });

  it('describes requests from the same zod schemas the routes validate with', () => {
    const trigger = doc.paths['/runs']!['post']!;
    const body = (trigger['requestBody'] as { content: Record<string, { schema: Record<string, unknown> }> })
      .content['application/json']!.schema;
    expect(body['additionalProperties']).toBe(false);
    expect(Object.keys(body['properties'] as object).sort()).toEqual(['dryRun', 'full', 'sources']);
    const params = doc.paths['/runs']!['get']!['parameters'] as {
      name: string;
      in: string;
      required: boolean;
    }[];
    expect(params).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
      expect.objectContaining({ name: 'before', in: 'query', required: false }),
    ]);
    const byId = doc.paths['/runs/{id}']!['get']!['parameters'] as {
      name: string;
      in: string;
      required: boolean;
    }[];
    expect(byId).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(doc.paths['/runs']!['post']!['x-required-role']).toBe('operator');
    expect(doc.paths['/healthz']!['get']!['security']).toEqual([]);
    expect(doc.components.schemas['Error']).toMatchObject({ type: 'object', required: ['error'] });
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops)) expect(Object.keys(op['responses'] as object)).toContain('500');
    const approve = doc.paths['/mappings/proposals/{id}/approve']!['post']!['responses'] as Record<
      string,
      { description: string; headers?: Record<string, unknown> }
    >;
    expect(approve['429']!.headers).toHaveProperty('Retry-After');
    expect(Object.keys(doc.paths['/healthz']!['get']!['responses'] as object)).not.toContain('429');
    const validate = doc.paths['/mappings/validate']!['post']!['responses'] as Record<
      string,
      { description: string }
    >;
    expect(validate['400']!.description).toContain('MAPPINGS_REFUSED');
  });

  it('every documented path is served (none falls through to 404)', async () => {
    for (const entry of EXPECTED) {
      const [method, path] = entry.split(' ') as ['get' | 'post', string];
      const res = await request(t.app)[method](path.replace('{id}', '1'));
      const unrouted = res.status === 404 && String(res.body.error?.message).startsWith('no such route');
      expect(unrouted, entry).toBe(false);
    }
  });

  it("documents each tenant's prefix as a server, and serves every path under it", async () => {
    expect(doc.servers.map((s) => s.url)).toEqual(['/', '/tenants/{tenant}']);
    const tenants = createTenantRouter([{ id: 'default', ctx: t.ctx }]);
    for (const entry of EXPECTED) {
      const [method, path] = entry.split(' ') as ['get' | 'post', string];
      const res = await request(tenants)[method](`/tenants/default${path.replace('{id}', '1')}`);
      const unrouted = res.status === 404 && String(res.body.error?.message).startsWith('no such route');
      expect(unrouted, entry).toBe(false);
    }
  });
});
