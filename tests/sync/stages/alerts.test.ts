import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSalesforceConnection,
  type SalesforceConnection,
} from '../../../connectors/salesforce/index.ts';
import { shippedTicketMaps } from '../../metrics/fixtures.ts';
import type { SalesforceMapping } from '../../../src/config/mappings/salesforce.ts';
import type { AccountFact, CallFact, TicketFact } from '../../../src/facts/schemas.ts';
import type { AccountScore } from '../../../src/score/types.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import type { AlertRepo } from '../../../src/store/alerts.ts';
import type { LeaseRepo } from '../../../src/store/leases.ts';
import { processAlerts, type AlertDeps } from '../../../src/sync/stages/alerts.ts';
import { FakeOrg, accountId } from '../../connectors/salesforce/fake-org.ts';
import { shippedSalesforceMapping } from '../../connectors/salesforce/helpers.ts';
import { callFact, ticketFact } from '../../support/facts.ts';
import { account, score } from '../../writeback/fixtures.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 6, 0);
const A = accountId(1);
const B = accountId(2);

const ticket = (id: string, o: Partial<TicketFact> = {}): TicketFact =>
  ticketFact(id, { createdAt: NOW - DAY, updatedAt: NOW - DAY, priority: 'normal', channel: 'email', ...o });

const call = (id: string, startedAt: number): CallFact =>
  callFact(id, {
    startedAt,
    endedAt: startedAt + 60_000,
    handleSec: 60,
    talkSec: 50,
    holdSec: 0,
    acwSec: 10,
  });

