import { expectedDescribe } from './org-describe-types.ts';
import {
  findOrgField,
  type OrgField,
  type OrgMetadata,
  type OrgObjectPermission,
  type OrgPermissionSet,
} from './org-metadata.ts';

/**
 * Pure: what `health-sync salesforce check` concludes from the org's answers (describe, and the
 * running user's permissions when it may read them) against the package in `org/`.
 */

/** The permission set the integration user needs (its name in the package). */
export const INTEGRATION_PERMISSION_SET = 'Health_Sync_Integration';

export interface DescribedField {
  name: string;
  type: string;
  length: number;
  precision: number;
  scale: number;
  picklistValues: string[];
  updateable: boolean;
}

/** An object as the running user's describe shows it; its flags are that user's access. */
export interface DescribedObject {
  name: string;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: DescribedField[];
}

/** The running user's grants, summed over every permission set assigned (the profile's included). */
export interface UserGrants {
  assigned: string[];
  /** `Object.Field` (lower case) → read/edit. */
  fields: Map<string, { read: boolean; edit: boolean }>;
  /** Object (lower case) → permissions. */
  objects: Map<string, Omit<OrgObjectPermission, 'object'>>;
}

export interface OrgCheckProblem {
  kind: 'object' | 'field' | 'type' | 'permission';
  object: string;
  field: string | null;
  message: string;
  /** The package's permission set that grants what is missing. */
  permissionSet: string | null;
}

export interface OrgCheckInput {
  metadata: OrgMetadata;
  /** By object name; null when the org answers that the object does not exist (for this user). */
  describes: ReadonlyMap<string, DescribedObject | null>;
  /** Null when the user may not read permission objects (needs "View Setup and Configuration"). */
  grants: UserGrants | null;
}

const OBJECT_ACTIONS = ['read', 'create', 'edit', 'delete', 'viewAll'] as const;
const DESCRIBE_FLAG: Record<(typeof OBJECT_ACTIONS)[number], keyof DescribedObject | null> = {
  read: 'queryable',
  create: 'createable',
  edit: 'updateable',
  delete: 'deletable',
  viewAll: null,
};

function typeProblems(f: OrgField, d: DescribedField): string[] {
  const want = expectedDescribe(f);
  if (d.type !== want.type) return [`is a ${d.type} field; the package defines ${f.type} (${want.type})`];
  const out: string[] = [];
  if (want.length !== null && d.length < want.length)
    out.push(`holds ${d.length} characters; the package defines ${want.length}`);
  if (want.precision !== null && (d.precision !== want.precision || d.scale !== want.scale))
    out.push(`is (${d.precision},${d.scale}); the package defines (${want.precision},${want.scale})`);
  const lacking = want.picklistValues.filter((v) => !d.picklistValues.includes(v));
  if (lacking.length)
    out.push(`lacks the picklist value${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')}`);
  return out;
}

/** The package's permission set that grants a field, the integration user's first. */
function grantingSet(metadata: OrgMetadata, object: string, field: string): string | null {
  const sets = [...metadata.permissionSets].sort(
    (a, b) => Number(b.name === INTEGRATION_PERMISSION_SET) - Number(a.name === INTEGRATION_PERMISSION_SET),
  );
  return sets.find((s) => s.fields.some((p) => p.object === object && p.field === field))?.name ?? null;
}

