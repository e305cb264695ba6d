import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, readMapping, testApp, type TestApp } from './helpers.ts';

const WARNING = expect.stringMatching(/^scorecard\.yaml changed but its version is still "2026\.12-1"/);

let t: TestApp;
let scorecard: string;
beforeEach(async () => {
  t = await testApp();
  scorecard = readMapping(t.mappingsPath, 'scorecard.yaml');
});
afterEach(() => t.cleanup());

const as = (who: 'admin' | 'admin2') => ({ Authorization: bearer(who) });
const warned = () =>
  t.lines.filter((l) => l['level'] === 40 && String(l['msg']).includes('its version is still'));

describe('a scorecard changed under the same version label', () => {
  it('is flagged on the proposal, on its approval, in the audit and in the log', async () => {
    const changed = scorecard.replace('drivers: 3', 'drivers: 4');
    const proposed = await request(t.app)
      .post('/mappings/proposals')
      .set(as('admin'))
      .send({ files: { 'scorecard.yaml': changed } });
    expect(proposed.status).toBe(201);
    expect(proposed.body.warnings).toEqual([WARNING]);
    const id = proposed.body.id as number;
    const stored = await request(t.app).get(`/mappings/proposals/${id}`).set(as('admin'));
    expect(stored.body.warnings).toEqual([WARNING]);

    const approved = await request(t.app)
      .post(`/mappings/proposals/${id}/approve`)
      .set(as('admin2'))
      .send({});
    expect(approved.status).toBe(200);
    expect(approved.body.warnings).toEqual([WARNING]);
    const audit = (await t.store.audit.list()).find((e) => e.action === 'mappings.approve');
    expect(audit?.detail['warnings']).toEqual([WARNING]);
    expect(warned().length).toBeGreaterThanOrEqual(2); // at the proposal and when it is put in force
  });

  it('is not flagged when the version changes too, or when only comments change', async () => {
    const bumped = scorecard
      .replace('drivers: 3', 'drivers: 4')
      .replace('version: "2026.12-1"', 'version: "2026.12-2"');
    const proposed = await request(t.app)
      .post('/mappings/proposals')
      .set(as('admin'))
      .send({ files: { 'scorecard.yaml': bumped } });
    expect(proposed.body.warnings).toEqual([]);
    const comment = await request(t.app)
      .post('/mappings/validate')
      .set(as('admin'))
      .send({ files: { 'scorecard.yaml': `${scorecard}\n# a comment\n` } });
    expect(comment.body).toMatchObject({ valid: true, warnings: [] });
    expect(warned()).toEqual([]);
  });

  it('is flagged by POST /mappings/validate and by a reload from disk', async () => {
    const changed = scorecard.replace('drivers: 3', 'drivers: 2');
    const validated = await request(t.app)
      .post('/mappings/validate')
      .set(as('admin'))
      .send({ files: { 'scorecard.yaml': changed } });
    expect(validated.body).toMatchObject({ valid: true, warnings: [WARNING] });
    writeFileSync(join(t.mappingsPath, 'scorecard.yaml'), changed);
    expect(await t.mappings.reload('sighup')).toMatchObject({ ok: true, changed: true, warnings: [WARNING] });
    expect((await t.store.audit.list())[0]).toMatchObject({
      action: 'mappings.reload',
      detail: { outcome: 'ok', warnings: [WARNING] },
    });
    expect(warned()).toHaveLength(1);
  });
});
