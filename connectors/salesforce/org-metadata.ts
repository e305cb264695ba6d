import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../../src/errors.ts';
import { CustomFieldXml, CustomObjectXml, PermissionSetXml, ReportTypeXml } from './org-metadata-schemas.ts';
import type { OrgField, OrgFile, OrgMetadata, OrgObject, OrgPermissionSet } from './org-metadata-types.ts';

export type * from './org-metadata-types.ts';

/**
 * Pure: the package in `org/` (source format) read from its files' texts into objects, fields,
 * permission sets and report types. Every file is checked against its Metadata API type
 * (org-metadata-schemas.ts); every problem of every file is reported at once, as a ConfigError.
 */

/** Elements that repeat, so that one occurrence still parses as a list. */
const LISTS = new Set([
  'CustomField.valueSet.valueSetDefinition.value',
  'PermissionSet.fieldPermissions',
  'PermissionSet.objectPermissions',
  'PermissionSet.userPermissions',
  'ReportType.sections',
  'ReportType.sections.columns',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jpath) => LISTS.has(String(jpath)),
});

const KINDS = [
  { re: /^objects\/(\w+)\/fields\/(\w+)\.field-meta\.xml$/, root: 'CustomField' },
  { re: /^objects\/(\w+)\/(\w+)\.object-meta\.xml$/, root: 'CustomObject' },
  { re: /^permissionsets\/(\w+)\.permissionset-meta\.xml$/, root: 'PermissionSet' },
  { re: /^reportTypes\/(\w+)\.reportType-meta\.xml$/, root: 'ReportType' },
] as const;

type Parsed =
  | { root: 'CustomField'; object: string; name: string; xml: CustomFieldXml }
  | { root: 'CustomObject'; name: string; xml: CustomObjectXml }
  | { root: 'PermissionSet'; name: string; xml: PermissionSetXml }
  | { root: 'ReportType'; name: string; xml: ReportTypeXml };

function check<T>(
  schema: z.ZodType<T>,
  body: unknown,
  file: string,
  problems: ConfigProblem[],
): T | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues)
    problems.push({
      file,
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.message,
    });
  return undefined;
}

function parseFile(file: OrgFile, problems: ConfigProblem[]): Parsed | undefined {
  const kind = KINDS.map((k) => ({ ...k, m: k.re.exec(file.path) })).find((k) => k.m);
  if (!kind?.m) return undefined; // lwc/ and other types this reader does not need
  const valid = XMLValidator.validate(file.text);
  if (valid !== true) {
    problems.push({
      file: file.path,
      path: [],
      message: `not well-formed XML (line ${valid.err.line}): ${valid.err.msg}`,
    });
    return undefined;
  }
  const doc = parser.parse(file.text) as Record<string, unknown>;
  const body = doc[kind.root];
  if (body === undefined) {
    problems.push({ file: file.path, path: [], message: `the root element must be <${kind.root}>` });
    return undefined;
  }
  const name = kind.m[kind.m.length - 1]!;
  switch (kind.root) {
    case 'CustomField': {
      const xml = check(CustomFieldXml, body, file.path, problems);
      if (xml && xml.fullName !== name)
        problems.push({ file: file.path, path: ['fullName'], message: `must match the file name (${name})` });
      return xml && { root: kind.root, object: kind.m[1]!, name, xml };
    }
    case 'CustomObject': {
      if (kind.m[1] !== name)
        problems.push({ file: file.path, path: [], message: 'an object file is named after its folder' });
      const xml = check(CustomObjectXml, body, file.path, problems);
      return xml && { root: kind.root, name, xml };
    }
    case 'PermissionSet': {
      const xml = check(PermissionSetXml, body, file.path, problems);
      return xml && { root: kind.root, name, xml };
    }
    case 'ReportType': {
      const xml = check(ReportTypeXml, body, file.path, problems);
      return xml && { root: kind.root, name, xml };
    }
  }
}

