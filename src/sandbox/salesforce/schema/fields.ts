/**
 * Field metadata as Salesforce's describe reports it, reduced to what the simulator needs to answer
 * describe calls and to validate queries and writes the way an org does.
 */
export type FieldType =
  | 'id'
  | 'boolean'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'combobox'
  | 'reference'
  | 'datetime'
  | 'date'
  | 'double'
  | 'currency'
  | 'percent'
  | 'int'
  | 'phone'
  | 'url'
  | 'email';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Characters for text types. */
  length: number;
  /** Total digits and digits after the point, for double/currency/percent. */
  precision: number;
  scale: number;
  /** Digits for int. */
  digits: number;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  custom: boolean;
  filterable: boolean;
  sortable: boolean;
  groupable: boolean;
  defaultedOnCreate: boolean;
  nameField: boolean;
  idLookup: boolean;
  externalId: boolean;
  /** An External ID marked Unique: the org refuses a second record with the same value. */
  unique: boolean;
  /** Filled in by the org on create (`HS-000001`); never writable. */
  autoNumber: boolean;
  /** Master-detail: deleting the parent deletes the record; 0 for the (first) master. */
  cascadeDelete: boolean;
  relationshipOrder: number | null;
  /** Picklist values; `restricted` makes the org refuse any other value. */
  picklist: { values: string[]; restricted: boolean; defaultValue: string | null } | null;
  referenceTo: string[];
  relationshipName: string | null;
  extraTypeInfo: string | null;
  /** A value the org fills in on create when none is given. */
  defaultValue: string | boolean | null;
}

export interface SObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: FieldDef[];
}

const TEXT_TYPES = new Set<FieldType>([
  'string',
  'textarea',
  'picklist',
  'combobox',
  'phone',
  'url',
  'email',
]);
const NUMBER_TYPES = new Set<FieldType>(['double', 'currency', 'percent', 'int']);

export const isTextType = (t: FieldType): boolean => TEXT_TYPES.has(t);
export const isNumberType = (t: FieldType): boolean => NUMBER_TYPES.has(t);
export const isIdType = (t: FieldType): boolean => t === 'id' || t === 'reference';

type FieldOptions = Partial<Omit<FieldDef, 'name' | 'label' | 'type'>>;

/** A field with the defaults of an ordinary, writable, optional standard field. */
export function field(name: string, label: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  const longText = type === 'textarea' && (options.length ?? 0) > 255;
  const base: FieldDef = {
    name,
    label,
    type,
    length: 0,
    precision: 0,
    scale: 0,
    digits: 0,
    createable: true,
    updateable: true,
    nillable: true,
    custom: name.endsWith('__c'),
    filterable: !longText,
    sortable: !longText,
    groupable: !longText && !['double', 'currency', 'percent', 'datetime'].includes(type),
    defaultedOnCreate: false,
    nameField: false,
    idLookup: false,
    externalId: false,
    unique: false,
    autoNumber: false,
    cascadeDelete: false,
    relationshipOrder: null,
    picklist: null,
    referenceTo: [],
    relationshipName: null,
    extraTypeInfo: longText ? 'plaintextarea' : null,
    defaultValue: null,
  };
  return { ...base, ...options };
}

/** A field the system maintains (Id, audit fields): readable, never writable. */
export function systemField(
  name: string,
  label: string,
  type: FieldType,
  options: FieldOptions = {},
): FieldDef {
  return field(name, label, type, {
    createable: false,
    updateable: false,
    nillable: false,
    defaultedOnCreate: true,
    ...(type === 'id' || type === 'reference' ? { length: 18 } : {}),
    ...options,
  });
}

/** The audit fields every record carries: who created and last changed it, and when. */
export function auditFields(): FieldDef[] {
  const user = (name: string, label: string, relationshipName: string): FieldDef =>
    systemField(name, label, 'reference', { referenceTo: ['User'], relationshipName });
  return [
    systemField('CreatedDate', 'Created Date', 'datetime'),
    user('CreatedById', 'Created By ID', 'CreatedBy'),
    systemField('LastModifiedDate', 'Last Modified Date', 'datetime'),
    user('LastModifiedById', 'Last Modified By ID', 'LastModifiedBy'),
    systemField('SystemModstamp', 'System Modstamp', 'datetime'),
  ];
}

export function picklist(
  name: string,
  label: string,
  values: string[],
  options: FieldOptions & { restricted?: boolean; defaultValue?: string } = {},
): FieldDef {
  const { restricted = false, defaultValue = null, ...rest } = options;
  return field(name, label, 'picklist', {
    length: 255,
    picklist: { values, restricted, defaultValue },
    ...(defaultValue ? { defaultedOnCreate: true, defaultValue } : {}),
    ...rest,
  });
}

export function reference(
  name: string,
  label: string,
  referenceTo: string[],
  relationshipName: string,
  options: FieldOptions = {},
): FieldDef {
  return field(name, label, 'reference', { length: 18, referenceTo, relationshipName, ...options });
}

const byName = new WeakMap<SObjectDef, Map<string, FieldDef>>();

/** Looks a field up the way the API does: by name, ignoring case. */
export function findField(def: SObjectDef, name: string): FieldDef | undefined {
  let index = byName.get(def);
  if (!index || index.size !== def.fields.length) {
    index = new Map(def.fields.map((f) => [f.name.toLowerCase(), f]));
    byName.set(def, index);
  }
  return index.get(name.toLowerCase());
}
