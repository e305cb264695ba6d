import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { mountConsole } from '../../src/server/console-assets.ts';
import { bearer, tempDir, testApp, type TestApp } from './helpers.ts';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await testApp();
  dir = tempDir('hs-console-');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
});
afterAll(() => t.cleanup());

describe('the console at /', () => {
  it('serves index.html uncached and hashed assets for a year, under a strict CSP', async () => {
    const app = createApp({ ...t.ctx, consoleDir: dir });
    const index = await request(app).get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    const csp = index.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const asset = await request(app).get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves the API as it was: its routes answer JSON, and unknown paths the 404 envelope', async () => {
    const app = createApp({ ...t.ctx, consoleDir: dir });
    expect((await request(app).get('/accounts').set('Authorization', bearer('viewer'))).body).toHaveProperty(
      'items',
    );
    const missing = await request(app).get('/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect((await request(app).get('/accounts/x/y')).body.error.code).toBe('NOT_FOUND');
    expect((await request(app).post('/')).status).toBe(404);
  });

  it('says how to build it when it is not built', async () => {
    const app = express();
    mountConsole(app, join(dir, 'absent'));
    const res = await request(app).get('/');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm install');
  });
});
