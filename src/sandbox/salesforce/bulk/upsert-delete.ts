import { isSfId } from '../ids.ts';
import type { SObjectDef } from '../schema/fields.ts';
import type { ObjectName, SalesforceState } from '../state.ts';
import { formatBulkError } from './job.ts';

/** One row's result in a job's successful or failed results. */
export type RowResult =
  { success: true; id: string; created: boolean } | { success: false; id: string; error: string };

/** What an upsert does with a row: update the record with this id, create one (`id` null), or refuse. */
export type UpsertMatch = { id: string | null } | { error: string };

/**
 * Matches each row of an upsert job on its external id, as the org does: a key held by a live record
 * updates it, a new key creates one; a blank key, or a key given twice in the job, fails the row.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/walkthrough_upsert.htm
 */
export function planUpsert(
  state: SalesforceState,
  def: SObjectDef,
  rows: string[][],
  keyColumn: number,
  keyName: string,
): UpsertMatch[] {
  const existing = new Map<string, string>();
  for (const record of state.tables[def.name as ObjectName].values()) {
    const key = record[keyName];
    if (record['IsDeleted'] !== true && typeof key === 'string')
      existing.set(key.toLowerCase(), String(record['Id']));
  }
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = (row[keyColumn] ?? '').toLowerCase();
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return rows.map((row): UpsertMatch => {
    const key = row[keyColumn] ?? '';
    if (key === '')
      return {
        error: formatBulkError({
          statusCode: 'MISSING_ARGUMENT',
          message: `${keyName} not specified`,
          fields: [],
        }),
      };
    if ((seen.get(key.toLowerCase()) ?? 0) > 1)
      return {
        error: formatBulkError({
          statusCode: 'DUPLICATE_VALUE',
          message: `Duplicate external id specified: ${key}`,
          fields: [keyName],
        }),
      };
    return { id: existing.get(key.toLowerCase()) ?? null };
  });
}

/**
 * Deletes one record of a delete job into the Recycle Bin (its master-detail children with it).
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_prepare_csv.htm
 */
export function deleteRow(state: SalesforceState, def: SObjectDef, id: string, userId: string): RowResult {
  const refuse = (statusCode: string, message: string): RowResult => {
    state.stats.faults.recordErrors += 1;
    return {
      success: false,
      id: isSfId(id) ? id : '',
      error: formatBulkError({ statusCode, message, fields: [] }),
    };
  };
  if (!isSfId(id)) return refuse('MALFORMED_ID', `${def.label} ID: id value of incorrect type: ${id}`);
  const found = state.findRecord(id);
  if (!found || found.object !== def.name)
    return refuse('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  const recordId = String(found.record['Id']);
  if (found.record['IsDeleted'] === true) return refuse('ENTITY_IS_DELETED', 'entity is deleted');
  const fault = state.faults.recordFault(recordId);
  if (fault) {
    state.stats.faults.recordErrors += 1;
    return { success: false, id: recordId, error: formatBulkError({ ...fault, fields: [] }) };
  }
  state.softDelete(found.object, found.record, userId);
  return { success: true, id: recordId, created: false };
}
