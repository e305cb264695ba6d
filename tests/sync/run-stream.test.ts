import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OrganizationFact } from '../../src/facts/schemas.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import { runStream } from '../../src/sync/run-stream.ts';
import { defineStream, type StreamContext, type StreamPage } from '../../src/facts/stream.ts';

const log = pino({ level: 'silent' });
const org = (id: number, name = `Org ${id}`): OrganizationFact => ({
  kind: 'organization',
  id: String(id),
  name,
  externalId: null,
  domains: [],
  updatedAt: 1_700_000_000_000 + id,
});

/** A source of 10 organizations, 3 per page, resumable from a numeric cursor; can fail once at a page. */
function source(opts: { failAtPage?: number; fingerprint?: string; seen?: (number | undefined)[] } = {}) {
  const total = 10;
  let failed = false;
  return defineStream<{ next: number }>({
    name: 'test.orgs',
    source: 'zendesk',
    cursor: z.object({ next: z.number().int() }),
    fingerprint: opts.fingerprint ?? 'fp1',
    async *read(ctx: StreamContext<{ next: number }>): AsyncIterable<StreamPage<{ next: number }>> {
      opts.seen?.push(ctx.cursor?.next);
      let i = ctx.cursor?.next ?? 1;
      let page = 0;
      while (i <= total) {
        page++;
        if (page === opts.failAtPage && !failed) {
          failed = true;
          throw new Error('connection lost mid-run');
        }
        const ids = [i, i + 1, i + 2].filter((n) => n <= total);
        i += ids.length;
        await Promise.resolve();
        yield { batch: { upserts: ids.map((n) => org(n)), deletes: [] }, cursor: { next: i } };
      }
    },
  });
}

let store: SqliteStore;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());
const deps = (over: Partial<Parameters<typeof runStream>[1]> = {}) => ({
  store,
  log,
  signal: new AbortController().signal,
  full: false,
  ...over,
});

