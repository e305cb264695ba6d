import type { ApiContext } from '../http/context.ts';
import { notFound, sfError, type SfResponse } from '../http/respond.ts';
import { isSfId } from '../ids.ts';
import { describeGlobal, describeSObject } from '../schema/describe.ts';
import { findField, type SObjectDef } from '../schema/fields.ts';
import { formatSfDatetime, parseDatetime } from '../sf-time.ts';
import { OBJECT_NAMES, type ObjectName } from '../state.ts';
import { saveRecords } from '../write/save.ts';
import { project } from './query.ts';

/** https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm */
export function handleDescribe(ctx: ApiContext, sobject: string): SfResponse {
  const def = ctx.state.defFor(sobject);
  return def ? { status: 200, json: describeSObject(def, ctx.version) } : notFound();
}

/** https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm */
export function handleDescribeGlobal(ctx: ApiContext): SfResponse {
  return {
    status: 200,
    json: describeGlobal(
      OBJECT_NAMES.map((n) => ctx.state.defs[n]),
      ctx.version,
    ),
  };
}

/** `GET /sobjects/{type}/{id}[?fields=a,b]`. */
export function handleGetRecord(
  ctx: ApiContext,
  sobject: string,
  id: string,
  fieldsParam: string | undefined,
): SfResponse {
  const def = ctx.state.defFor(sobject);
  if (!def) return notFound();
  if (!isSfId(id))
    return sfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${id}`);
  const found = ctx.state.findRecord(id);
  if (!found || found.object !== def.name) return notFound();
  if (found.record['IsDeleted'] === true) return sfError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
  let fields = def.fields;
  if (fieldsParam) {
    const names = fieldsParam
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = names.find((n) => !findField(def, n));
    if (unknown)
      return sfError(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${def.name}`);
    fields = names.map((n) => findField(def, n)!);
  }
  return { status: 200, json: project(def, fields, found.record, ctx.version) };
}

/**
 * `PATCH /sobjects/{type}/{id}`: 204 on success; a refused record answers 400 with its errors.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_update_fields.htm
 */
export function handleUpdateRecord(ctx: ApiContext, sobject: string, id: string, body: unknown): SfResponse {
  const def = ctx.state.defFor(sobject);
  if (!def) return notFound();
  const found = isSfId(id) ? ctx.state.findRecord(id) : undefined;
  if (!found || found.object !== def.name) return notFound();
  if (!isPlainObject(body))
    return sfError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  return saveOne(ctx, def, id, body, () => ({ status: 204 }));
}

/**
 * `POST /sobjects/{type}`: 201 `{id, success, errors}`.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm
 */
export function handleCreateRecord(ctx: ApiContext, sobject: string, body: unknown): SfResponse {
  const def = ctx.state.defFor(sobject);
  if (!def) return notFound();
  if (!isPlainObject(body))
    return sfError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  if (Object.keys(body).some((k) => k.toLowerCase() === 'id')) {
    return sfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
  }
  return saveOne(ctx, def, null, body, (newId) => ({
    status: 201,
    json: { id: newId, success: true, errors: [] },
  }));
}

/** Saves one record (an update when `id` is given, else a create); a refused record answers 400 with its errors. */
function saveOne(
  ctx: ApiContext,
  def: SObjectDef,
  id: string | null,
  input: Record<string, unknown>,
  ok: (id: string | null) => SfResponse,
): SfResponse {
  const outcome = saveRecords(ctx.state, [{ def, id, input }], {
    op: id === null ? 'create' : 'update',
    allOrNone: true,
    encoding: 'json',
    userId: ctx.userId,
  });
  if (!outcome.ok) return sfError(400, outcome.errorCode, outcome.message);
  const result = outcome.results[0]!;
  if (result.success) return ok(result.id);
  return {
    status: 400,
    json: result.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })),
  };
}

/** `DELETE /sobjects/{type}/{id}`: to the Recycle Bin (queryAll and getDeleted still see it). */
export function handleDeleteRecord(ctx: ApiContext, sobject: string, id: string): SfResponse {
  const def = ctx.state.defFor(sobject);
  if (!def) return notFound();
  const found = isSfId(id) ? ctx.state.findRecord(id) : undefined;
  if (!found || found.object !== def.name) return notFound();
  if (found.record['IsDeleted'] === true) return sfError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
  ctx.state.softDelete(found.object, found.record, ctx.userId);
  return { status: 204 };
}

/**
 * `GET /sobjects/{type}/deleted/?start=&end=` (getDeleted).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
 */
export function handleGetDeleted(
  ctx: ApiContext,
  sobject: string,
  query: Record<string, string>,
): SfResponse {
  const def = ctx.state.defFor(sobject);
  if (!def) return notFound();
  const start = query['start'] ? parseDatetime(query['start']) : undefined;
  const end = query['end'] ? parseDatetime(query['end']) : undefined;
  if (start === undefined || end === undefined) {
    return sfError(
      400,
      'MALFORMED_QUERY',
      'start and end are required, as dateTime values such as 2025-01-01T00:00:00+00:00',
    );
  }
  const now = ctx.state.now();
  if (end < start) return sfError(400, 'INVALID_REPLICATION_DATE', 'end date cannot be before start date');
  if (start < now - 30 * 86_400_000)
    return sfError(400, 'INVALID_REPLICATION_DATE', 'startDate cannot be more than 30 days ago');
  const entries = [...ctx.state.deleted.values()].filter((d) => d.object === (def.name as ObjectName));
  const covered = Math.floor(Math.min(end, now) / 60_000) * 60_000;
  const inRange = entries
    .filter((d) => d.deletedDate >= start && d.deletedDate <= covered)
    .sort((a, b) => a.deletedDate - b.deletedDate);
  const earliest = entries.reduce((min, d) => Math.min(min, d.deletedDate), start);
  return {
    status: 200,
    json: {
      deletedRecords: inRange.map((d) => ({ id: d.id, deletedDate: formatSfDatetime(d.deletedDate) })),
      earliestDateAvailable: formatSfDatetime(earliest),
      latestDateCovered: formatSfDatetime(covered),
    },
  };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
