import type { MetadataFieldType } from './org-metadata-schemas.ts';
import type { OrgField } from './org-metadata.ts';

/**
 * Pure: what describe (REST `GET /sobjects/{object}/describe`) reports for a field of each Metadata API
 * type. Custom Number fields describe as `double` whatever their scale; long text areas as `textarea`.
 */
export const DESCRIBE_TYPE: Readonly<Record<MetadataFieldType, string>> = {
  AutoNumber: 'string',
  Checkbox: 'boolean',
  Currency: 'currency',
  Date: 'date',
  DateTime: 'datetime',
  Email: 'email',
  EncryptedText: 'encryptedstring',
  Html: 'textarea',
  LongTextArea: 'textarea',
  Lookup: 'reference',
  MasterDetail: 'reference',
  MultiselectPicklist: 'multipicklist',
  Number: 'double',
  Percent: 'percent',
  Phone: 'phone',
  Picklist: 'picklist',
  Summary: 'double',
  Text: 'string',
  TextArea: 'textarea',
  Time: 'time',
  Url: 'url',
};

/** The describe properties a field of the package must have in an org it was deployed to. */
export interface ExpectedDescribe {
  type: string;
  /** Characters for text types (describe's `length`), else null (not compared). */
  length: number | null;
  precision: number | null;
  scale: number | null;
  picklistValues: string[];
}

const FIXED_LENGTH: Partial<Record<MetadataFieldType, number>> = {
  Picklist: 255,
  TextArea: 255,
  Email: 80,
  Phone: 40,
  Url: 255,
};

export function expectedDescribe(f: OrgField): ExpectedDescribe {
  return {
    type: DESCRIBE_TYPE[f.type],
    length: f.length ?? FIXED_LENGTH[f.type] ?? null,
    precision: f.precision,
    scale: f.scale,
    picklistValues: f.picklistValues,
  };
}
