import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { setDigest } from '../../src/server/mapping-files.ts';
import { bearer, readMapping, testApp, type TestApp } from './helpers.ts';

let t: TestApp;
let scorecard: string;
beforeEach(async () => {
  t = await testApp();
  scorecard = readMapping(t.mappingsPath, 'scorecard.yaml');
});
afterEach(() => t.cleanup());

const propose = (who: 'admin' | 'admin2', files: Record<string, string>, note?: string) =>
  request(t.app)
    .post('/mappings/proposals')
    .set('Authorization', bearer(who))
    .send({ files, ...(note ? { note } : {}) });
const approve = (who: 'admin' | 'admin2', id: number) =>
  request(t.app).post(`/mappings/proposals/${id}/approve`).set('Authorization', bearer(who)).send({});
const audit = async (action: string) =>
  (await t.store.audit.list({ limit: 100 })).filter((e) => e.action === action);

describe('two-person mapping changes', () => {
  it('applies only after a different admin approves, atomically on disk, and reloads', async () => {
    const next = scorecard.replace('version: "2026.12-1"', 'version: "2026.12-2"');
    expect(next).not.toBe(scorecard);
    const before = setDigest(t.mappings.current()!);

    const created = await propose('admin', { 'scorecard.yaml': next }, 'new quarter');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'pending',
      createdBy: 'alice',
      files: ['scorecard.yaml'],
      baseDigest: before,
    });
    const id = created.body.id as number;
    expect(readMapping(t.mappingsPath, 'scorecard.yaml')).toBe(scorecard);
    expect(t.mappings.current()!.mappings.scorecard.version).toBe('2026.12-1');

    const self = await approve('admin', id);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_APPROVAL');
    expect((await audit('mappings.approve'))[0]).toMatchObject({
      actor: 'alice',
      target: `proposal:${id}`,
      detail: { outcome: 'denied' },
    });
    expect((await t.store.proposals.get(id))!.status).toBe('pending');
    expect(readMapping(t.mappingsPath, 'scorecard.yaml')).toBe(scorecard);

    const ok = await approve('admin2', id);
    expect(ok.status).toBe(200);
    expect(ok.body.proposal).toMatchObject({ status: 'applied', decidedBy: 'bob' });
    expect(readMapping(t.mappingsPath, 'scorecard.yaml')).toBe(next);
    expect(t.mappings.current()!.mappings.scorecard.version).toBe('2026.12-2');
    expect(ok.body.afterDigest).toBe(setDigest(t.mappings.current()!));
    expect(ok.body.afterDigest).toBe(created.body.proposedDigest);
    // Its audit trail, oldest first: proposed, the author's refused approval, the approval.
    const trail = await request(t.app)
      .get(`/mappings/proposals/${id}/audit`)
      .set('Authorization', bearer('admin'));
    expect(trail.status).toBe(200);
    expect(
      trail.body.items.map((e: { actor: string; action: string; detail: { outcome: string } }) => [
        e.action,
        e.actor,
        e.detail.outcome,
      ]),
    ).toEqual([
      ['mappings.propose', 'alice', 'ok'],
      ['mappings.approve', 'alice', 'denied'],
      ['mappings.approve', 'bob', 'ok'],
    ]);
    expect(
      (await request(t.app).get('/mappings/proposals/999/audit').set('Authorization', bearer('admin')))
        .status,
    ).toBe(404);
    expect(
      (await request(t.app).get(`/mappings/proposals/${id}/audit`).set('Authorization', bearer('viewer')))
        .status,
    ).toBe(403);
    expect((await audit('mappings.approve'))[0]).toMatchObject({
      actor: 'bob',
      beforeDigest: before,
      afterDigest: ok.body.afterDigest,
      detail: { outcome: 'ok', proposedBy: 'alice' },
    });
    const ready = await request(t.app).get('/readyz');
    expect(ready.body.mappings).toMatchObject({ digest: ok.body.afterDigest, scorecardVersion: '2026.12-2' });

    const again = await approve('admin2', id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PROPOSAL_DECIDED');
  });

  it('refuses an invalid proposal with every problem and never stores it', async () => {
    const bad = scorecard.replace('coverage_floor: 0.5', 'coverage_floor: 5\nbogus_key: 1');
    const res = await propose('admin', {
      'scorecard.yaml': bad,
      'schedule.yaml': 'version: 1\ntimezone: Mars/Base\n',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('MAPPINGS_INVALID');
    const problems = res.body.error.details.problems as { file: string; path: unknown[]; line?: number }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'scorecard.yaml',
          path: ['coverage_floor'],
          line: expect.any(Number),
        }),
        expect.objectContaining({ file: 'scorecard.yaml', path: ['bogus_key'] }),
        expect.objectContaining({ file: 'schedule.yaml', path: ['timezone'] }),
      ]),
    );
    expect(await t.store.proposals.list()).toEqual([]);
    expect(readMapping(t.mappingsPath, 'scorecard.yaml')).toBe(scorecard);
    expect((await audit('mappings.propose'))[0]).toMatchObject({
      actor: 'alice',
      detail: { outcome: 'failed', status: 422 },
    });
  });

  it('a rejected proposal never applies', async () => {
    const id = (await propose('admin', { 'scorecard.yaml': scorecard.replace('drivers: 3', 'drivers: 4') }))
      .body.id as number;
    const rejected = await request(t.app)
      .post(`/mappings/proposals/${id}/reject`)
      .set('Authorization', bearer('admin'))
      .send({ reason: 'changed my mind' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decidedBy: 'alice',
      reason: 'changed my mind',
    });
    const late = await approve('admin2', id);
    expect(late.status).toBe(409);
    expect(readMapping(t.mappingsPath, 'scorecard.yaml')).toBe(scorecard);
    const listed = await request(t.app)
      .get('/mappings/proposals?status=rejected')
      .set('Authorization', bearer('admin'));
    expect(listed.body.items.map((p: { id: number }) => p.id)).toEqual([id]);
  });

  it('refuses to apply over a file edited on disk since the proposal (409, marked failed)', async () => {
    const id = (await propose('admin', { 'scorecard.yaml': scorecard.replace('drivers: 3', 'drivers: 4') }))
      .body.id as number;
    const manual = scorecard.replace('drivers: 3', 'drivers: 2');
    writeFileSync(join(t.mappingsPath, 'scorecard.yaml'), manual);
    const res = await approve('admin2', id);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'PROPOSAL_STALE', details: { files: ['scorecard.yaml'] } });
    expect(await t.store.proposals.get(id)).toMatchObject({ status: 'failed', decidedBy: 'bob' });
    expect(readMapping(t.mappingsPath, 'scorecard.yaml')).toBe(manual);
  });

  it('re-validates against the current files at approval: invalid then → 422, nothing written', async () => {
    const schedule = 'version: 1\ntimezone: Europe/Dublin\n';
    const id = (await propose('admin', { 'schedule.yaml': schedule })).body.id as number;
    writeFileSync(join(t.mappingsPath, 'accounts.yaml'), 'version: 1\nrules: [oops\n');
    const scheduleBefore = readMapping(t.mappingsPath, 'schedule.yaml');
    const res = await approve('admin2', id);
    expect(res.status).toBe(422);
    expect(res.body.error.details.problems[0].file).toBe('accounts.yaml');
    expect((await t.store.proposals.get(id))!.status).toBe('failed');
    expect(readMapping(t.mappingsPath, 'schedule.yaml')).toBe(scheduleBefore);
    expect(t.mappings.current()!.schedule!.timezone).toBe('UTC');
  });

  it('validate and preview report without changing anything', async () => {
    const valid = await request(t.app)
      .post('/mappings/validate')
      .set('Authorization', bearer('admin'))
      .send({ files: { 'scorecard.yaml': scorecard } });
    expect(valid.body).toMatchObject({ valid: true, scorecardVersion: '2026.12-1' });
    const invalid = await request(t.app)
      .post('/mappings/validate')
      .set('Authorization', bearer('admin'))
      .send({ files: { 'scorecard.yaml': 'version: 1\n' } });
    expect(invalid.status).toBe(200);
    expect(invalid.body.valid).toBe(false);
    expect(invalid.body.problems.length).toBeGreaterThan(1);
    const preview = await request(t.app)
      .post('/mappings/preview')
      .set('Authorization', bearer('admin'))
      .send({ files: { 'scorecard.yaml': scorecard.replace('drivers: 3', 'drivers: 4') } });
    expect(preview.status).toBe(200);
    expect(preview.body.report).toMatchObject({ from: t.mappings.current()!.digest, changed: [] });
    expect(preview.body.report.to).not.toBe(t.mappings.current()!.digest);
    const unknownFile = await request(t.app)
      .post('/mappings/validate')
      .set('Authorization', bearer('admin'))
      .send({ files: { '../etc/passwd': 'x' } });
    expect(unknownFile.status).toBe(400);
    expect(await t.store.proposals.list()).toEqual([]);
  });
});

describe('the default preview', () => {
  it("answers with the scorecard's what-if report over the stored facts", async () => {
    const { createPreview } = await import('../../src/server/pipeline-module.ts');
    const real = await testApp();
    try {
      real.ctx.preview = createPreview({
        store: real.store,
        env: parseEnv({}),
        clock: { now: () => Date.UTC(2026, 10, 20) },
      } as never);
      const res = await request(real.app)
        .post('/mappings/preview')
        .set('Authorization', bearer('admin'))
        .send({
          files: { 'scorecard.yaml': scorecard.replace('version: "2026.12-1"', 'version: "2026.12-2"') },
        });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.report).toBeTypeOf('object');
      expect(JSON.stringify(res.body.report)).toContain('2026.12-2');
      // No source configured: no cursor a sync would start over.
      expect(res.body.report.reread).toEqual([]);
    } finally {
      await real.cleanup();
    }
  });
});
