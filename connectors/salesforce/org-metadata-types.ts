import type { MetadataFieldType } from './org-metadata-schemas.ts';

/** The package in `org/` as health-sync reads it (org-metadata.ts builds these from the XML). */

export interface OrgField {
  object: string;
  name: string;
  label: string;
  type: MetadataFieldType;
  /** Characters (Text, LongTextArea); null for other types. */
  length: number | null;
  /** Digits in all and after the point (Number, Percent, Currency); null for other types. */
  precision: number | null;
  scale: number | null;
  picklistValues: string[];
  restrictedPicklist: boolean;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  /** Master-detail fields are always required. */
  required: boolean;
  referenceTo: string | null;
  relationshipName: string | null;
  /** Master-detail only: 0 for the first master; whether a detail may move to another master. */
  relationshipOrder: number | null;
  reparentable: boolean;
  defaultValue: string | null;
  description: string | null;
  inlineHelpText: string | null;
}

export interface OrgObject {
  name: string;
  /** False for standard objects (Account) that the package only adds fields to. */
  custom: boolean;
  label: string | null;
  labelPlural: string | null;
  sharingModel: string | null;
  nameField: { label: string; type: 'Text' | 'AutoNumber'; displayFormat: string | null } | null;
  fields: OrgField[];
}

export interface OrgFieldPermission {
  object: string;
  field: string;
  readable: boolean;
  editable: boolean;
}

export interface OrgObjectPermission {
  object: string;
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
  viewAll: boolean;
  modifyAll: boolean;
}

export interface OrgPermissionSet {
  name: string;
  label: string;
  description: string | null;
  fields: OrgFieldPermission[];
  objects: OrgObjectPermission[];
  userPermissions: string[];
}

export interface OrgReportType {
  name: string;
  label: string;
  baseObject: string;
  relationship: string | null;
  columns: { table: string; field: string }[];
}

export interface OrgMetadata {
  objects: OrgObject[];
  permissionSets: OrgPermissionSet[];
  reportTypes: OrgReportType[];
}

/** One file of the package: its path under `force-app/main/default/` and its text. */
export interface OrgFile {
  path: string;
  text: string;
}
