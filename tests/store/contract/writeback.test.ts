import { categoryIs } from '../../../src/metrics/ticket-maps.ts';
import { expect, it } from 'vitest';
import type { AlertDetail } from '../../../src/writeback/types.ts';
import { accountFact, callFact, issueFact, ticketFact } from '../../support/facts.ts';
import { score } from '../../writeback/fixtures.ts';
import { describeStoreContract } from './stores.ts';

const detail = (attempts = 0): AlertDetail => ({
  task: {
    subject: 'S',
    description: 'D',
    ownerId: null,
    priority: 'High',
    status: 'Open',
    activityDate: '2026-11-23',
  },
  subjectPrefix: '[health]',
  attempts,
  lastError: null,
});

describeStoreContract('store contract: scores', (ctx) => {
  const store = () => ctx().store;

  it('saves latest scores and one snapshot per account and day; a later save that day replaces it', async () => {
    await store().scores.save(
      [score('A'), score('B', { score: null, status: 'insufficient_data' })],
      '2026-11-22',
    );
    await store().scores.save([score('A', { score: 80, status: 'green' })], '2026-11-22');
    await store().scores.save([score('A', { score: 60.5 })], '2026-11-23');
    expect(await store().scores.latest('A')).toEqual(score('A', { score: 60.5 }));
    expect(await store().scores.latest('Z')).toBeUndefined();
    expect([...(await store().scores.latestAll()).keys()]).toEqual(['A', 'B']);
    expect(await store().scores.latestStatuses()).toEqual(
      new Map([
        ['A', 'yellow'],
        ['B', 'insufficient_data'],
      ]),
    );
    expect(await store().scores.history('A')).toEqual([
      {
        accountId: 'A',
        day: '2026-11-22',
        score: 80,
        status: 'green',
        scorecardVersion: '2026.11',
        rebuilt: false,
      },
      {
        accountId: 'A',
        day: '2026-11-23',
        score: 60.5,
        status: 'yellow',
        scorecardVersion: '2026.11',
        rebuilt: false,
      },
    ]);
    expect((await store().scores.history('A', { from: '2026-11-23' })).map((s) => s.day)).toEqual([
      '2026-11-23',
    ]);
    expect((await store().scores.history('A', { to: '2026-11-22' })).map((s) => s.day)).toEqual([
      '2026-11-22',
    ]);
    expect((await store().scores.snapshotsOn(['2026-11-22'])).map((s) => [s.accountId, s.score])).toEqual([
      ['A', 80],
      ['B', null],
    ]);
    expect(await store().scores.snapshotsOn(['2026-11-22', '2026-11-23'], ['B'])).toHaveLength(1);
    expect(await store().scores.snapshotsOn([])).toEqual([]);
  });

  it('rebuilt snapshots replace only rebuilt ones or those of another scorecard version', async () => {
    await store().scores.save([score('A', { score: 70 })], '2026-11-20');
    const rebuilt = (day: string, value: number, version = '2026.11') => ({
      accountId: 'A',
      day,
      score: value,
      status: 'yellow' as const,
      scorecardVersion: version,
    });
    expect(await store().scores.saveRebuilt([rebuilt('2026-11-20', 1), rebuilt('2026-11-19', 2)])).toBe(1);
    expect(
      await store().scores.saveRebuilt([rebuilt('2026-11-19', 3), rebuilt('2026-11-20', 4, 'old')]),
    ).toBe(2);
    expect(await store().scores.history('A')).toEqual([
      { ...rebuilt('2026-11-19', 3), rebuilt: true },
      { ...rebuilt('2026-11-20', 4, 'old'), rebuilt: true },
    ]);
    expect(await store().scores.latest('A')).toEqual(score('A', { score: 70 }));
  });

  it('prunes the latest score of accounts no longer stored, keeping their history', async () => {
    await store().facts.commitPage(
      's',
      { upserts: [accountFact('A')], deletes: [] },
      { value: null, fingerprint: 'f' },
    );
    await store().scores.save([score('A'), score('B')], '2026-11-22');
    expect(await store().scores.pruneMissingAccounts()).toBe(1);
    expect([...(await store().scores.latestAll()).keys()]).toEqual(['A']);
    expect(await store().scores.history('B')).toHaveLength(1);
  });
});

