import { z } from 'zod';
import type { SalesforceSession } from './auth.ts';
import { sfCall } from './call.ts';
import { sfErrorCode, toSourceError } from './errors.ts';
import {
  INTEGRATION_PERMISSION_SET,
  orgCheckProblems,
  type DescribedObject,
  type OrgCheckProblem,
  type UserGrants,
} from './org-check.ts';
import type { OrgMetadata } from './org-metadata.ts';
import { queryPages } from './query-pages.ts';
import { SalesforceDescribe, parseResponse } from './schemas.ts';
import { soqlString } from './soql.ts';

/**
 * `health-sync salesforce check`: asks the connected org, with reads only, whether it holds the
 * package in `org/` and what the running (integration) user may do with it.
 */

export interface OrgCheckResult {
  username: string;
  /** Permission sets assigned to the user, by API name; null when the user may not read them. */
  assigned: string[] | null;
  problems: OrgCheckProblem[];
}

const DescribeObjectFlags = z.looseObject({
  queryable: z.boolean(),
  createable: z.boolean(),
  updateable: z.boolean(),
  deletable: z.boolean(),
});

const Identity = z.looseObject({ user_id: z.string().min(15), username: z.string() });

/** Object or field unknown to this user: the org answers the same for "absent" and "not visible". */
const NOT_THERE = new Set(['NOT_FOUND', 'INVALID_TYPE', 'ERROR_HTTP_404']);

/**
 * `GET /sobjects/{object}/describe`, or null when the org has no such object for this user.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 */
async function describeObject(session: SalesforceSession, object: string): Promise<DescribedObject | null> {
  const endpoint = `GET /sobjects/${object}/describe`;
  let raw: unknown;
  try {
    raw = await sfCall(session, { endpoint, idempotent: true }, () =>
      session.conn.request(`/sobjects/${object}/describe`),
    );
  } catch (err) {
    if (NOT_THERE.has(sfErrorCode(err) ?? '')) return null;
    throw toSourceError(err, endpoint);
  }
  const d = parseResponse(SalesforceDescribe, raw, endpoint);
  const flags = parseResponse(DescribeObjectFlags, raw, endpoint);
  return {
    name: d.name,
    ...flags,
    fields: d.fields.map((f) => ({
      name: f.name,
      type: f.type,
      length: f.length ?? 0,
      precision: f.precision ?? 0,
      scale: f.scale ?? 0,
      picklistValues: (f.picklistValues ?? []).filter((p) => p.active !== false).map((p) => p.value),
      updateable: f.updateable && f.calculated !== true,
    })),
  };
}

async function queryAll(session: SalesforceSession, soql: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const page of queryPages(session, soql)) rows.push(...page.records);
  return rows;
}

const inList = (values: readonly string[]): string => `(${values.map(soqlString).join(', ')})`;
const bool = (v: unknown): boolean => v === true;

/**
 * The running user's grants from the permission objects: the permission sets assigned to the user
 * (a profile's permissions are a permission set too, `IsOwnedByProfile`), then their field and object
 * permissions. Reading these needs "View Setup and Configuration" (API 49.0+); without it the org
 * answers INVALID_TYPE or INSUFFICIENT_ACCESS and the check relies on describe alone (null).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_fieldpermissions.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm
 */
async function userGrants(
  session: SalesforceSession,
  userId: string,
  objects: readonly string[],
): Promise<UserGrants | null> {
  try {
    const assignments = await queryAll(
      session,
      `SELECT Id, PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(userId)}`,
    );
    const ids = assignments.map((a) => String(a['PermissionSetId']));
    const grants: UserGrants = { assigned: [], fields: new Map(), objects: new Map() };
    if (ids.length === 0) return grants;
    const sets = await queryAll(session, `SELECT Id, Name FROM PermissionSet WHERE Id IN ${inList(ids)}`);
    grants.assigned = sets.map((s) => String(s['Name'])).sort();
    const where = `ParentId IN ${inList(ids)} AND SobjectType IN ${inList(objects)}`;
    for (const r of await queryAll(
      session,
      `SELECT Id, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ${where}`,
    )) {
      const key = String(r['Field']).toLowerCase();
      const was = grants.fields.get(key);
      grants.fields.set(key, {
        read: bool(r['PermissionsRead']) || (was?.read ?? false),
        edit: bool(r['PermissionsEdit']) || (was?.edit ?? false),
      });
    }
    for (const r of await queryAll(
      session,
      'SELECT Id, SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete, ' +
        `PermissionsViewAllRecords, PermissionsModifyAllRecords FROM ObjectPermissions WHERE ${where}`,
    )) {
      const key = String(r['SobjectType']).toLowerCase();
      const was = grants.objects.get(key);
      grants.objects.set(key, {
        read: bool(r['PermissionsRead']) || (was?.read ?? false),
        create: bool(r['PermissionsCreate']) || (was?.create ?? false),
        edit: bool(r['PermissionsEdit']) || (was?.edit ?? false),
        delete: bool(r['PermissionsDelete']) || (was?.delete ?? false),
        viewAll: bool(r['PermissionsViewAllRecords']) || (was?.viewAll ?? false),
        modifyAll: bool(r['PermissionsModifyAllRecords']) || (was?.modifyAll ?? false),
      });
    }
    return grants;
  } catch (err) {
    const code = sfErrorCode(err);
    if (code === 'INVALID_TYPE' || code === 'INSUFFICIENT_ACCESS') return null;
    throw err;
  }
}

/** Describes the package's objects (and Task), reads the user's grants, and compares: no writes. */
export async function checkOrg(session: SalesforceSession, metadata: OrgMetadata): Promise<OrgCheckResult> {
  const endpoint = 'GET /id (identity)';
  let identity: z.infer<typeof Identity>;
  try {
    identity = parseResponse(
      Identity,
      await sfCall(session, { endpoint, idempotent: true }, () => session.conn.identity()),
      endpoint,
    );
  } catch (err) {
    throw toSourceError(err, endpoint);
  }
  const names = [...metadata.objects.map((o) => o.name), 'Task'];
  const describes = new Map<string, DescribedObject | null>();
  for (const name of names) describes.set(name, await describeObject(session, name));
  const integration = metadata.permissionSets.find((s) => s.name === INTEGRATION_PERMISSION_SET);
  const permissionObjects = [
    ...new Set([
      ...metadata.objects.map((o) => o.name),
      ...(integration?.objects.map((o) => o.object) ?? []),
    ]),
  ];
  const grants = await userGrants(session, identity.user_id, permissionObjects);
  return {
    username: identity.username,
    assigned: grants?.assigned ?? null,
    problems: orgCheckProblems({ metadata, describes, grants }),
  };
}