/** Objects and fields of the package the org lacks (or hides from the user), and wrong types. */
function packageProblems(metadata: OrgMetadata, describes: OrgCheckInput['describes']): OrgCheckProblem[] {
  const out: OrgCheckProblem[] = [];
  const hasIntegration = metadata.permissionSets.some((s) => s.name === INTEGRATION_PERMISSION_SET);
  for (const object of metadata.objects) {
    const d = describes.get(object.name);
    if (!d) {
      out.push({
        kind: 'object',
        object: object.name,
        field: null,
        message: `object ${object.name} is missing (deploy the package) or the integration user cannot read it`,
        permissionSet: hasIntegration ? INTEGRATION_PERMISSION_SET : null,
      });
      continue;
    }
    const described = new Map(d.fields.map((f) => [f.name.toLowerCase(), f]));
    for (const f of object.fields) {
      const df = described.get(f.name.toLowerCase());
      if (!df) {
        out.push({
          kind: 'field',
          object: object.name,
          field: f.name,
          message: `field ${object.name}.${f.name} is missing (deploy the package) or hidden from the integration user by field-level security`,
          permissionSet: grantingSet(metadata, object.name, f.name),
        });
        continue;
      }
      for (const message of typeProblems(f, df))
        out.push({
          kind: 'type',
          object: object.name,
          field: f.name,
          message: `${object.name}.${f.name} ${message}`,
          permissionSet: null,
        });
    }
  }
  return out;
}

/** Field permissions of the integration set the user lacks, by its grants and by describe. */
function fieldGrantProblems(input: OrgCheckInput, integration: OrgPermissionSet): OrgCheckProblem[] {
  const { metadata, describes, grants } = input;
  const out: OrgCheckProblem[] = [];
  for (const p of integration.fields) {
    const d = describes.get(p.object);
    const df = d?.fields.find((f) => f.name.toLowerCase() === p.field.toLowerCase());
    // A missing object or package field is reported by packageProblems, with its permission set.
    if (!d || (!df && findOrgField(metadata, p.object, p.field))) continue;
    const granted = grants?.fields.get(`${p.object}.${p.field}`.toLowerCase());
    const cannotRead = !df || (grants !== null && !granted?.read);
    const cannotEdit = p.editable && (!df?.updateable || (grants !== null && !granted?.edit));
    if (cannotRead || cannotEdit)
      out.push({
        kind: 'permission',
        object: p.object,
        field: p.field,
        message: `the integration user cannot ${cannotRead ? 'read' : 'edit'} ${p.object}.${p.field}`,
        permissionSet: INTEGRATION_PERMISSION_SET,
      });
  }
  return out;
}

/** Object and user permissions of the integration set the user lacks. */
function objectGrantProblems(input: OrgCheckInput, integration: OrgPermissionSet): OrgCheckProblem[] {
  const { describes, grants } = input;
  const out: OrgCheckProblem[] = [];
  for (const p of integration.objects) {
    const d = describes.get(p.object);
    if (!d) continue;
    const granted = grants?.objects.get(p.object.toLowerCase());
    const lacking = OBJECT_ACTIONS.filter((a) => {
      if (!p[a]) return false;
      const flag = DESCRIBE_FLAG[a];
      return (flag !== null && d[flag] !== true) || (grants !== null && !granted?.[a]);
    });
    if (lacking.length)
      out.push({
        kind: 'permission',
        object: p.object,
        field: null,
        message: `the integration user cannot ${lacking.map((a) => (a === 'viewAll' ? 'view all' : a)).join(', ')} ${p.object} records`,
        permissionSet: INTEGRATION_PERMISSION_SET,
      });
  }
  if (integration.userPermissions.includes('EditTask') && describes.get('Task')?.createable !== true)
    out.push({
      kind: 'permission',
      object: 'Task',
      field: null,
      message: 'the integration user cannot create Tasks (user permission "Edit Tasks")',
      permissionSet: INTEGRATION_PERMISSION_SET,
    });
  return out;
}

/** Pure: every missing object or field, wrong type, and missing grant of the integration user. */
export function orgCheckProblems(input: OrgCheckInput): OrgCheckProblem[] {
  const integration = input.metadata.permissionSets.find((s) => s.name === INTEGRATION_PERMISSION_SET);
  return [
    ...packageProblems(input.metadata, input.describes),
    ...(integration ? fieldGrantProblems(input, integration) : []),
    ...(integration ? objectGrantProblems(input, integration) : []),
  ];
}

/** One line per problem, naming the permission set that grants what is missing. */
export function formatOrgProblem(p: OrgCheckProblem): string {
  return p.permissionSet ? `${p.message}; permission set ${p.permissionSet} grants it` : p.message;
}
