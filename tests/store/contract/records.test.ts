import { expect, it } from 'vitest';
import { describeStoreContract } from './stores.ts';

describeStoreContract('store contract: runs, audit, meta, proposals', (ctx) => {
  const store = () => ctx().store;

  it('keeps run records and marks runs left running by a dead process as failed', async () => {
    const run = await store().runs.start('cli', { full: true });
    expect(run).toMatchObject({
      trigger: 'cli',
      status: 'running',
      options: { full: true },
      stats: {},
      endedAt: null,
      error: null,
    });
    expect(typeof run.id).toBe('number');
    await store().runs.update(run.id, { stage: 'sources' });
    expect(await store().runs.get(run.id)).toMatchObject({ status: 'running', stats: { stage: 'sources' } });
    expect(await store().runs.abandonStale('process ended')).toBe(1);
    expect(await store().runs.get(run.id)).toMatchObject({ status: 'failed', error: 'process ended' });
    expect(await store().runs.get(run.id + 100)).toBeUndefined();
  });

  it('a progress write that lands after the run ended leaves the final stats alone', async () => {
    const run = await store().runs.start('test', {});
    await store().runs.update(run.id, { progress: { stage: 'sources' } });
    await store().runs.finish(run.id, 'succeeded', { progress: { stage: 'done' }, durationMs: 5 });
    await store().runs.update(run.id, { progress: { stage: 'sources', waiting: 'HTTP 429, 1 s' } });
    const after = await store().runs.get(run.id);
    expect(after?.status).toBe('succeeded');
    expect(after?.stats).toEqual({ progress: { stage: 'done' }, durationMs: 5 });
    expect(typeof after?.endedAt).toBe('number');
  });

  it('lists runs newest first, a page at a time', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await store().runs.start(`t${i}`, {})).id);
    await store().runs.finish(ids[0]!, 'failed', {}, 'boom');
    expect((await store().runs.list()).map((r) => r.id)).toEqual([...ids].reverse());
    expect((await store().runs.list({ limit: 2 })).map((r) => r.id)).toEqual([ids[4], ids[3]]);
    expect((await store().runs.list({ limit: 2, beforeId: ids[3]! })).map((r) => r.id)).toEqual([
      ids[2],
      ids[1],
    ]);
    expect((await store().runs.get(ids[0]!))?.error).toBe('boom');
  });

  it('appends audit entries and lists them newest first', async () => {
    const a = await store().audit.append({
      actor: 'alice',
      action: 'run',
      target: null,
      beforeDigest: null,
      afterDigest: null,
      detail: { x: 1 },
    });
    const b = await store().audit.append({
      actor: 'bob',
      action: 'propose',
      target: 'scorecard.yaml',
      beforeDigest: 'd1',
      afterDigest: 'd2',
      detail: {},
      at: 1_700_000_000_000,
    });
    expect(b.id).toBeGreaterThan(a.id);
    expect(b.at).toBe(1_700_000_000_000);
    expect(await store().audit.list()).toEqual([b, a]);
    expect(await store().audit.list({ beforeId: b.id })).toEqual([a]);
    expect(await store().audit.list({ limit: 1 })).toEqual([b]);
    const c = await store().audit.append({ ...b, actor: 'carol', at: 1_700_000_000_001 });
    expect(await store().audit.forTarget('scorecard.yaml', 10)).toEqual([b, c]);
    expect(await store().audit.forTarget('scorecard.yaml', 1)).toEqual([b]);
    expect(await store().audit.forTarget('nothing', 10)).toEqual([]);
  });

  it('sets, overwrites and erases meta entries', async () => {
    expect(await store().meta.get('k')).toBeUndefined();
    await store().meta.set('k', 'one');
    await store().meta.set('k', 'two');
    expect(await store().meta.get('k')).toBe('two');
    expect(await store().meta.erase('k')).toBe(true);
    expect(await store().meta.erase('k')).toBe(false);
    expect(await store().meta.get('k')).toBeUndefined();
  });

  it('creates, lists and decides mapping proposals once', async () => {
    const base = {
      createdAt: 1_700_000_000_000,
      createdBy: 'alice',
      note: null,
      files: { 'scorecard.yaml': 'version: 2\n' },
      baseHashes: { 'scorecard.yaml': null },
      baseDigest: 'b',
      proposedDigest: 'p',
    };
    const p1 = await store().proposals.create(base);
    const p2 = await store().proposals.create({ ...base, note: 'second', warnings: ['same version'] });
    expect(p1).toMatchObject({
      ...base,
      status: 'pending',
      decidedAt: null,
      decidedBy: null,
      reason: null,
      warnings: [],
    });
    expect(p2.warnings).toEqual(['same version']);
    expect((await store().proposals.list()).map((p) => p.id)).toEqual([p2.id, p1.id]);
    const applied = await store().proposals.decide(p1.id, { status: 'applied', by: 'bob', at: 5 });
    expect(applied).toMatchObject({ status: 'applied', decidedBy: 'bob', decidedAt: 5 });
    expect(await store().proposals.decide(p1.id, { status: 'rejected', by: 'carol', at: 6 })).toBeUndefined();
    expect(
      await store().proposals.decide(
        p1.id,
        { status: 'failed', by: 'bob', at: 7, reason: 'disk' },
        'applied',
      ),
    ).toMatchObject({ status: 'failed', reason: 'disk' });
    expect((await store().proposals.list({ status: 'pending' })).map((p) => p.id)).toEqual([p2.id]);
    expect((await store().proposals.list({ beforeId: p2.id })).map((p) => p.id)).toEqual([p1.id]);
    expect(await store().proposals.get(p2.id)).toEqual(p2);
    expect(await store().proposals.get(p2.id + 10)).toBeUndefined();
  });
});
