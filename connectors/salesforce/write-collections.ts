import { SourceError } from '../../src/errors.ts';
import type { FieldScalar, RecordOutcome, RecordUpdate } from '../../src/writeback/types.ts';
import type { SalesforceSession } from './auth.ts';
import { sfCall } from './call.ts';
import { toSourceError } from './errors.ts';
import { SalesforceSaveResults, parseResponse } from './schemas.ts';

/** sObject Collections take at most 200 records a request. */
export const COLLECTION_SIZE = 200;

async function send(
  session: SalesforceSession,
  method: 'PATCH' | 'POST',
  records: Record<string, unknown>[],
): Promise<RecordOutcome[]> {
  const endpoint = `${method} /composite/sobjects`;
  if (records.length > COLLECTION_SIZE)
    throw new RangeError(
      `sObject Collections take at most ${COLLECTION_SIZE} records (got ${records.length})`,
    );
  let raw: unknown;
  try {
    // An update sends the same values again, so it may be resent; a create may not (the caller
    // looks for what a lost answer may have created before it sends those records again).
    raw = await sfCall(session, { endpoint, idempotent: method === 'PATCH' }, () =>
      session.conn.request({
        method,
        url: '/composite/sobjects',
        body: JSON.stringify({ allOrNone: false, records }),
        headers: { 'content-type': 'application/json' },
      }),
    );
  } catch (err) {
    throw toSourceError(err, endpoint);
  }
  const results = parseResponse(SalesforceSaveResults, raw, endpoint);
  if (results.length !== records.length)
    throw new SourceError(
      'SOURCE_RESPONSE_INVALID',
      'salesforce',
      `${endpoint}: ${results.length} results for ${records.length} records`,
      {
        endpoint,
      },
    );
  return results.map((r) => ({
    id: r.id ?? null,
    success: r.success,
    errors: r.errors.map((e) => ({ code: e.statusCode, message: e.message, fields: e.fields ?? [] })),
  }));
}

/**
 * Updates up to 200 records in one request, each succeeding or failing on its own (allOrNone false);
 * results come back in the order of the records.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm
 */
export async function updateCollection(
  session: SalesforceSession,
  object: string,
  records: readonly RecordUpdate[],
): Promise<RecordOutcome[]> {
  const outcomes = await send(
    session,
    'PATCH',
    records.map((r) => ({ attributes: { type: object }, id: r.id, ...r.fields })),
  );
  // A failed update may come back without its id: the order tells which record it was.
  return outcomes.map((o, i) => ({ ...o, id: records[i]!.id }));
}

/**
 * Creates up to 200 records in one request (allOrNone false).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_create.htm
 */
export async function createCollection(
  session: SalesforceSession,
  object: string,
  records: readonly Record<string, FieldScalar>[],
): Promise<RecordOutcome[]> {
  return send(
    session,
    'POST',
    records.map((r) => ({ attributes: { type: object }, ...r })),
  );
}