function toField(object: string, x: CustomFieldXml): OrgField {
  const values = x.valueSet?.valueSetDefinition.value ?? [];
  return {
    object,
    name: x.fullName,
    label: x.label,
    type: x.type,
    length: x.length ?? null,
    precision: x.precision ?? null,
    scale: x.scale ?? null,
    picklistValues: values.map((v) => v.fullName),
    restrictedPicklist: x.valueSet?.restricted ?? false,
    externalId: x.externalId ?? false,
    unique: x.unique ?? false,
    caseSensitive: x.caseSensitive ?? false,
    required: x.type === 'MasterDetail' || (x.required ?? false),
    referenceTo: x.referenceTo ?? null,
    relationshipName: x.relationshipName ?? null,
    relationshipOrder: x.type === 'MasterDetail' ? (x.relationshipOrder ?? 0) : null,
    reparentable: x.reparentableMasterDetail ?? false,
    defaultValue: x.defaultValue ?? null,
    description: x.description ?? null,
    inlineHelpText: x.inlineHelpText ?? null,
  };
}

function toPermissionSet(name: string, x: PermissionSetXml): OrgPermissionSet {
  return {
    name,
    label: x.label,
    description: x.description ?? null,
    fields: x.fieldPermissions.map((p) => {
      const [object = '', field = ''] = p.field.split('.');
      return { object, field, readable: p.readable, editable: p.editable };
    }),
    objects: x.objectPermissions.map((p) => ({
      object: p.object,
      read: p.allowRead,
      create: p.allowCreate,
      edit: p.allowEdit,
      delete: p.allowDelete,
      viewAll: p.viewAllRecords,
      modifyAll: p.modifyAllRecords,
    })),
    userPermissions: x.userPermissions.filter((p) => p.enabled).map((p) => p.name),
  };
}

/** Parses the package's files (paths relative to `force-app/main/default/`); throws a ConfigError listing every problem. */
export function parseOrgMetadata(files: readonly OrgFile[]): OrgMetadata {
  const problems: ConfigProblem[] = [];
  const parsed = files.map((f) => parseFile(f, problems)).filter((p) => p !== undefined);
  if (problems.length)
    throw new ConfigError(problems, 'The Salesforce package (connectors/salesforce/org) is invalid');
  const objects = new Map<string, OrgObject>();
  const objectNamed = (name: string): OrgObject => {
    let o = objects.get(name);
    if (!o) {
      o = {
        name,
        custom: false,
        label: null,
        labelPlural: null,
        sharingModel: null,
        nameField: null,
        fields: [],
      };
      objects.set(name, o);
    }
    return o;
  };
  const metadata: OrgMetadata = { objects: [], permissionSets: [], reportTypes: [] };
  for (const p of parsed) {
    if (p.root === 'CustomObject') {
      Object.assign(objectNamed(p.name), {
        custom: true,
        label: p.xml.label,
        labelPlural: p.xml.pluralLabel,
        sharingModel: p.xml.sharingModel,
        nameField: {
          label: p.xml.nameField.label,
          type: p.xml.nameField.type,
          displayFormat: p.xml.nameField.displayFormat ?? null,
        },
      });
    } else if (p.root === 'CustomField') objectNamed(p.object).fields.push(toField(p.object, p.xml));
    else if (p.root === 'PermissionSet') metadata.permissionSets.push(toPermissionSet(p.name, p.xml));
    else
      metadata.reportTypes.push({
        name: p.name,
        label: p.xml.label,
        baseObject: p.xml.baseObject,
        relationship: p.xml.join?.relationship ?? null,
        columns: p.xml.sections.flatMap((s) => s.columns.map(({ table, field }) => ({ table, field }))),
      });
  }
  metadata.objects = [...objects.values()];
  return metadata;
}

/** A field of the package by object and API name (case-insensitive, as Salesforce compares them). */
export function findOrgField(metadata: OrgMetadata, object: string, field: string): OrgField | undefined {
  return metadata.objects
    .find((o) => o.name.toLowerCase() === object.toLowerCase())
    ?.fields.find((f) => f.name.toLowerCase() === field.toLowerCase());
}
