import { customObjectFields } from './from-package.ts';
import type { SObjectDef } from './fields.ts';
import { packageMetadata, packageObject } from './package-metadata.ts';

/**
 * `Health_Snapshot__c`, generated from the package in connectors/salesforce/org: one row per Account
 * per ISO week, upserted by health-sync on `Snapshot_Key__c` (`<18-char Account Id>-<YYYY-Www>`). A
 * detail of Account (master-detail), so it has no owner and goes with its Account.
 */
export const HEALTH_SNAPSHOT_OBJECT = 'Health_Snapshot__c';

export function healthSnapshotDef(metadata = packageMetadata()): SObjectDef {
  const o = packageObject(metadata, HEALTH_SNAPSHOT_OBJECT);
  return {
    name: o.name,
    label: o.label!,
    labelPlural: o.labelPlural!,
    // Not in the package: an org gives each custom object its own prefix in the a00–a0Z range.
    keyPrefix: 'a0H',
    custom: o.custom,
    createable: true,
    updateable: true,
    deletable: true,
    fields: customObjectFields(o),
  };
}
