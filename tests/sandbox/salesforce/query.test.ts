import { afterEach, describe, expect, it } from 'vitest';
import {
  accountId,
  admin,
  API_VERSION,
  connect,
  makeAccounts,
  startSim,
  type Running,
  refusal,
} from './helpers.ts';

describe('Salesforce simulator: SOQL query with jsforce', () => {
  let run: Running;
  afterEach(async () => {
    await run.close();
  });

  it('pages more than 2,000 records through nextRecordsUrl; autoFetch with maxFetch raised reads them all', async () => {
    run = await startSim({ accounts: makeAccounts(4500) });
    const conn = await connect(run);
    const first = await conn.query<{ Id: string }>(
      'SELECT Id FROM Account ORDER BY SystemModstamp ASC, Id ASC',
      { autoFetch: false },
    );
    expect(first.records).toHaveLength(2000);
    expect(first.totalSize).toBe(4500);
    expect(first.done).toBe(false);
    // jsforce turns the relative nextRecordsUrl into an absolute one.
    expect(first.nextRecordsUrl).toMatch(/\/query\/01g[A-Za-z0-9]{15}-2000$/);

    const all = await conn.query<{ Id: string }>(
      'SELECT Id, Name FROM Account ORDER BY SystemModstamp ASC, Id ASC',
      { autoFetch: true, maxFetch: 100_000 },
    );
    expect(all.records).toHaveLength(4500);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(4500);
    expect(all.records[0]!.Id).toBe(accountId(1));
    expect(all.records[4499]!.Id).toBe(accountId(4500));
    expect(run.sim.state.stats.requests['queryMore']).toBe(2);
    expect(run.sim.state.locators.size).toBe(1); // the first, unfollowed query's cursor is still open
  });

  it('stops at jsforce maxFetch (10,000 by default) unless raised', async () => {
    run = await startSim({ accounts: makeAccounts(10_500) });
    const conn = await connect(run);
    const capped = await conn.query('SELECT Id FROM Account', { autoFetch: true });
    expect(capped.records).toHaveLength(10_000);
  });

  it('honours Sforce-Query-Options batchSize (200 to 2,000) and follows a locator with queryMore', async () => {
    run = await startSim({ accounts: makeAccounts(450) });
    const conn = await connect(run);
    const res = await conn.request<{ records: unknown[]; nextRecordsUrl: string; done: boolean }>({
      method: 'GET',
      url: `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`,
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    expect(res.records).toHaveLength(200);
    expect(res.nextRecordsUrl).toMatch(
      new RegExp(`^/services/data/v${API_VERSION}/query/01g[A-Za-z0-9]{15}-200$`),
    );
    const next = await conn.queryMore(res.nextRecordsUrl);
    expect(next.records).toHaveLength(200);
    const last = await conn.queryMore(next.nextRecordsUrl!);
    expect(last.records).toHaveLength(50);
    expect(last.done).toBe(true);
    expect(last.nextRecordsUrl).toBeUndefined();
    const stale = await fetch(`${run.url}${res.nextRecordsUrl.replace(/-200$/, '-999999')}`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(stale.status).toBe(400);
    expect(await stale.json()).toEqual([
      { message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' },
    ]);
  });

  it('returns records with attributes, canonical field names and Salesforce datetimes; ties share a SystemModstamp', async () => {
    run = await startSim();
    const conn = await connect(run);
    const res = await conn.query<Record<string, unknown>>(
      "select id, name, systemmodstamp, tier__c, annualrevenue, renewal_date__c from account where systemmodstamp >= 2025-01-01T10:00:01+0000 and type = 'Customer' order by systemmodstamp asc, id asc limit 3",
    );
    expect(res.records[0]).toEqual({
      attributes: { type: 'Account', url: `/services/data/v${API_VERSION}/sobjects/Account/${accountId(3)}` },
      Id: accountId(3),
      Name: 'Account 3',
      SystemModstamp: '2025-01-01T10:00:01.000+0000',
      Tier__c: 'Mid-Market',
      AnnualRevenue: 300_000,
      Renewal_Date__c: '2026-06-30',
    });
    expect(res.records.map((r) => r['SystemModstamp'])).toEqual([
      '2025-01-01T10:00:01.000+0000',
      '2025-01-01T10:00:01.000+0000',
      '2025-01-01T10:00:02.000+0000',
    ]);
  });

  it('answers an unknown column with 400 INVALID_FIELD and bad SOQL with MALFORMED_QUERY, through jsforce', async () => {
    run = await startSim();
    const conn = await connect(run);
    const unknown = await refusal(conn.query('SELECT Id, Nope__c FROM Account'));
    expect(unknown?.errorCode).toBe('INVALID_FIELD');
    expect(unknown?.message).toContain("No such column 'Nope__c' on entity 'Account'");
    const malformed = await refusal(conn.query('SELECT FROM Account'));
    expect(malformed?.errorCode).toBe('MALFORMED_QUERY');
  });

  it('answers ?explain= as Salesforce does: plans without running the query, 400 for a query it refuses', async () => {
    run = await startSim();
    const conn = await connect(run);
    const explain = (soql: string) =>
      fetch(`${run.url}/services/data/v${API_VERSION}/query?explain=${encodeURIComponent(soql)}`, {
        headers: { authorization: `Bearer ${conn.accessToken}` },
      });
    const ok = await explain("SELECT Id FROM Account WHERE (Type = 'Customer')");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { plans: Record<string, unknown>[] };
    expect(body.plans).toEqual([
      {
        cardinality: 8,
        fields: [],
        leadingOperationType: 'TableScan',
        notes: [],
        relativeCost: expect.any(Number),
        sobjectCardinality: 10,
        sobjectType: 'Account',
      },
    ]);
    const unbalanced = await explain("SELECT Id FROM Account WHERE ((Type = 'Customer')");
    expect(unbalanced.status).toBe(400);
    const [malformed] = (await unbalanced.json()) as { errorCode: string; message: string }[];
    expect(malformed!.errorCode).toBe('MALFORMED_QUERY');
    expect(malformed!.message).toMatch(/ERROR at Row:1:Column:\d+/);
    const unknown = await explain("SELECT Id FROM Account WHERE (Segmnt__c = 'x')");
    expect([unknown.status, ((await unknown.json()) as { errorCode: string }[])[0]!.errorCode]).toEqual([
      400,
      'INVALID_FIELD',
    ]);
    // Explained, not run: no query locator, no query counted as a read of records.
    expect(run.sim.state.locators.size).toBe(0);
  });

  it('hides deleted records from query, shows them to queryAll (scanAll) and lists them in getDeleted', async () => {
    const now = Date.UTC(2025, 5, 10, 12);
    run = await startSim({ now: () => now });
    expect((await admin(run, 'DELETE', `/accounts/${accountId(2)}`)).status).toBe(204);
    const conn = await connect(run);
    const live = await conn.query<{ Id: string }>('SELECT Id FROM Account');
    expect(live.records.map((r) => r.Id)).not.toContain(accountId(2));
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>(
      'SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true',
      { scanAll: true },
    );
    expect(all.records).toEqual([expect.objectContaining({ Id: accountId(2), IsDeleted: true })]);
    const deleted = await conn.sobject('Account').deleted(new Date(now - 86_400_000), new Date(now + 60_000));
    expect(deleted).toEqual({
      deletedRecords: [{ id: accountId(2), deletedDate: '2025-06-10T12:00:00.000+0000' }],
      earliestDateAvailable: '2025-06-09T12:00:00.000+0000',
      latestDateCovered: '2025-06-10T12:00:00.000+0000',
    });
  });

  it('counts with SELECT COUNT()', async () => {
    run = await startSim();
    const conn = await connect(run);
    const res = await conn.query("SELECT COUNT() FROM Account WHERE Type = 'Customer'");
    expect(res.totalSize).toBe(8);
    expect(res.records).toEqual([]);
  });
});
