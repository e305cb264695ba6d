import { field, reference, systemField, type FieldDef, type SObjectDef } from './fields.ts';

/**
 * The setup objects that say what a user may do, as the org describes them (the fields health-sync's
 * `salesforce check` reads). Queryable only: they are maintained by deploying permission sets.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm
 */
const setupObject = (name: string, keyPrefix: string, fields: FieldDef[]): SObjectDef => ({
  name,
  label: name,
  labelPlural: name,
  keyPrefix,
  custom: false,
  createable: false,
  updateable: false,
  deletable: false,
  fields: [systemField('Id', `${name} ID`, 'id', { idLookup: true }), ...fields],
});

const flag = (name: string): FieldDef => field(name, name, 'boolean', { nillable: false });

export const PERMISSION_OBJECTS: readonly SObjectDef[] = [
  setupObject('PermissionSet', '0PS', [
    field('Name', 'Name', 'string', { length: 80 }),
    field('Label', 'Label', 'string', { length: 80 }),
    flag('IsOwnedByProfile'),
  ]),
  setupObject('PermissionSetAssignment', '0Pa', [
    reference('AssigneeId', 'Assignee ID', ['User'], 'Assignee'),
    reference('PermissionSetId', 'Permission Set ID', ['PermissionSet'], 'PermissionSet'),
  ]),
  setupObject('FieldPermissions', '01k', [
    reference('ParentId', 'Parent ID', ['PermissionSet'], 'Parent'),
    field('SobjectType', 'SObject Type Name', 'picklist', { length: 40 }),
    field('Field', 'Field Name', 'picklist', { length: 40 }),
    flag('PermissionsRead'),
    flag('PermissionsEdit'),
  ]),
  setupObject('ObjectPermissions', '110', [
    reference('ParentId', 'Parent ID', ['PermissionSet'], 'Parent'),
    field('SobjectType', 'SObject Type Name', 'picklist', { length: 40 }),
    flag('PermissionsRead'),
    flag('PermissionsCreate'),
    flag('PermissionsEdit'),
    flag('PermissionsDelete'),
    flag('PermissionsViewAllRecords'),
    flag('PermissionsModifyAllRecords'),
  ]),
];