describe('alerts', () => {
  let org: FakeOrg;
  let store: SqliteStore;
  let salesforce: SalesforceConnection;
  let mapping: SalesforceMapping;
  let accounts: AccountFact[];

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    org = await new FakeOrg().start();
    org.addAccounts(3, 1);
    store = openSqliteStore(':memory:');
    salesforce = createSalesforceConnection(org.env());
    mapping = shippedSalesforceMapping();
    accounts = [
      account(A, { name: 'Acme', ownerId: '005000000000007AAA' }),
      account(B, { name: 'Beta', tier: 'SMB' }),
    ];
  });
  afterEach(async () => {
    await store.close();
    await org.stop();
    nock.enableNetConnect();
  });

  const deps = (o: Partial<AlertDeps> = {}): AlertDeps => ({ salesforce, store, now: () => NOW, ...o });
  const run = (current: AccountScore[], previous: AccountScore[], d: Partial<AlertDeps> = {}) =>
    processAlerts(
      {
        current,
        previous: new Map(previous.map((s) => [s.accountId, s.status])),
        accounts,
        mapping,
        ticketMaps: shippedTicketMaps(),
      },
      deps(d),
    );
  const taskPosts = () => org.count('POST', '/composite/sobjects');

  describe('status drops', () => {
    it('opens exactly one Task for a drop, however often the run is repeated', async () => {
      const prev = [score(A, { status: 'green' }), score(B, { status: 'green' })];
      const cur = [score(A, { status: 'red', score: 38.5 }), score(B, { status: 'green' })];
      const first = await run(cur, prev);
      expect(first).toMatchObject({ statusDrops: 1, created: 1, recovered: 0, pending: 0, failed: [] });
      await run(cur, prev);
      await run(cur, cur);
      expect(org.tasks.size).toBe(1);
      expect(taskPosts()).toBe(1);
      const task = [...org.tasks.values()][0]!;
      expect(task).toMatchObject({
        WhatId: A,
        OwnerId: '005000000000007AAA',
        Subject: '[Health] Acme: health dropped from green to red',
        Priority: 'High',
        Status: 'Not Started',
        ActivityDate: '2026-11-25',
      });
      expect(task['Description']).toContain('- CSAT 71% over 38 ratings (target 90%)');
      expect(task['Description']).toContain(`health-sync alert: status_drop:${A}:green->red:2026-11-23`);
      expect(await store.alerts.get(`status_drop:${A}:green->red:2026-11-23`)).toMatchObject({
        state: 'created',
        taskId: task['Id'],
      });
    });

    it('opens exactly one Task when the process dies between creating the Task and recording it', async () => {
      const prev = [score(A, { status: 'green' })];
      const cur = [score(A, { status: 'yellow' })];
      const dying: AlertDeps['store'] = {
        transaction: (fn) => store.transaction(fn),
        signalFacts: store.signalFacts,
        meta: store.meta,
        alerts: new Proxy(store.alerts, {
          get(target, prop: keyof AlertRepo) {
            if (prop === 'markCreated') return () => Promise.reject(new Error('killed'));
            const v = target[prop];
            return typeof v === 'function' ? v.bind(target) : v;
          },
        }),
        leases: new Proxy(store.leases, {
          get(target, prop: keyof LeaseRepo) {
            // A dead process releases nothing: its lease has to expire.
            if (prop === 'release') return () => Promise.resolve();
            const v = target[prop];
            return typeof v === 'function' ? v.bind(target) : v;
          },
        }),
      };
      await expect(run(cur, prev, { store: dying })).rejects.toThrow('killed');
      expect(org.tasks.size).toBe(1);
      expect(await store.alerts.pending()).toHaveLength(1);
      // A new process, once the lease expired: the pending alert's Task is found in Salesforce.
      await expect(run(cur, prev, { now: () => NOW + 60_000 })).rejects.toThrow(
        'another health-sync process',
      );
      const rerun = await run(cur, prev, { now: () => NOW + 11 * 60_000 });
      expect(rerun).toMatchObject({ statusDrops: 0, created: 0, recovered: 1, pending: 0 });
      expect(org.tasks.size).toBe(1);
      expect(taskPosts()).toBe(1);
      expect(org.count('GET', '/query')).toBe(1);
    });

    it('records, in the same run, a Task whose create answer was lost on the way', async () => {
      org.loseAnswer = ({ method, path }) =>
        method === 'POST' && path === '/composite/sobjects' && taskPosts() === 1;
      const result = await run([score(A, { status: 'red' })], [score(A, { status: 'green' })]);
      expect(result).toMatchObject({ created: 0, recovered: 1, pending: 0, failed: [] });
      expect(org.tasks.size).toBe(1);
      expect(taskPosts()).toBe(1);
      const [task] = [...org.tasks.values()];
      expect(await store.alerts.get(`status_drop:${A}:green->red:2026-11-23`)).toMatchObject({
        state: 'created',
        taskId: task!['Id'],
      });
    });

    it('sends a create once more, in the same run, after a 503 that created nothing', async () => {
      org.interrupt = ({ method, path }) =>
        method === 'POST' && path === '/composite/sobjects' && taskPosts() === 1
          ? [503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down for maintenance' }]]
          : undefined;
      const result = await run([score(A, { status: 'red' })], [score(A, { status: 'green' })]);
      expect(result).toMatchObject({ created: 1, recovered: 0, pending: 0, failed: [] });
      expect(org.tasks.size).toBe(1);
      expect(taskPosts()).toBe(2);
      expect(org.count('GET', '/query')).toBe(1);
    });

    it('sends a create at most twice in a run: a second lost answer leaves the alert for the next run', async () => {
      org.interrupt = ({ method, path }) =>
        method === 'POST' && path === '/composite/sobjects'
          ? [503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down for maintenance' }]]
          : undefined;
      const result = await run([score(A, { status: 'red' })], [score(A, { status: 'green' })]);
      expect(result).toMatchObject({ created: 0, pending: 1 });
      expect(result.failed).toHaveLength(1);
      expect(taskPosts()).toBe(2);
      org.interrupt = undefined;
      const later = await run([score(A, { status: 'red' })], [score(A, { status: 'red' })]);
      expect(later).toMatchObject({ created: 1, pending: 0 });
      expect(org.tasks.size).toBe(1);
    });

    it('keeps the alert pending (and sends it later) when Salesforce runs out of API calls', async () => {
      org.limitExceeded = true;
      const result = await run([score(A, { status: 'red' })], [score(A, { status: 'yellow' })]);
      expect(result).toMatchObject({ created: 0, pending: 1, stoppedForBudget: true });
      expect(result.error?.code).toBe('WRITE_BUDGET_EXHAUSTED');
      org.limitExceeded = false;
      const later = await run([score(A, { status: 'red' })], [score(A, { status: 'red' })]);
      expect(later).toMatchObject({ created: 1, pending: 0 });
      expect(org.tasks.size).toBe(1);
    });
  });

  describe('escalation signals', () => {
    const seed = (facts: (TicketFact | CallFact)[], to: string): Promise<void> =>
      store.facts.commitPage(
        'test',
        {
          upserts: facts,
          deletes: [],
          links: facts.map((f) => ({ entity: f.kind, entityId: f.id, accountId: to, rule: 'test' })),
        },
        { value: null, fingerprint: 'x' },
      );
    const steady = () => [score(A, { status: 'green' }), score(B, { status: 'green' })];
    const signalTasks = (name: string) =>
      [...org.tasks.values()].filter((t) => String(t['Description']).includes(`signal:${name}:`));

    it('risk language from a top-tier account: one Task per window, none for other tiers', async () => {
      await seed([ticket('t1', { riskFlag: true })], A);
      await seed([ticket('t2', { riskFlag: true })], B);
      await run(steady(), steady());
      await run(steady(), steady(), { now: () => NOW + DAY });
      expect(signalTasks('risk-language-top-tier')).toHaveLength(1);
      const task = signalTasks('risk-language-top-tier')[0]!;
      expect(task).toMatchObject({ WhatId: A, Subject: '[Health] Acme: risk language in tickets' });
      expect(task['Description']).toContain('Zendesk tickets: t1.');
      // A new window, new risk language: a new Task.
      await seed([ticket('t3', { riskFlag: true, createdAt: NOW + 8 * DAY, updatedAt: NOW + 8 * DAY })], A);
      await run(steady(), steady(), { now: () => NOW + 8 * DAY + 60_000 });
      expect(signalTasks('risk-language-top-tier')).toHaveLength(2);
    });

    it('reads no signal again in the hour once a run recorded their alerts, if no account changed', async () => {
      await seed([ticket('t1', { riskFlag: true })], A);
      const riskTickets = vi.spyOn(store.signalFacts, 'riskTickets');
      const input = {
        current: steady(),
        previous: new Map<string, string>(),
        accounts,
        mapping,
        ticketMaps: shippedTicketMaps(),
      };
      const tasks = () => signalTasks('risk-language-top-tier').length;
      // No run has recorded this hour's signals (one died before it did): they are read.
      await processAlerts({ ...input, signalsUnchanged: true }, deps());
      expect([riskTickets.mock.calls.length, tasks()]).toEqual([1, 1]);
      // Half an hour on, its window still starts 7 days before the top of the hour (NOW is one), as
      // the metrics' windows do, so a run with no changed account need not read them again.
      expect(riskTickets.mock.calls[0]![0]).toBe(NOW - 7 * DAY);
      const later = deps({ now: () => NOW + 30 * 60_000 });
      await processAlerts({ ...input, signalsUnchanged: true }, later);
      expect(riskTickets.mock.calls.length).toBe(1);
      // Changed accounts, other rules or the next hour: read again.
      await processAlerts(input, later);
      const otherRules = {
        ...input,
        mapping: { ...mapping, alerts: { ...mapping.alerts, signals: mapping.alerts.signals.slice(0, 1) } },
      };
      await processAlerts({ ...otherRules, signalsUnchanged: true }, later);
      await processAlerts({ ...input, signalsUnchanged: true }, deps({ now: () => NOW + 61 * 60_000 }));
      expect([riskTickets.mock.calls.length, tasks()]).toEqual([4, 1]);
    });

    it("contact burst: a spike against the account's own normal, not a fixed count", async () => {
      // The shipped threshold is calibrated for a real book; three makes the case small.
      mapping = {
        ...mapping,
        alerts: {
          ...mapping.alerts,
          signals: mapping.alerts.signals.map((sig) =>
            sig.type === 'contact_burst'
              ? { ...sig, min_contacts: 3, spike_ratio: 2, baseline_days: 91 }
              : sig,
          ),
        },
      };
      // Acme: 3 contacts this week and none in the 13 weeks before: a spike.
      await seed([ticket('t1'), ticket('t2')], A);
      await seed([call('c1', NOW - 2 * DAY)], A);
      // Beta: 3 this week, but 26 in the 13 weeks before (2 a week): a busy account, not a burst.
      await seed([ticket('t3'), ticket('t4'), call('c2', NOW - DAY)], B);
      await seed(
        Array.from({ length: 26 }, (_, i) => call(`old${i}`, NOW - 8 * DAY - i * 3 * DAY)),
        B,
      );
      await run(steady(), steady());
      await run(steady(), steady());
      const tasks = signalTasks('contact-burst');
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ WhatId: A, Subject: '[Health] Acme: 3 contacts in 7 days' });
      expect(tasks[0]!['Description']).toContain('3 contacts in the last 7 days (2 tickets, 1 call)');
      expect(tasks[0]!['Description']).toContain('no contacts in the 91 days before');

      // Beta's week reaches twice its normal: now it fires, and says against what.
      await seed([ticket('t5'), ticket('t6'), ticket('t7')], B);
      await run(steady(), steady());
      const beta = signalTasks('contact-burst').filter((t) => t['WhatId'] === B);
      expect(beta).toHaveLength(1);
      expect(beta[0]!['Description']).toContain("3.0× this account's usual 2.0 per 7 days");
    });

    it('contact burst as shipped: 14 contacts in a week is a busy week for one account and a burst for another', async () => {
      // Acme's normal week is 12 contacts, Beta's is 3 (calls spread over the 90 days before the week).
      const weekly = (prefix: string, perWeek: number) =>
        Array.from({ length: perWeek * 13 }, (_, i) =>
          call(`${prefix}${i}`, NOW - 7 * DAY - 1 - Math.floor((i * 7 * DAY) / perWeek)),
        );
      await seed(weekly('a-old', 12), A);
      await seed(weekly('b-old', 3), B);
      const thisWeek = (prefix: string) =>
        Array.from({ length: 14 }, (_, i) =>
          ticket(`${prefix}${i}`, { createdAt: NOW - (i + 1) * 10 * 3_600_000 }),
        );
      await seed(thisWeek('a-now'), A);
      await seed(thisWeek('b-now'), B);
      const result = await run(steady(), steady());
      expect(result.signals).toBe(1);
      const tasks = signalTasks('contact-burst');
      expect(tasks.map((t) => t['WhatId'])).toEqual([B]);
      expect(tasks[0]).toMatchObject({ Subject: '[Health] Beta: 14 contacts in 7 days' });
      expect(tasks[0]!['Description']).toContain("this account's usual 3.0 per 7 days");
    });

    it('dispute amount: a ticket of the category at or above min_amount', async () => {
      await seed(
        [
          ticket('t1', { tags: ['dispute'], amount: 15_000 }),
          ticket('t2', { tags: ['dispute'], amount: 12_000 }),
        ],
        A,
      );
      await seed(
        [
          ticket('t3', { tags: ['dispute'], amount: 9_999 }),
          ticket('t4', { tags: ['invoice'], amount: 50_000 }),
        ],
        B,
      );
      await run(steady(), steady());
      await run(steady(), steady(), { now: () => NOW + 2 * DAY });
      const tasks = signalTasks('large-dispute');
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ WhatId: A, Subject: '[Health] Acme: chargeback of 15,000' });
      expect(tasks[0]!['Description']).toContain('2 chargeback tickets of at least 10,000');
    });
  });
});
