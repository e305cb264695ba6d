import { describe, expect, it } from 'vitest';
import {
  expectedDescribe,
  formatOrgProblem,
  loadOrgMetadata,
  orgCheckProblems,
  type DescribedObject,
  type UserGrants,
} from '../../../connectors/salesforce/index.ts';

const metadata = loadOrgMetadata();
const integration = metadata.permissionSets.find((s) => s.name === 'Health_Sync_Integration')!;

/** The describes of an org the package was deployed to, seen by a user with every permission. */
function deployedOrg(): Map<string, DescribedObject | null> {
  const out = new Map<string, DescribedObject | null>();
  for (const o of metadata.objects) {
    const standard = o.name === 'Account' ? ['Website', 'Phone', 'AnnualRevenue', 'Type'] : [];
    out.set(o.name, {
      name: o.name,
      queryable: true,
      createable: true,
      updateable: true,
      deletable: true,
      fields: [
        ...standard.map((name) => ({
          name,
          type: 'string',
          length: 255,
          precision: 0,
          scale: 0,
          picklistValues: [],
          updateable: true,
        })),
        ...o.fields.map((f) => {
          const d = expectedDescribe(f);
          return {
            name: f.name,
            type: d.type,
            length: d.length ?? 0,
            precision: d.precision ?? 0,
            scale: d.scale ?? 0,
            picklistValues: d.picklistValues,
            updateable: true,
          };
        }),
      ],
    });
  }
  out.set('Task', {
    name: 'Task',
    queryable: true,
    createable: true,
    updateable: true,
    deletable: true,
    fields: [],
  });
  return out;
}

/** The grants of a user with Health_Sync_Integration assigned. */
function integrationGrants(): UserGrants {
  return {
    assigned: ['Health_Sync_Integration'],
    fields: new Map(
      integration.fields.map((p) => [
        `${p.object}.${p.field}`.toLowerCase(),
        { read: p.readable, edit: p.editable },
      ]),
    ),
    objects: new Map(integration.objects.map(({ object, ...p }) => [object.toLowerCase(), p])),
  };
}

const lines = (describes: Map<string, DescribedObject | null>, grants: UserGrants | null): string[] =>
  orgCheckProblems({ metadata, describes, grants }).map(formatOrgProblem);

describe('orgCheckProblems', () => {
  it('finds nothing wrong in an org with the package deployed and the integration permission set assigned', () => {
    expect(lines(deployedOrg(), integrationGrants())).toEqual([]);
    // Without access to the permission objects, describe alone decides.
    expect(lines(deployedOrg(), null)).toEqual([]);
  });

  it('names a missing object and a missing field with the permission set that grants them', () => {
    const org = deployedOrg();
    org.set('Health_Snapshot__c', null);
    const account = org.get('Account')!;
    account.fields = account.fields.filter((f) => f.name !== 'Health_Override_Until__c');
    expect(lines(org, integrationGrants())).toEqual([
      'field Account.Health_Override_Until__c is missing (deploy the package) or hidden from the integration user by field-level security; permission set Health_Sync_Integration grants it',
      'object Health_Snapshot__c is missing (deploy the package) or the integration user cannot read it; permission set Health_Sync_Integration grants it',
    ]);
  });

  it('reports a wrong type, a shorter text, another precision and a lacking picklist value', () => {
    const org = deployedOrg();
    const set = (name: string, patch: object): void => {
      const f = org.get('Account')!.fields.find((x) => x.name === name)!;
      Object.assign(f, patch);
    };
    set('Health_Score__c', { type: 'string' });
    set('Health_Scorecard_Version__c', { length: 20 });
    set('Health_Trend_30d__c', { precision: 3, scale: 0 });
    set('Health_Status__c', { picklistValues: ['green', 'yellow', 'red'] });
    expect(lines(org, integrationGrants())).toEqual([
      'Account.Health_Score__c is a string field; the package defines Number (double)',
      'Account.Health_Scorecard_Version__c holds 20 characters; the package defines 40',
      'Account.Health_Status__c lacks the picklist value insufficient_data',
      'Account.Health_Trend_30d__c is (3,0); the package defines (5,1)',
    ]);
  });

  it('names what the integration user cannot do, from its grants and from describe', () => {
    const grants = integrationGrants();
    grants.fields.set('account.health_score__c', { read: true, edit: false });
    grants.fields.delete('account.website');
    grants.objects.set('health_snapshot__c', { ...grants.objects.get('health_snapshot__c')!, delete: false });
    const org = deployedOrg();
    org.set('Task', { ...org.get('Task')!, createable: false });
    expect(lines(org, grants)).toEqual([
      'the integration user cannot edit Account.Health_Score__c; permission set Health_Sync_Integration grants it',
      'the integration user cannot read Account.Website; permission set Health_Sync_Integration grants it',
      'the integration user cannot delete Health_Snapshot__c records; permission set Health_Sync_Integration grants it',
      'the integration user cannot create Tasks (user permission "Edit Tasks"); permission set Health_Sync_Integration grants it',
    ]);
    // Describe says the same for a field the user may read but not edit.
    const readOnly = deployedOrg();
    readOnly.get('Account')!.fields.find((f) => f.name === 'Health_Drivers__c')!.updateable = false;
    expect(lines(readOnly, null)).toEqual([
      'the integration user cannot edit Account.Health_Drivers__c; permission set Health_Sync_Integration grants it',
    ]);
  });
});
