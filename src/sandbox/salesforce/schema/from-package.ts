import {
  DESCRIBE_TYPE,
  expectedDescribe,
  type OrgField,
  type OrgObject,
} from '../../../../connectors/salesforce/index.ts';
import { ConfigError } from '../../../errors.ts';
import {
  auditFields,
  field,
  picklist,
  reference,
  systemField,
  type FieldDef,
  type FieldType,
} from './fields.ts';

/**
 * Pure: the describe of what the package in connectors/salesforce/org defines (its custom fields, its
 * custom objects), so that the sandbox offers exactly the fields an org the package was deployed to has.
 * One source of truth: a changed length or a new picklist value in the XML changes the sandbox too.
 */

/** Describe types the simulator validates values of (fields.ts); any other fails loudly at start-up. */
const SIMULATED = new Set<string>([
  'boolean',
  'string',
  'textarea',
  'picklist',
  'reference',
  'datetime',
  'date',
  'double',
  'currency',
  'percent',
  'phone',
  'url',
  'email',
]);

const fieldFile = (f: OrgField): string => `objects/${f.object}/fields/${f.name}.field-meta.xml`;

function unsupported(f: OrgField, message: string): never {
  throw new ConfigError(
    [{ file: fieldFile(f), path: ['type'], message }],
    'The sandbox cannot simulate a field of the Salesforce package: teach src/sandbox/salesforce/schema/from-package.ts (and fields.ts) the type',
  );
}

/** A custom field's describe, as an org reports it once the package is deployed. */
export function fieldFromPackage(f: OrgField): FieldDef {
  const type = DESCRIBE_TYPE[f.type];
  if (!SIMULATED.has(type)) unsupported(f, `${f.type} (describe type ${type}) is not simulated`);
  const want = expectedDescribe(f);
  const common = {
    nillable: !f.required,
    externalId: f.externalId,
    unique: f.unique,
    // An External ID is an alternative key: upserts and `sobjects/{type}/{field}/{value}` look records up by it.
    idLookup: f.externalId,
  };
  switch (f.type) {
    case 'Picklist':
      return picklist(f.name, f.label, f.picklistValues, { restricted: f.restrictedPicklist, ...common });
    case 'Checkbox':
      // Never null: the org stores the package's default when a create leaves it out.
      return field(f.name, f.label, 'boolean', {
        ...common,
        nillable: false,
        defaultedOnCreate: true,
        defaultValue: f.defaultValue === 'true',
      });
    case 'MasterDetail':
    case 'Lookup': {
      const detail = f.type === 'MasterDetail';
      // Describe names the parent relationship after the field (Account__r); the package's
      // relationshipName is the child relationship on the parent (Health_Snapshots__r).
      return reference(f.name, f.label, [f.referenceTo!], f.name.replace(/__c$/, '__r'), {
        ...common,
        ...(detail
          ? { updateable: f.reparentable, cascadeDelete: true, relationshipOrder: f.relationshipOrder }
          : {}),
      });
    }
    default:
      // Other defaults are formulas, which the sandbox does not evaluate: refuse rather than differ.
      if (f.defaultValue !== null) unsupported(f, `a default value on a ${f.type} field is not simulated`);
      return field(f.name, f.label, type as FieldType, {
        ...common,
        ...(want.length !== null ? { length: want.length } : {}),
        ...(want.precision !== null ? { precision: want.precision, scale: want.scale ?? 0 } : {}),
      });
  }
}

/** Every custom field the package defines on `object` (none when it defines none). */
export function packageFields(objects: readonly OrgObject[], object: string): FieldDef[] {
  return (objects.find((o) => o.name === object)?.fields ?? []).map(fieldFromPackage);
}

/**
 * The fields of a custom object the package defines: the system fields every record has, its Name
 * (auto-number or text, as the package says), its custom fields and the audit fields. A detail
 * (`ControlledByParent`) has no owner: it goes with its master.
 */
export function customObjectFields(o: OrgObject): FieldDef[] {
  const name = o.nameField!;
  const nameDef =
    name.type === 'AutoNumber'
      ? systemField('Name', name.label, 'string', {
          length: 80,
          nameField: true,
          idLookup: true,
          autoNumber: true,
        })
      : field('Name', name.label, 'string', { length: 80, nillable: false, nameField: true, idLookup: true });
  return [
    systemField('Id', 'Record ID', 'id', { idLookup: true }),
    systemField('IsDeleted', 'Deleted', 'boolean'),
    nameDef,
    ...(o.sharingModel === 'ControlledByParent'
      ? []
      : [reference('OwnerId', 'Owner ID', ['User'], 'Owner', { nillable: false, defaultedOnCreate: true })]),
    ...o.fields.map(fieldFromPackage),
    ...auditFields(),
  ];
}
