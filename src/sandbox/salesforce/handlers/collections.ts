import type { ApiContext } from '../http/context.ts';
import { sfError, type SfResponse } from '../http/respond.ts';
import { unsupportedType } from '../soql/errors.ts';
import { saveRecords, type SaveItem } from '../write/save.ts';
import { isPlainObject } from './sobjects.ts';

const MAX_RECORDS = 200;

/**
 * sObject Collections: `PATCH /composite/sobjects` (update) and `POST /composite/sobjects` (create),
 * up to 200 records, one result per record in request order.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_create.htm
 */
export function handleCollections(ctx: ApiContext, op: 'create' | 'update', body: unknown): SfResponse {
  if (!isPlainObject(body) || !Array.isArray(body['records'])) {
    return sfError(400, 'JSON_PARSER_ERROR', 'The request body must be an object with a records array');
  }
  const records = body['records'] as unknown[];
  if (records.length > MAX_RECORDS) {
    return sfError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
  const items: SaveItem[] = [];
  for (const [i, raw] of records.entries()) {
    if (!isPlainObject(raw)) return sfError(400, 'JSON_PARSER_ERROR', `Record ${i} is not a JSON object`);
    const attributes = raw['attributes'];
    const type =
      isPlainObject(attributes) && typeof attributes['type'] === 'string' ? attributes['type'] : null;
    if (!type)
      return sfError(
        400,
        'INVALID_TYPE',
        'When using sObject Collections, each record must include an attributes map with a type',
      );
    const def = ctx.state.defFor(type);
    if (!def) return sfError(400, 'INVALID_TYPE', unsupportedType(type));
    const idKey = Object.keys(raw).find((k) => k.toLowerCase() === 'id');
    const id = idKey === undefined ? null : String(raw[idKey]);
    items.push({ def, id, input: raw });
  }
  const allOrNone = body['allOrNone'] === true;
  const outcome = saveRecords(ctx.state, items, { op, allOrNone, encoding: 'json', userId: ctx.userId });
  if (!outcome.ok) return sfError(400, outcome.errorCode, outcome.message);
  const results = outcome.results.map((r, i) => {
    const out: Record<string, unknown> = {};
    // Updates name their record even when it fails; a failed create has no id to name.
    if (op === 'update') out['id'] = r.id ?? items[i]!.id;
    else if (r.id !== null) out['id'] = r.id;
    out['success'] = r.success;
    out['errors'] = r.errors;
    return out;
  });
  return { status: 200, json: results };
}
