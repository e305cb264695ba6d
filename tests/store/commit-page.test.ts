import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketFact } from '../../src/facts/schemas.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import { ticketFact } from '../support/facts.ts';

const ticket = (id: string, over: Partial<TicketFact> = {}): TicketFact =>
  ticketFact(id, {
    organizationId: 'org-1',
    requesterDomain: 'acme.com',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_100_000,
    priority: 'high',
    channel: 'email',
    category: 'failed_payout',
    firstReplyMinutes: 12,
    replies: 1,
    reopens: 0,
    slaBreached: false,
    ...over,
  });

describe('store: commitPage', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-store-'));
    store = openSqliteStore(join(dir, 'state.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the facts and the cursor together', async () => {
    await store.facts.commitPage(
      'zendesk.tickets',
      { upserts: [ticket('1'), ticket('2')], deletes: [] },
      { value: { after: 'c1' }, fingerprint: 'f1' },
    );
    expect(await store.facts.ids('ticket')).toEqual(['1', '2']);
    expect(await store.cursors.get('zendesk.tickets')).toMatchObject({
      value: { after: 'c1' },
      fingerprint: 'f1',
    });
    expect(await store.facts.get({ kind: 'ticket', id: '1' })).toEqual(ticket('1'));
  });

  it('leaves both facts and cursor as they were when the page fails half-way', async () => {
    await store.facts.commitPage(
      'zendesk.tickets',
      { upserts: [ticket('1')], deletes: [] },
      { value: { after: 'c1' }, fingerprint: 'f1' },
    );
    // The second fact violates a NOT NULL column after the first was already written in the transaction.
    const bad = { ...ticket('3'), status: null } as unknown as TicketFact;
    await expect(
      store.facts.commitPage(
        'zendesk.tickets',
        { upserts: [ticket('2', { status: 'solved' }), bad], deletes: [{ kind: 'ticket', id: '1' }] },
        { value: { after: 'c2' }, fingerprint: 'f1' },
      ),
    ).rejects.toThrow();
    expect(await store.facts.ids('ticket')).toEqual(['1']);
    expect((await store.cursors.get('zendesk.tickets'))?.value).toEqual({ after: 'c1' });
  });

  it('makes a replayed page harmless (upsert by id) and applies deletions with their links', async () => {
    const page = {
      upserts: [ticket('1'), ticket('2')],
      deletes: [],
      links: [{ entity: 'ticket' as const, entityId: '1', accountId: '001A', rule: 'r' }],
    };
    await store.facts.commitPage('s', page, { value: 1, fingerprint: 'f' });
    await store.facts.commitPage('s', page, { value: 1, fingerprint: 'f' });
    expect((await store.facts.counts()).ticket).toBe(2);
    await store.facts.commitPage(
      's',
      { upserts: [], deletes: [{ kind: 'ticket', id: '1' }] },
      { value: 2, fingerprint: 'f' },
    );
    expect(await store.facts.ids('ticket')).toEqual(['2']);
    expect(await store.links.forEntity('ticket', '1')).toEqual([]);
  });

  it('records migrations and reopens an existing file without reapplying them', async () => {
    await store.close();
    store = openSqliteStore(join(dir, 'state.db'));
    const rows = store.sqlite.db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all();
    expect(rows[0]).toMatchObject({ id: 1, name: 'initial' });
    expect(store.sqlite.db.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
  });

  it('keeps run records and marks runs left running by a dead process as failed', async () => {
    const run = await store.runs.start('cli', { full: true });
    await store.runs.update(run.id, { stage: 'sources' });
    expect(await store.runs.get(run.id)).toMatchObject({ status: 'running', stats: { stage: 'sources' } });
    expect(await store.runs.abandonStale('process ended')).toBe(1);
    expect(await store.runs.get(run.id)).toMatchObject({ status: 'failed', error: 'process ended' });
  });
});
