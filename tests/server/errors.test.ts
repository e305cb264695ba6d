import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from './helpers.ts';

const envelope = { error: { code: expect.any(String), message: expect.any(String) } };

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

describe('the error envelope', () => {
  it('bad JSON → 400 INVALID_JSON', async () => {
    const res = await request(t.app)
      .post('/runs')
      .set('Authorization', bearer('operator'))
      .set('Content-Type', 'application/json')
      .send('{"full": tru');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'INVALID_JSON', message: expect.any(String) } });
  });

  it('a body over 1 MB → 413', async () => {
    const res = await request(t.app)
      .post('/mappings/validate')
      .set('Authorization', bearer('admin'))
      .send({ files: { 'scorecard.yaml': 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a non-JSON body → 415', async () => {
    const res = await request(t.app)
      .post('/runs')
      .set('Authorization', bearer('operator'))
      .set('Content-Type', 'text/plain')
      .send('full=true');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown fields and wrong types → 400 with every issue, never the value', async () => {
    const res = await request(t.app)
      .post('/runs')
      .set('Authorization', bearer('operator'))
      .send({ full: 'yes', sources: ['zendesk', 'zendesk'], secretish: 'hunter2' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const issues = res.body.error.details.issues as { path: unknown[]; keys?: string[] }[];
    expect(issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(['full', 'sources']));
    expect(issues.some((i) => i.keys?.includes('secretish'))).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });

  it('unknown query parameters → 400', async () => {
    const res = await request(t.app).get('/runs?limit=5&sort=asc').set('Authorization', bearer('viewer'));
    expect(res.status).toBe(400);
    const repeated = await request(t.app).get('/runs?limit=5&limit=6').set('Authorization', bearer('viewer'));
    expect(repeated.status).toBe(400);
  });

  it('unknown routes → 404, known paths with the wrong method → 405 with Allow', async () => {
    const missing = await request(t.app).get('/nope').set('Authorization', bearer('admin'));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(envelope);
    const wrong = await request(t.app).delete('/runs/1').set('Authorization', bearer('admin'));
    expect(wrong.status).toBe(405);
    expect(wrong.headers['allow']).toBe('GET, HEAD');
    expect(wrong.body.error.code).toBe('METHOD_NOT_ALLOWED');
    const options = await request(t.app).options('/runs');
    expect(options.status).toBe(405);
    expect(options.headers['allow']).toBe('GET, POST, HEAD');
  });

  it('a thrown error → 500 without a stack or a secret; the log has it', async () => {
    const broken = await testApp({
      preview: () => {
        throw new Error('db password=supersecretvalue at /srv/x.ts:1');
      },
    });
    try {
      const res = await request(broken.app)
        .post('/mappings/preview')
        .set('Authorization', bearer('admin'))
        .send({ files: { 'schedule.yaml': 'version: 1\n' } });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
      expect(res.text).not.toContain('supersecret');
      expect(res.text).not.toContain('x.ts');
      const logged = broken.lines.find((l) => l['msg'] === 'request failed');
      expect(JSON.stringify(logged)).toContain('x.ts');
      expect(JSON.stringify(logged)).not.toContain('supersecretvalue');
    } finally {
      await broken.cleanup();
    }
  });
});
