import { HEALTH_STATUS_VALUES } from './account.ts';
import { auditFields, field, picklist, reference, systemField, type SObjectDef } from './fields.ts';

/**
 * `Health_Snapshot__c` as the package in connectors/salesforce/org/ defines it: one row per Account
 * per ISO week, upserted by health-sync on `Snapshot_Key__c` (`<18-char Account Id>-<YYYY-Www>`).
 * Written by hand for now; the lead generates it from the metadata later. A detail of Account
 * (master-detail), so it has no owner and goes with its Account.
 */
export const HEALTH_SNAPSHOT_OBJECT = 'Health_Snapshot__c';

export function healthSnapshotDef(): SObjectDef {
  return {
    name: HEALTH_SNAPSHOT_OBJECT,
    label: 'Health Snapshot',
    labelPlural: 'Health Snapshots',
    // Custom objects get an org-specific prefix in the a00–a0Z range.
    keyPrefix: 'a0H',
    custom: true,
    createable: true,
    updateable: true,
    deletable: true,
    fields: [
      systemField('Id', 'Record ID', 'id', { idLookup: true }),
      systemField('IsDeleted', 'Deleted', 'boolean'),
      systemField('Name', 'Health Snapshot Name', 'string', {
        length: 80,
        nameField: true,
        idLookup: true,
        autoNumber: true,
      }),
      // Master-detail, not reparentable: createable, never updateable.
      reference('Account__c', 'Account', ['Account'], 'Account__r', {
        nillable: false,
        updateable: false,
        cascadeDelete: true,
        relationshipOrder: 0,
      }),
      field('Week__c', 'Week', 'string', { length: 8 }),
      field('Week_Start__c', 'Week Start', 'date'),
      field('Score__c', 'Score', 'double', { precision: 5, scale: 1 }),
      picklist('Status__c', 'Status', HEALTH_STATUS_VALUES, { restricted: true }),
      field('Scorecard_Version__c', 'Scorecard Version', 'string', { length: 80 }),
      field('Rebuilt__c', 'Rebuilt', 'boolean', {
        nillable: false,
        defaultedOnCreate: true,
        defaultValue: false,
      }),
      field('Snapshot_Key__c', 'Snapshot Key', 'string', {
        length: 40,
        externalId: true,
        unique: true,
        idLookup: true,
      }),
      ...auditFields(),
    ],
  };
}