describe('runStream', () => {
  it('first run reads every page and commits the cursor with each', async () => {
    const pages: number[] = [];
    const stats = await runStream(
      source(),
      deps({
        onPage: (p) => {
          pages.push(p.pages);
        },
      }),
    );
    expect(stats).toMatchObject({
      pages: 4,
      upserts: 10,
      deletes: 0,
      reset: true,
      resetReason: 'first run',
      aborted: false,
    });
    expect(pages).toEqual([1, 2, 3, 4]);
    expect((await store.facts.counts()).organization).toBe(10);
    expect(await store.cursors.get('test.orgs')).toMatchObject({ value: { next: 11 }, fingerprint: 'fp1' });
  });

  it('continues from the stored cursor', async () => {
    await runStream(source(), deps());
    const seen: (number | undefined)[] = [];
    const stats = await runStream(source({ seen }), deps());
    expect(seen).toEqual([11]);
    expect(stats).toMatchObject({ pages: 0, reset: false });
  });

  it('a crash between pages keeps the committed pages; the rerun stores each record exactly once', async () => {
    const s = source({ failAtPage: 3 });
    await expect(runStream(s, deps())).rejects.toThrow('connection lost mid-run');
    expect(await store.facts.ids('organization')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect((await store.cursors.get('test.orgs'))?.value).toEqual({ next: 7 });
    const seen: (number | undefined)[] = [];
    const again = source({ seen });
    const stats = await runStream(again, deps());
    expect(seen).toEqual([7]);
    expect(stats.upserts).toBe(4);
    expect(await store.facts.ids('organization')).toHaveLength(10);
  });

  it('restarts when the fingerprint changes, on --full, and on an invalid stored cursor', async () => {
    await runStream(source(), deps());
    const seen: (number | undefined)[] = [];
    expect(await runStream(source({ fingerprint: 'fp2', seen }), deps())).toMatchObject({
      reset: true,
      resetReason: 'configuration changed',
    });
    expect(await runStream(source({ fingerprint: 'fp2', seen }), deps({ full: true }))).toMatchObject({
      resetReason: 'full sync requested',
    });
    await store.facts.commitPage(
      'test.orgs',
      { upserts: [], deletes: [] },
      { value: { next: 'x' }, fingerprint: 'fp2' },
    );
    expect(await runStream(source({ fingerprint: 'fp2', seen }), deps())).toMatchObject({
      resetReason: 'stored cursor invalid',
    });
    expect(seen).toEqual([undefined, undefined, undefined]);
  });

  it('stops after the page in hand when aborted, and skips reconciliation', async () => {
    const ac = new AbortController();
    let reconciled = false;
    const s = {
      ...source(),
      reconcile: () => ((reconciled = true), Promise.resolve({ expected: 1, stored: 1, note: '' })),
    };
    const stats = await runStream(
      s,
      deps({
        signal: ac.signal,
        onPage: (p) => {
          if (p.pages === 2) ac.abort();
        },
      }),
    );
    expect(stats).toMatchObject({ pages: 2, aborted: true });
    expect((await store.cursors.get('test.orgs'))?.value).toEqual({ next: 7 });
    expect(reconciled).toBe(false);
  });

  it('applies deletes', async () => {
    await runStream(source(), deps());
    const del = defineStream<{ n: number }>({
      name: 'test.orgs',
      source: 'zendesk',
      cursor: z.object({ n: z.number() }),
      fingerprint: 'fp1',
      async *read() {
        await Promise.resolve();
        yield { batch: { upserts: [], deletes: [{ kind: 'organization', id: '3' }] }, cursor: { n: 1 } };
      },
    });
    const stats = await runStream(del, deps({ full: true }));
    expect(stats.deletes).toBe(1);
    expect(await store.facts.get({ kind: 'organization', id: '3' })).toBeUndefined();
  });

  it('a bad fact fails loudly with the stream name and commits nothing of its page', async () => {
    const bad = defineStream<{ n: number }>({
      name: 'test.bad',
      source: 'genesys',
      cursor: z.object({ n: z.number() }),
      fingerprint: 'f',
      async *read() {
        await Promise.resolve();
        yield { batch: { upserts: [org(1)], deletes: [] }, cursor: { n: 1 } };
        yield { batch: { upserts: [org(2), { ...org(3), updatedAt: -5 }], deletes: [] }, cursor: { n: 2 } };
      },
    });
    await expect(runStream(bad, deps())).rejects.toMatchObject({
      code: 'SOURCE_RESPONSE_INVALID',
      message: expect.stringContaining('test.bad produced an invalid fact') as string,
      context: { id: '3' },
    });
    expect(await store.facts.ids('organization')).toEqual(['1']);
    expect((await store.cursors.get('test.bad'))?.value).toEqual({ n: 1 });
  });

  it('strips fields a fact does not declare (no free text can slip into the store)', async () => {
    const leaky = defineStream<{ n: number }>({
      name: 'test.leaky',
      source: 'zendesk',
      cursor: z.object({ n: z.number() }),
      fingerprint: 'f',
      async *read() {
        await Promise.resolve();
        const withText = { ...org(1), subject: 'my secret' } as OrganizationFact;
        yield { batch: { upserts: [withText], deletes: [] }, cursor: { n: 1 } };
      },
    });
    await runStream(leaky, deps());
    expect(JSON.stringify(await store.facts.get({ kind: 'organization', id: '1' }))).not.toContain(
      'my secret',
    );
  });

  it('returns the reconciliation, and reports (does not raise) its failure', async () => {
    const ok = { ...source(), reconcile: () => Promise.resolve({ expected: 10, stored: 10, note: 'exact' }) };
    expect((await runStream(ok, deps())).reconciliation).toEqual({ expected: 10, stored: 10, note: 'exact' });
    await store.close();
    store = openSqliteStore(':memory:');
    const failing = { ...source(), reconcile: () => Promise.reject(new Error('count endpoint down')) };
    const stats = await runStream(failing, deps());
    expect(stats.reconciliationError).toBe('count endpoint down');
  });

  it('reconciles after starting over, then at most once an hour; a failed one is tried at the next run', async () => {
    let t = Date.UTC(2026, 10, 20, 12);
    let calls = 0;
    let fail = false;
    const stream = {
      ...source(),
      reconcile: () => {
        calls++;
        return fail
          ? Promise.reject(new Error('down'))
          : Promise.resolve({ expected: 1, stored: 1, note: '' });
      },
    };
    const run = (full = false) => runStream(stream, deps({ now: () => t, full }));
    expect((await run()).reconciliation).toBeDefined(); // first run: starts over
    t += 59 * 60_000;
    expect((await run()).reconciliation).toBeUndefined();
    expect(calls).toBe(1);
    expect((await run(true)).reconciliation).toBeDefined(); // a full read starts over
    t += 60 * 60_000;
    fail = true;
    expect((await run()).reconciliationError).toBe('down');
    fail = false;
    expect((await run()).reconciliation).toBeDefined();
    expect(calls).toBe(4);
  });
});