describeStoreContract('store contract: write-back state', (ctx) => {
  const store = () => ctx().store;

  it('confirmed values: JSON null differs from never confirmed; a failure keeps the confirmed value', async () => {
    await store().confirmedValues.recordConfirmed(
      'A',
      { Health__c: 71.5, Status__c: 'yellow', Empty__c: null },
      1,
    );
    await store().confirmedValues.recordFailed(
      'A',
      { Health__c: 80 },
      'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      2,
    );
    await store().confirmedValues.recordFailed('B', { Health__c: 10 }, 'boom', 2);
    expect(await store().confirmedValues.all()).toEqual(
      new Map([['A', { Health__c: 71.5, Status__c: 'yellow', Empty__c: null }]]),
    );
    await store().confirmedValues.recordConfirmed('B', { Health__c: 10 }, 3);
    expect((await store().confirmedValues.all()).get('B')).toEqual({ Health__c: 10 });
  });

  it('leases: one holder at a time until it expires or is released', async () => {
    expect(await store().leases.acquire('write', 'p1', 1000, 0)).toEqual({ acquired: true });
    expect(await store().leases.acquire('write', 'p2', 1000, 500)).toEqual({
      acquired: false,
      holder: 'p1',
      expiresAt: 1000,
    });
    expect(await store().leases.acquire('write', 'p1', 1000, 600)).toEqual({ acquired: true });
    expect(await store().leases.acquire('write', 'p2', 1000, 1600)).toEqual({ acquired: true });
    await store().leases.release('write', 'p1'); // not the holder: nothing happens
    expect((await store().leases.acquire('write', 'p1', 1000, 1700)).acquired).toBe(false);
    await store().leases.release('write', 'p2');
    expect((await store().leases.acquire('write', 'p1', 1000, 1700)).acquired).toBe(true);
  });

  it('alerts: one per key; pending in creation order; baselines; last time per rule and account', async () => {
    const row = (key: string, createdAt: number) => ({
      key,
      accountId: 'A',
      rule: 'status_drop',
      windowStart: 0,
      createdAt,
      detail: detail(),
    });
    expect(await store().alerts.insert(row('k2', 20))).toBe(true);
    expect(await store().alerts.insert(row('k1', 10))).toBe(true);
    expect(await store().alerts.insert(row('k1', 30))).toBe(false);
    expect((await store().alerts.pending()).map((a) => a.key)).toEqual(['k1', 'k2']);
    await store().alerts.updateDetail('k2', detail(1));
    await store().alerts.markCreated('k1', 'T1', detail(1));
    expect(await store().alerts.get('k1')).toEqual({
      ...row('k1', 10),
      state: 'created',
      taskId: 'T1',
      detail: detail(1),
    });
    expect((await store().alerts.pending()).map((a) => [a.key, a.detail.attempts])).toEqual([['k2', 1]]);
    expect(await store().alerts.get('nope')).toBeUndefined();
    expect(await store().alerts.lastAt('status_drop', 'A')).toBe(20);
    expect(await store().alerts.lastAt('status_drop', 'B')).toBeUndefined();
    await store().alerts.setBaseline('A', 'green', 1);
    await store().alerts.setBaseline('A', 'red', 2);
    expect(await store().alerts.baselines()).toEqual(new Map([['A', 'red']]));
  });

  it('signal facts: risk tickets, contact counts and disputes by linked account within [since, until)', async () => {
    const link = (entity: 'ticket' | 'call', id: string, accountId: string) => ({
      entity,
      entityId: id,
      accountId,
      rule: 'r',
    });
    await store().facts.commitPage(
      's',
      {
        upserts: [
          ticketFact('t1', { riskFlag: true, updatedAt: 100, createdAt: 100 }),
          ticketFact('t2', {
            riskFlag: true,
            updatedAt: 200,
            createdAt: 150,
            tags: ['dispute'],
            amount: 500,
          }),
          ticketFact('t3', { updatedAt: 150, createdAt: 150, tags: ['dispute'], amount: 900 }),
          ticketFact('t4', { riskFlag: true, updatedAt: 150, createdAt: 99 }),
          callFact('c1', { startedAt: 120 }),
          callFact('c2', { startedAt: 120 }),
        ],
        deletes: [],
        links: [
          link('ticket', 't1', 'B'),
          link('ticket', 't2', 'A'),
          link('ticket', 't3', 'A'),
          link('call', 'c1', 'A'),
          link('call', 'c2', 'C'),
        ],
      },
      { value: null, fingerprint: 'f' },
    );
    expect(await store().signalFacts.riskTickets(100, 200)).toEqual([{ accountId: 'B', ticketId: 't1' }]);
    expect(await store().signalFacts.contactCounts(100, 200)).toEqual([
      { accountId: 'A', tickets: 2, calls: 1 },
      { accountId: 'B', tickets: 1, calls: 0 },
      { accountId: 'C', tickets: 0, calls: 1 },
    ]);
    const chargeback = categoryIs(
      {
        categoryValues: [],
        categoryTags: [['dispute', 'chargeback']],
        escalation: { tags: [], priorities: [], groups: [] },
      },
      'chargeback',
    );
    expect(await store().signalFacts.disputeTickets(chargeback, 500, 100, 201)).toEqual([
      { accountId: 'A', ticketId: 't3', amount: 900 },
      { accountId: 'A', ticketId: 't2', amount: 500 },
    ]);
  });

  it("one account's alerts newest first, and the facts linked to it since an instant (ids and times only)", async () => {
    const row = (key: string, accountId: string, createdAt: number) => ({
      key,
      accountId,
      rule: 'status_drop',
      windowStart: 0,
      createdAt,
      detail: detail(),
    });
    await store().alerts.insert(row('a1', 'A', 10));
    await store().alerts.insert(row('a2', 'A', 30));
    await store().alerts.insert(row('b1', 'B', 20));
    expect((await store().alerts.forAccount('A')).map((a) => a.key)).toEqual(['a2', 'a1']);
    expect(await store().alerts.forAccount('Z')).toEqual([]);
    const link = (entity: 'ticket' | 'call' | 'issue', id: string, accountId: string) => ({
      entity,
      entityId: id,
      accountId,
      rule: `r-${entity}`,
    });
    await store().facts.commitPage(
      's',
      {
        upserts: [
          ticketFact('t1', { createdAt: 100 }),
          ticketFact('t2', { createdAt: 300 }),
          ticketFact('t3', { createdAt: 50 }),
          callFact('c1', { startedAt: 200 }),
          issueFact('i1', { key: 'PAY-7', createdAt: 150 }),
          ticketFact('t9', { createdAt: 400 }),
        ],
        deletes: [],
        links: [
          link('ticket', 't1', 'A'),
          link('ticket', 't2', 'A'),
          link('ticket', 't3', 'A'),
          link('call', 'c1', 'A'),
          link('issue', 'i1', 'A'),
          link('ticket', 't9', 'B'),
        ],
      },
      { value: null, fingerprint: 'f' },
    );
    expect(await store().accountFacts.linked('A', 100)).toEqual([
      { kind: 'ticket', id: 't2', at: 300, rule: 'r-ticket' },
      { kind: 'call', id: 'c1', at: 200, rule: 'r-call' },
      { kind: 'issue', id: 'PAY-7', at: 150, rule: 'r-issue' },
      { kind: 'ticket', id: 't1', at: 100, rule: 'r-ticket' },
    ]);
  });
});
