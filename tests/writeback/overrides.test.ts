import { describe, expect, it } from 'vitest';
import { accountFieldConfig } from '../../connectors/salesforce/accounts-stream.ts';
import { accountsFingerprint, accountsSoql, indexFields } from '../../connectors/salesforce/index.ts';
import { overrideFieldProblems } from '../../connectors/salesforce/validate-targets.ts';
import { SalesforceMapping, type Overrides } from '../../src/config/mappings/salesforce.ts';
import { statusDropAlerts } from '../../src/writeback/alerts.ts';
import { overrideLapseAlerts } from '../../src/writeback/override-alerts.ts';
import { accountOverrides, overrideState, withoutOverridden } from '../../src/writeback/overrides.ts';
import { buildWritePlan } from '../../src/writeback/plan.ts';
import type { FieldInfo } from '../../src/writeback/types.ts';
import { accountId } from '../connectors/salesforce/fake-org.ts';
import { shippedAccountsMapping, shippedSalesforceMapping } from '../connectors/salesforce/helpers.ts';
import { account, score } from './fixtures.ts';

const CFG: Overrides = {
  status: 'Health_Override_Status__c',
  reason: 'Health_Override_Reason__c',
  until: 'Health_Override_Until__c',
};
const NOW = Date.UTC(2026, 11, 3, 6, 0);
const OWNER = '005000000000001AAA';

const overridden = (
  id: string,
  status: string | null,
  until: string | null,
  reason: string | null = 'exec escalation handled',
) =>
  account(id, {
    fields: {
      Health_Override_Status__c: status,
      Health_Override_Reason__c: reason,
      Health_Override_Until__c: until,
    },
  });

describe('overrideState', () => {
  it('is in force through its until-day (UTC), lapsed the day after', () => {
    expect(overrideState(overridden('a', 'green', '2026-12-03'), CFG, NOW)).toEqual({
      kind: 'in_force',
      status: 'green',
      reason: 'exec escalation handled',
      until: '2026-12-03',
      owner: OWNER,
    });
    expect(overrideState(overridden('a', 'green', '2026-12-02'), CFG, NOW)).toMatchObject({
      kind: 'lapsed',
      until: '2026-12-02',
    });
  });

  it('holds without an until-day, until the CSM clears it', () => {
    expect(overrideState(overridden('a', 'Yellow', null), CFG, NOW)).toMatchObject({
      kind: 'in_force',
      status: 'yellow',
      until: null,
    });
  });

  it('is none without a status, with a status a CSM may not set, or with the feature off', () => {
    expect(overrideState(overridden('a', null, '2026-12-31'), CFG, NOW)).toEqual({ kind: 'none' });
    expect(overrideState(overridden('a', 'insufficient_data', '2026-12-31'), CFG, NOW)).toEqual({
      kind: 'none',
    });
    expect(overrideState(overridden('a', 'green', 'next week'), CFG, NOW)).toEqual({ kind: 'none' });
    expect(overrideState(overridden('a', 'green', '2026-12-31'), undefined, NOW)).toEqual({ kind: 'none' });
  });

  it('names the owner as the fact knows it, and says so when there is none', () => {
    const o = overrideState({ ...overridden('a', 'red', null), ownerId: null }, CFG, NOW);
    expect(o).toMatchObject({ owner: 'the account owner' });
  });
});

const info = (name: string, type: string, o: Partial<FieldInfo> = {}): FieldInfo => ({
  name,
  type,
  updateable: true,
  length: 0,
  scale: 0,
  picklistValues: [],
  restrictedPicklist: false,
  ...o,
});
const FIELDS = indexFields([
  info('Health_Score__c', 'double', { scale: 1 }),
  info('Health_Status__c', 'picklist'),
  info('Health_Trend_30d__c', 'double', { scale: 1 }),
  info('Health_Drivers__c', 'textarea', { length: 120 }),
  info('Health_Scorecard_Version__c', 'string', { length: 40 }),
  info('Health_Computed_At__c', 'datetime'),
  info('Health_CSAT__c', 'percent', { scale: 1 }),
]);

describe('the write plan under an override', () => {
  const mapping = { ...shippedSalesforceMapping(), overrides: CFG };
  const [held, lapsed, plain] = [accountId(1), accountId(2), accountId(3)];
  const accounts = [
    overridden(held, 'green', '2026-12-10'),
    overridden(lapsed, 'green', '2026-12-01'),
    account(plain),
  ];
  const plan = buildWritePlan({
    scores: [held, lapsed, plain].map((id) => score(id, { status: 'red', score: 38 })),
    accounts,
    mapping,
    confirmed: new Map(),
    fields: FIELDS,
    overrides: accountOverrides(accounts, CFG, NOW),
  });
  const fields = (id: string) => plan.updates.find((u) => u.accountId === id)!.fields;

  it("writes the override's status, the computed score, and the override first in the drivers", () => {
    expect(fields(held)).toMatchObject({
      Health_Status__c: 'green',
      Health_Score__c: 38,
      Health_Drivers__c: `Overridden by ${OWNER} until 2026-12-10: exec escalation handled\nCSAT 71% over 38 ratings (target 90%)\n…`,
    });
    expect(String(fields(held)['Health_Drivers__c']).length).toBeLessThanOrEqual(120);
  });

  it('writes the computed status again once the override lapsed, and for accounts without one', () => {
    expect(fields(lapsed)).toMatchObject({ Health_Status__c: 'red' });
    expect(String(fields(lapsed)['Health_Drivers__c'])).not.toContain('Overridden');
    expect(fields(plain)).toMatchObject({ Health_Status__c: 'red' });
  });
});

