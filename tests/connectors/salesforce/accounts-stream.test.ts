import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSalesforce } from '../../../connectors/salesforce/auth.ts';
import {
  accountsSoql,
  unmatchedSoql,
  salesforceStreams,
} from '../../../connectors/salesforce/accounts-stream.ts';
import { parseSfDateTime } from '../../../connectors/salesforce/soql.ts';
import type { AccountsMapping } from '../../../src/config/mappings/accounts.ts';
import type { ScorecardMapping } from '../../../src/config/mappings/scorecard.ts';
import { phoneKey } from '../../../src/facts/keys.ts';
import { type SqliteStore, openSqliteStore } from '../../../src/store/open-sqlite.ts';
import { FakeOrg, accountId } from './fake-org.ts';
import { runStream, shippedAccountsMapping } from './helpers.ts';

type Row = Record<string, unknown> & { Id: string; SystemModstamp: string };

const stamp = (minute: number): string =>
  new Date(Date.UTC(2026, 10, 1, 8, minute)).toISOString().replace('Z', '+0000');

const row = (i: number, minute: number, extra: Partial<Row> = {}): Row => ({
  attributes: { type: 'Account' },
  Id: accountId(i),
  Name: `Account ${i}`,
  OwnerId: '005000000000001AAA',
  Tier__c: i % 2 ? 'Enterprise' : 'SMB',
  Website: `https://www.acme${i}.example/about`,
  Phone: '+1 (415) 555-0100',
  AnnualRevenue: 1000 * i,
  Renewal_Date__c: '2027-01-31',
  SystemModstamp: stamp(minute),
  ...extra,
});

/**
 * Answers our SOQL like Salesforce: `SystemModstamp >= x`, ordered by (SystemModstamp, Id). `live`
 * match the `where`; `gone` are deleted (queryAll sees them too); `left` no longer match the `where`.
 */
function serve(
  org: FakeOrg,
  rows: { live: () => Row[]; gone: () => Row[]; left: () => Row[] },
  log: string[],
): void {
  org.onQuery = (soql, all) => {
    log.push(soql);
    const since = /SystemModstamp >= (\S+)/.exec(soql)?.[1];
    const picked = soql.includes('NOT (')
      ? rows.left()
      : all
        ? [...rows.live(), ...rows.gone()]
        : rows.live();
    return {
      records: picked
        .filter((r) => since === undefined || parseSfDateTime(r.SystemModstamp) >= Date.parse(since))
        .sort(
          (a, b) =>
            parseSfDateTime(a.SystemModstamp) - parseSfDateTime(b.SystemModstamp) || a.Id.localeCompare(b.Id),
        ),
    };
  };
}

