import type { SfRecord } from './records.ts';
import { findField } from './schema/fields.ts';
import { packageMetadata } from './schema/package-metadata.ts';
import { PERMISSION_OBJECTS } from './schema/permissions.ts';
import type { SalesforceState } from './state.ts';

/**
 * The permission records of an org the package in connectors/salesforce/org was deployed to, with
 * Health_Sync_Integration assigned to the integration user. A permission on a field or object the org
 * does not have (a sandbox started with `omitFields`) does not exist, as in an org, where deploying it
 * would fail.
 */
export function installPackagePermissions(state: SalesforceState, metadata = packageMetadata()): void {
  const tables = new Map<string, SfRecord[]>(PERMISSION_OBJECTS.map((d) => [d.name, []]));
  const add = (object: string, record: SfRecord): string => {
    const def = PERMISSION_OBJECTS.find((d) => d.name === object)!;
    const id = state.ids.next(def.keyPrefix);
    tables.get(object)!.push({ Id: id, ...record });
    return id;
  };
  for (const set of metadata.permissionSets) {
    const parent = add('PermissionSet', { Name: set.name, Label: set.label, IsOwnedByProfile: false });
    for (const p of set.fields) {
      const def = state.defFor(p.object);
      const f = def && findField(def, p.field);
      if (!def || !f) continue;
      add('FieldPermissions', {
        ParentId: parent,
        SobjectType: def.name,
        Field: `${def.name}.${f.name}`,
        PermissionsRead: p.readable,
        PermissionsEdit: p.editable,
      });
    }
    for (const p of set.objects) {
      const def = state.defFor(p.object);
      if (!def) continue;
      add('ObjectPermissions', {
        ParentId: parent,
        SobjectType: def.name,
        PermissionsRead: p.read,
        PermissionsCreate: p.create,
        PermissionsEdit: p.edit,
        PermissionsDelete: p.delete,
        PermissionsViewAllRecords: p.viewAll,
        PermissionsModifyAllRecords: p.modifyAll,
      });
    }
    if (set.name === 'Health_Sync_Integration')
      add('PermissionSetAssignment', { AssigneeId: state.integrationUserId, PermissionSetId: parent });
  }
  state.setupObjects = PERMISSION_OBJECTS.map((def) => ({ def, rows: tables.get(def.name)! }));
}

/** Removes fields (`Object.Field`) from the org's describe, as if they had never been deployed. */
export function omitFields(state: SalesforceState, names: readonly string[]): void {
  for (const name of names) {
    const [object, field] = name.includes('.') ? name.split('.', 2) : ['Account', name];
    const def = state.defFor(object!);
    if (!def || !findField(def, field!))
      throw new TypeError(`Salesforce simulator: cannot omit '${name}': no such field`);
    def.fields = def.fields.filter((f) => f.name.toLowerCase() !== field!.toLowerCase());
  }
}