describe('alerts under an override', () => {
  const mapping = { ...shippedSalesforceMapping(), overrides: CFG };
  const [held, lapsed, plain] = [accountId(1), accountId(2), accountId(3)];
  const accounts = [
    overridden(held, 'green', '2026-12-10'),
    overridden(lapsed, 'green', '2026-12-01'),
    account(plain),
  ];
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const overrides = accountOverrides(accounts, CFG, NOW);
  const current = [held, lapsed, plain].map((id) => score(id, { status: 'red', score: 38 }));

  it('opens no drop Task for an account whose override holds; the baseline still follows', () => {
    const previous = new Map([held, lapsed, plain].map((id) => [id, 'green']));
    const found = statusDropAlerts({ current, previous, accounts, mapping }, byId, new Map(), NOW);
    expect(found.drops.map((d) => d.accountId)).toEqual([held, lapsed, plain]);
    expect(withoutOverridden(found.drops, overrides).map((d) => d.accountId)).toEqual([lapsed, plain]);
    expect(found.baselines).toContainEqual({ accountId: held, status: 'red' });
  });

  it('opens one lapse Task per override, keyed by its until-day', () => {
    const lapses = overrideLapseAlerts(current, overrides, byId, mapping.alerts.task, NOW);
    expect(lapses).toHaveLength(1);
    expect(lapses[0]).toMatchObject({
      key: `override_lapsed:${lapsed}:2026-12-01`,
      accountId: lapsed,
      rule: 'override_lapsed',
    });
    expect(lapses[0]!.detail.task.subject).toBe(`[Health] ${byId.get(lapsed)!.name}: Health override lapsed`);
    expect(lapses[0]!.detail.task.ownerId).toBe(OWNER);
    expect(lapses[0]!.detail.task.description).toContain('computed status again: red (score 38)');
    const renewed = accountOverrides([overridden(lapsed, 'green', '2026-12-02')], CFG, NOW);
    expect(overrideLapseAlerts(current, renewed, byId, mapping.alerts.task, NOW)[0]!.key).toBe(
      `override_lapsed:${lapsed}:2026-12-02`,
    );
  });
});

describe('salesforce.yaml overrides', () => {
  it('is optional, and takes three field names', () => {
    const base = shippedSalesforceMapping();
    expect(SalesforceMapping.parse({ ...base, overrides: CFG }).overrides).toEqual(CFG);
    expect(SalesforceMapping.safeParse({ ...base, overrides: { status: 'X__c' } }).success).toBe(false);
  });

  it('is checked against the describe: fields exist, with readable types', () => {
    const mapping = { ...shippedSalesforceMapping(), overrides: CFG };
    const good = indexFields([
      info('Health_Override_Status__c', 'picklist', { picklistValues: ['green', 'yellow', 'red'] }),
      info('Health_Override_Reason__c', 'string', { length: 255 }),
      info('Health_Override_Until__c', 'date'),
    ]);
    expect(overrideFieldProblems(good, mapping)).toEqual([]);
    const bad = indexFields([
      info('Health_Override_Status__c', 'picklist', { picklistValues: ['green'] }),
      info('Health_Override_Until__c', 'datetime'),
    ]);
    expect(overrideFieldProblems(bad, mapping).map((p) => [p.path.join('.'), p.message])).toEqual([
      [
        'overrides.status',
        'picklist "Health_Override_Status__c" lacks yellow, red (an override is green, yellow or red)',
      ],
      ['overrides.reason', expect.stringContaining('no field "Health_Override_Reason__c" on Account')],
      ['overrides.until', '"Health_Override_Until__c" is a datetime field; the override\'s until needs date'],
    ]);
  });
});

describe('reading the override with the Accounts', () => {
  const accounts = shippedAccountsMapping();
  const salesforce = { ...shippedSalesforceMapping(), overrides: CFG };

  it('selects the three fields, and the stream starts over when they are configured', () => {
    const cfg = accountFieldConfig({ accounts, salesforce });
    expect(accountsSoql(cfg, null)).toContain(
      'Health_Override_Status__c, Health_Override_Reason__c, Health_Override_Until__c',
    );
    expect(accountsSoql(accountFieldConfig({ accounts }), null)).not.toContain('Health_Override');
    expect(accountsFingerprint({ accounts, salesforce }, 'k')).not.toBe(
      accountsFingerprint({ accounts, salesforce: shippedSalesforceMapping() }, 'k'),
    );
  });
});