describe('salesforce.accounts stream', () => {
  let org: FakeOrg;
  let store: SqliteStore;
  let live: Row[];
  let gone: Row[];
  let left: Row[];
  let soqls: string[];
  const mappings = { accounts: shippedAccountsMapping() };
  const streamFor = (m: { accounts: AccountsMapping } = mappings) =>
    salesforceStreams(org.env(), m, {
      session: () => connectSalesforce(org.env()),
      hashPhone: (raw) => `hmac(${raw.replace(/\D/g, '')})`,
      storedAccountIds: () => store.facts.ids('account'),
    })[0]!;

  /** An hour after the test data's instants: the removals cursor starts a day back from here. */
  const NOW = Date.UTC(2026, 10, 1, 9, 0);
  const run = (def: ReturnType<typeof streamFor>, o: { abortAfterPages?: number; now?: number } = {}) =>
    runStream(def, store, { now: NOW, ...o });

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    org = await new FakeOrg().start();
    store = openSqliteStore(':memory:');
    live = [];
    gone = [];
    left = [];
    soqls = [];
    serve(org, { live: () => live, gone: () => gone, left: () => left }, soqls);
  });
  afterEach(async () => {
    await store.close();
    await org.stop();
    nock.enableNetConnect();
  });

  it('reads more than 2,000 Accounts across pages and maps them to facts', async () => {
    live = Array.from({ length: 4_500 }, (_, i) => row(i, i % 50));
    const result = await run(streamFor());
    expect(await store.accounts.count()).toBe(4_500);
    expect(new Set(result.upserted).size).toBe(4_500);
    expect(result.upserted).toHaveLength(4_500);
    // The Accounts, then (a full read) those that left the `where`.
    expect(org.count('GET', '/query')).toBe(2);
    expect(org.count('GET', /^\/query\/01g/)).toBe(2);
    expect(soqls[0]).toBe(
      "SELECT Id, SystemModstamp, Name, OwnerId, Tier__c, Website, Phone, AnnualRevenue, Renewal_Date__c FROM Account WHERE (Type = 'Customer') ORDER BY SystemModstamp, Id",
    );
    const fact = (await store.accounts.get(accountId(7)))!;
    expect(fact).toMatchObject({
      name: 'Account 7',
      ownerId: '005000000000001AAA',
      tier: 'Enterprise',
      domain: 'acme7.example',
      phoneKey: 'hmac(14155550100)',
      fields: { arr: 7000, renewal_date: '2027-01-31' },
      systemModstamp: Date.UTC(2026, 10, 1, 8, 7),
    });
    expect(JSON.stringify(await store.accounts.list())).not.toContain('555-0100');
  });

  it('loses and doubles nothing when SystemModstamp ties straddle a page boundary', async () => {
    live = [row(1, 0), row(2, 0)];
    await run(streamFor());
    // Five changes after the first read: three share one instant, two another.
    live = [row(1, 10), row(2, 0), row(3, 10), row(4, 10), row(5, 20), row(6, 20)];
    org.pageSize = 2;
    // Page 1 is [2 (read before, skipped), 1]; the instant of 1 goes on into page 2 (3, 4).
    const first = await run(streamFor(), { abortAfterPages: 1 });
    expect(first.upserted).toEqual([accountId(1)]);
    const second = await run(streamFor());
    expect(second.upserted).toEqual([accountId(3), accountId(4), accountId(5), accountId(6)]);
    expect(soqls.at(-1)).toContain(`SystemModstamp >= 2026-11-01T08:10:00Z`);
    expect(await store.accounts.count()).toBe(6);
    const third = await run(streamFor());
    expect(third.upserted).toEqual([]);
  });

  it('removes deleted Accounts with the changes, in one queryAll per run', async () => {
    live = [row(1, 0), row(2, 0), row(3, 0)];
    await run(streamFor());
    expect(await store.accounts.count()).toBe(3);
    const before = soqls.length;
    live = [row(1, 0), row(3, 0)];
    gone = [row(2, 30, { IsDeleted: true })];
    const result = await run(streamFor(), { now: NOW + 10 * 60_000 });
    expect(result.deleted).toEqual([accountId(2)]);
    expect(await store.facts.ids('account')).toEqual([accountId(1), accountId(3)]);
    expect(soqls.slice(before)).toHaveLength(1);
    expect(org.count('GET', '/queryAll')).toBe(1);
    expect(soqls.at(-1)).toMatch(
      /, IsDeleted FROM Account WHERE SystemModstamp >= \S+ AND \(IsDeleted = true OR \(Type = 'Customer'\)\)/,
    );
  });

  it('looks for Accounts that left the `where` after a full read, then at most once an hour', async () => {
    live = [row(1, 0), row(2, 0)];
    await run(streamFor());
    expect(soqls.filter((q) => q.includes("NOT (Type = 'Customer')"))).toHaveLength(1);
    live = [row(1, 0)];
    left = [row(2, 40, { Type: 'Former Customer' })];
    const soon = await run(streamFor(), { now: NOW + 30 * 60_000 });
    expect(soon.deleted).toEqual([]);
    const later = await run(streamFor(), { now: NOW + 61 * 60_000 });
    expect(later.deleted).toEqual([accountId(2)]);
    expect(soqls.filter((q) => q.includes("NOT (Type = 'Customer')"))).toHaveLength(2);
    expect(await store.facts.ids('account')).toEqual([accountId(1)]);
  });

  it('starts over when the fields or the where change, and sweeps Accounts no longer read', async () => {
    live = [row(1, 0), row(2, 0)];
    const before = streamFor();
    await run(before);
    const narrower: AccountsMapping = structuredClone(mappings.accounts);
    narrower.salesforce.where = "Type = 'Customer' AND Tier__c = 'Enterprise'";
    const after = streamFor({ accounts: narrower });
    expect(after.fingerprint).not.toBe(before.fingerprint);
    live = [row(1, 0)];
    const result = await run(after);
    expect(soqls.at(-2)).not.toContain('SystemModstamp >=');
    expect(result.deleted).toEqual([accountId(2)]);
    expect(await store.facts.ids('account')).toEqual([accountId(1)]);
    const extra: AccountsMapping = structuredClone(mappings.accounts);
    extra.salesforce.extra['segment'] = 'Segment__c';
    expect(streamFor({ accounts: extra }).fingerprint).not.toBe(before.fingerprint);
  });

  it('reads the Account fields scorecard measures name, and restarts when they change', async () => {
    const measure = (id: string, field: string) =>
      ({ kind: 'salesforce_field', id, field, weight: 1 }) as unknown as ScorecardMapping['measures'][number];
    const card = (...fields: string[]) =>
      ({ measures: fields.map((f, i) => measure(`m${i}`, f)) }) as unknown as ScorecardMapping;
    live = [row(1, 0, { Uptime_30d__c: 99.5 })];
    const plain = streamFor();
    const measured = salesforceStreams(
      org.env(),
      { ...mappings, scorecard: card('Uptime_30d__c') },
      {
        session: () => connectSalesforce(org.env()),
        storedAccountIds: () => store.facts.ids('account'),
      },
    )[0]!;
    expect(measured.fingerprint).not.toBe(plain.fingerprint);
    await run(measured);
    expect(soqls.filter((q) => /^SELECT .*\bUptime_30d__c\b.* FROM Account/.test(q))).toHaveLength(1);
    expect((await store.accounts.get(accountId(1)))?.fields).toMatchObject({
      arr: 1000,
      Uptime_30d__c: 99.5,
    });
    // The same fields in another order or from more measures read the same: no restart.
    expect(
      salesforceStreams(org.env(), { ...mappings, scorecard: card('Uptime_30d__c', 'Uptime_30d__c') })[0]!
        .fingerprint,
    ).toBe(measured.fingerprint);
    expect(
      salesforceStreams(org.env(), { ...mappings, scorecard: card('Uptime_30d__c', 'NumberOfEmployees') })[0]!
        .fingerprint,
    ).not.toBe(measured.fingerprint);
  });

  it('restarts an interrupted full read (its sweep needs every id)', async () => {
    live = [row(1, 0), row(2, 1), row(3, 2)];
    org.pageSize = 1;
    await run(streamFor(), { abortAfterPages: 1 });
    await run(streamFor());
    expect(soqls.filter((q) => q.includes('FROM Account WHERE (Type')).length).toBe(2);
    expect(await store.accounts.count()).toBe(3);
  });

  it('hashes Account phones with the shared key functions, and a new key restarts the stream', async () => {
    live = [row(1, 0)];
    const keyed = (hashKey: string) =>
      salesforceStreams(org.env(), mappings, { session: () => connectSalesforce(org.env()), hashKey })[0]!;
    await run(keyed('k'.repeat(32)));
    expect((await store.accounts.get(accountId(1)))?.phoneKey).toBe(
      phoneKey('k'.repeat(32), '(415) 555-0100', '1'),
    );
    expect(keyed('j'.repeat(32)).fingerprint).not.toBe(keyed('k'.repeat(32)).fingerprint);
  });

  it('builds the SOQL for a resumed cursor and for Accounts that left the `where`', () => {
    const cfg = mappings.accounts.salesforce;
    expect(accountsSoql(cfg, Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toContain(
      "WHERE SystemModstamp >= 2026-01-02T03:04:05Z AND (IsDeleted = true OR (Type = 'Customer')) ORDER BY SystemModstamp, Id",
    );
    expect(accountsSoql({ ...cfg, where: null }, 0)).toContain(
      ', IsDeleted FROM Account WHERE SystemModstamp >= 1970-01-01T00:00:00Z ORDER BY SystemModstamp, Id',
    );
    expect(unmatchedSoql({ ...cfg, where: null }, 0)).toBeNull();
    expect(unmatchedSoql(cfg, 0)).toBe(
      "SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= 1970-01-01T00:00:00Z AND NOT (Type = 'Customer') ORDER BY SystemModstamp, Id",
    );
  });
});
