import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { watchMappings } from '../../src/server/mappings-watch.ts';
import { bearer, readMapping, testApp, until, type TestApp } from './helpers.ts';

let t: TestApp;
let watcher: { close(): void } | undefined;
afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await t.cleanup();
});

const version = () => t.mappings.current()!.mappings.scorecard.version;

describe('file edits on disk', () => {
  it('an invalid edit leaves the last good configuration in force; a later valid edit is picked up', async () => {
    t = await testApp();
    watcher = watchMappings(t.mappings, t.ctx.logger, { debounceMs: 50 });
    const scorecard = readMapping(t.mappingsPath, 'scorecard.yaml');
    const goodDigest = t.mappings.current()!.digest;

    writeFileSync(
      join(t.mappingsPath, 'scorecard.yaml'),
      scorecard.replace('coverage_floor: 0.5', 'coverage_floor: 7'),
    );
    const failed = await until(() => t.mappings.lastReload());
    expect(failed).toMatchObject({ ok: false, origin: 'file-watch' });
    expect(failed.problems[0]).toMatchObject({ file: 'scorecard.yaml', path: ['coverage_floor'] });
    expect(t.mappings.current()!.digest).toBe(goodDigest);

    const ready = await request(t.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.mappings.lastReload).toMatchObject({ ok: false, problems: 1 });
    const metrics = await request(t.app).get('/metrics').set('Authorization', bearer('viewer'));
    expect(metrics.text).toContain('health_sync_mapping_reloads_total{result="invalid"} 1');
    expect(t.lines.some((l) => l['level'] === 40 && String(l['msg']).includes('coverage_floor'))).toBe(true);
    expect((await t.store.audit.list())[0]).toMatchObject({
      action: 'mappings.reload',
      actor: 'system:file-watch',
      detail: { outcome: 'invalid' },
    });

    writeFileSync(
      join(t.mappingsPath, 'scorecard.yaml'),
      scorecard.replace('version: "2026.12-1"', 'version: "2026.12-2"'),
    );
    await until(() => version() === '2026.12-2');
    expect(t.mappings.lastReload()).toMatchObject({ ok: true, origin: 'file-watch' });
    expect((await t.store.audit.list())[0]).toMatchObject({
      action: 'mappings.reload',
      detail: { outcome: 'ok' },
    });
    expect((await t.store.audit.list())[0]!.afterDigest).not.toBe(
      (await t.store.audit.list())[0]!.beforeDigest,
    );
  });

  it('a reload (SIGHUP) that finds nothing changed changes nothing', async () => {
    t = await testApp();
    const current = t.mappings.current();
    const result = await t.mappings.reload('sighup');
    expect(result).toMatchObject({ ok: true, changed: false });
    expect(t.mappings.current()).toBe(current);
    expect(await t.store.audit.list()).toEqual([]);
  });

  it('a schedule.yaml edit reaches the change listeners (the scheduler re-plans)', async () => {
    t = await testApp();
    const seen: string[] = [];
    t.mappings.onChange((next) => seen.push(next.schedule!.timezone));
    writeFileSync(join(t.mappingsPath, 'schedule.yaml'), 'version: 1\ntimezone: Europe/Dublin\n');
    await t.mappings.reload('sighup');
    expect(seen).toEqual(['Europe/Dublin']);
  });
});
