import type { Server } from 'node:http';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from './helpers.ts';
import { fakeRunner } from './fixtures/fake-runner.ts';

const PATHS = [
  '/runs',
  '/runs/1',
  '/runs/0x1',
  '/runs/-1',
  '/runs/99999999999999999999',
  '/runs/%E0%A4%A',
  '/runs/1/2',
  '/accounts/001/health',
  '/accounts/../health',
  '/accounts/%00/health',
  '/mappings/validate',
  '/mappings/preview',
  '/mappings/proposals',
  '/mappings/proposals/1',
  '/mappings/proposals/1/approve',
  '/mappings/proposals/abc/reject',
  '/audit',
  '/metrics',
  '/healthz',
  '/readyz',
  '/openapi.json',
  '/',
  '//runs',
  '/RUNS',
  '/runs/',
  '/%2e%2e/etc/passwd',
];

const path = fc.oneof(
  { arbitrary: fc.constantFrom(...PATHS), weight: 6 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...PATHS), fc.stringMatching(/^[?][a-z=&%0-9[\]]{0,30}$/))
      .map(([p, q]) => p + q),
    weight: 3,
  },
  { arbitrary: fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)), weight: 1 },
);
const method = fc.oneof(
  { arbitrary: fc.constantFrom('get', 'post'), weight: 8 },
  { arbitrary: fc.constantFrom('put', 'patch', 'delete', 'options'), weight: 2 },
);
const auth = fc.oneof(
  { arbitrary: fc.constant(bearer('admin')), weight: 6 },
  {
    arbitrary: fc.constantFrom(undefined, bearer('viewer'), bearer('operator'), 'Bearer x', 'Bearer'),
    weight: 2,
  },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.json().map((j) => ({ type: 'application/json', raw: j })),
  fc.string().map((s) => ({ type: 'application/json', raw: s })),
  fc.string().map((s) => ({ type: 'text/plain', raw: s })),
  fc
    .record(
      {
        sources: fc.oneof(fc.array(fc.string()), fc.constant(['zendesk']), fc.integer()),
        full: fc.oneof(fc.boolean(), fc.string()),
        files: fc.oneof(
          fc.dictionary(
            fc.constantFrom('scorecard.yaml', 'schedule.yaml', 'evil.yaml', '__proto__'),
            fc.string(),
          ),
          fc.string(),
        ),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    )
    .map((o) => ({ type: 'application/json', raw: JSON.stringify(o) })),
  fc.constant({ type: 'application/json', raw: `{"files":{"scorecard.yaml":"${'a'.repeat(1_050_000)}"}}` }),
);

let t: TestApp;
let server: Server;
beforeAll(async () => {
  // Most requests carry a bad token or none: with the limit on, nearly all would be 429s.
  t = await testApp({ runner: (store) => fakeRunner(store, { pages: 1, perPage: 1 }), authFailureLimit: 0 });
  server = t.app.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.ctx.control.idle();
  await t.cleanup();
});

describe('malformed requests', () => {
  it('never get a 5xx, and every error is the JSON envelope', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, auth, body, async (m, p, a, b) => {
        let r = request(server)[m](p);
        if (a) r = r.set('Authorization', a);
        if (b) r = r.set('Content-Type', b.type).send(b.raw);
        const res = await r.catch((err: unknown) => {
          // The server may close the connection after refusing an oversized body.
          if (
            (err as NodeJS.ErrnoException).code === 'ECONNRESET' ||
            (err as NodeJS.ErrnoException).code === 'EPIPE'
          )
            return undefined;
          throw err;
        });
        if (!res) return;
        expect(res.status, `${m} ${p}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/json/);
          expect(res.body).toEqual({
            error: {
              code: expect.stringMatching(/^[A-Z_]+$/),
              message: expect.any(String),
              ...(res.body.error?.details === undefined ? {} : { details: expect.anything() }),
            },
          });
          expect(Object.keys(res.body)).toEqual(['error']);
        }
      }),
      { numRuns: 400 },
    );
  });
});
