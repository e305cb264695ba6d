import { isSfId, sameId } from '../ids.ts';
import type { SfRecord } from '../records.ts';
import { findField, type SObjectDef } from '../schema/fields.ts';
import type { ObjectName, SalesforceState } from '../state.ts';
import { formatSfDatetime } from '../sf-time.ts';
import { validateWrite, type FieldError } from './validate.ts';

/**
 * Saves records the way a DML call does: each record is checked, per-record faults are applied, and
 * with allOrNone one failure rolls every record back (the others then report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK). Used by sObject Collections, single-record calls and Bulk 2.0.
 */
export interface SaveItem {
  def: SObjectDef;
  /** The record to update (update only). */
  id: string | null;
  input: Record<string, unknown>;
  /** This record's operation when it differs from the call's (a Bulk upsert mixes both). */
  op?: 'create' | 'update';
}

export interface SaveResult {
  id: string | null;
  success: boolean;
  errors: FieldError[];
  created: boolean;
}

export interface SaveOptions {
  op: 'create' | 'update';
  allOrNone: boolean;
  encoding: 'json' | 'csv';
  userId: string;
}

export type SaveOutcome =
  { ok: true; results: SaveResult[] } | { ok: false; errorCode: string; message: string };

const ROLLED_BACK: FieldError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

type Planned =
  | { kind: 'error'; id: string | null; errors: FieldError[] }
  | { kind: 'save'; id: string | null; created: boolean; apply: () => string };

export function saveRecords(state: SalesforceState, items: SaveItem[], options: SaveOptions): SaveOutcome {
  const planned: Planned[] = [];
  for (const item of items) {
    const plan =
      (item.op ?? options.op) === 'update'
        ? planUpdate(state, item, options)
        : planCreate(state, item, options);
    if ('errorCode' in plan) return { ok: false, errorCode: plan.errorCode, message: plan.message };
    planned.push(plan);
  }
  const failed = planned.some((p) => p.kind === 'error');
  state.stats.faults.recordErrors += planned.filter((p) => p.kind === 'error').length;
  const results = planned.map((p): SaveResult => {
    if (p.kind === 'error') return { id: p.id, success: false, errors: p.errors, created: false };
    if (failed && options.allOrNone)
      return { id: p.id, success: false, errors: [ROLLED_BACK], created: false };
    return { id: p.apply(), success: true, errors: [], created: p.created };
  });
  return { ok: true, results };
}

type PlanOrRequestError = Planned | { errorCode: string; message: string };

function planUpdate(state: SalesforceState, item: SaveItem, options: SaveOptions): PlanOrRequestError {
  const { def, id } = item;
  const error = (statusCode: string, message: string, fields: string[] = []): Planned => ({
    kind: 'error',
    id,
    errors: [{ statusCode, message, fields }],
  });
  if (!id) return error('MISSING_ARGUMENT', 'Id not specified in an update call');
  if (!isSfId(id)) return error('MALFORMED_ID', `${def.label} ID: id value of incorrect type: ${id}`, ['Id']);
  const found = state.findRecord(id);
  if (!found || found.object !== def.name)
    return error('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  if (found.record['IsDeleted'] === true) return error('ENTITY_IS_DELETED', 'entity is deleted');
  const recordId = found.record['Id'] as string;
  const input = item.op ? sameValuesDropped(def, item.input, found.record) : item.input;
  const validation = validateWrite(def, input, validateContext(state, 'update', options));
  if (!validation.ok) {
    if ('request' in validation) return validation.request;
    return { kind: 'error', id: recordId, errors: validation.errors };
  }
  const duplicate = uniqueConflict(state, def, validation.values, recordId);
  if (duplicate) return { kind: 'error', id: recordId, errors: [duplicate] };
  const fault = state.faults.recordFault(recordId);
  if (fault) return { kind: 'error', id: recordId, errors: [{ ...fault, fields: [] }] };
  return {
    kind: 'save',
    id: recordId,
    created: false,
    apply: () => {
      Object.assign(found.record, validation.values);
      afterSave(found.object, found.record);
      state.touch(found.record, options.userId);
      state.stats.recordsUpdated += 1;
      return recordId;
    },
  };
}

function planCreate(state: SalesforceState, item: SaveItem, options: SaveOptions): PlanOrRequestError {
  const { def } = item;
  if (item.id !== null) {
    return {
      kind: 'error',
      id: null,
      errors: [{ statusCode: 'INVALID_FIELD', message: 'cannot specify Id in an insert call', fields: [] }],
    };
  }
  const validation = validateWrite(def, item.input, validateContext(state, 'create', options));
  if (!validation.ok) {
    if ('request' in validation) return validation.request;
    return { kind: 'error', id: null, errors: validation.errors };
  }
  const missing = def.fields.filter(
    (f) =>
      f.createable && !f.nillable && !f.defaultedOnCreate && (validation.values[f.name] ?? null) === null,
  );
  if (missing.length > 0) {
    const names = missing.map((f) => f.name);
    return {
      kind: 'error',
      id: null,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: `Required fields are missing: [${names.join(', ')}]`,
          fields: names,
        },
      ],
    };
  }
  const duplicate = uniqueConflict(state, def, validation.values, null);
  if (duplicate) return { kind: 'error', id: null, errors: [duplicate] };
  // A Task locks its parent record, so per-record faults aimed at an account hit Tasks about it too
  // (and a snapshot its Account: a detail locks its master).
  const target =
    ((validation.values['WhatId'] ?? validation.values['Account__c']) as string | null | undefined) ?? null;
  const fault = target ? state.faults.recordFault(target) : null;
  if (fault) return { kind: 'error', id: null, errors: [{ ...fault, fields: [] }] };
  return {
    kind: 'save',
    id: null,
    created: true,
    apply: () => {
      const record = newRecord(state, def, validation.values, options.userId);
      afterSave(def.name as ObjectName, record);
      state.insert(def.name as ObjectName, record);
      state.stats.recordsCreated += 1;
      if (def.name === 'Task') state.stats.tasksCreated += 1;
      return record['Id'] as string;
    },
  };
}

function newRecord(state: SalesforceState, def: SObjectDef, values: SfRecord, userId: string): SfRecord {
  const stamp = formatSfDatetime(state.now());
  const record: SfRecord = {};
  for (const f of def.fields) record[f.name] = f.defaultValue ?? null;
  Object.assign(record, values);
  for (const f of def.fields) if (f.autoNumber) record[f.name] = state.nextAutoNumber(def.name);
  record['Id'] = state.ids.next(def.keyPrefix);
  for (const name of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'])
    if (findField(def, name)) record[name] = stamp;
  for (const name of ['CreatedById', 'LastModifiedById']) if (findField(def, name)) record[name] = userId;
  if (findField(def, 'IsDeleted')) record['IsDeleted'] = false;
  if (findField(def, 'OwnerId') && record['OwnerId'] === null) record['OwnerId'] = userId;
  return record;
}

/** Fields the org derives on save. */
function afterSave(object: ObjectName, record: SfRecord): void {
  if (object === 'Task') record['IsClosed'] = record['Status'] === 'Completed';
}

function validateContext(state: SalesforceState, mode: 'create' | 'update', options: SaveOptions) {
  return {
    mode,
    encoding: options.encoding,
    lookup: (id: string) => state.findRecord(id),
    keyPrefixes: state.keyPrefixes(),
  };
}

/**
 * The update half of an upsert: a field that may be set on create only (a master-detail parent) is
 * accepted when it repeats the stored value, as the org does when the same row is loaded again.
 */
function sameValuesDropped(
  def: SObjectDef,
  input: Record<string, unknown>,
  stored: SfRecord,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const f = findField(def, key);
    const current = f ? stored[f.name] : undefined;
    const same =
      f !== undefined &&
      !f.updateable &&
      f.createable &&
      typeof value === 'string' &&
      typeof current === 'string' &&
      (f.type === 'reference' ? sameId(value, current) : value === current);
    if (!same) out[key] = value;
  }
  return out;
}

/** A unique field whose value another live record of the object already holds (case-insensitive). */
function uniqueConflict(
  state: SalesforceState,
  def: SObjectDef,
  values: SfRecord,
  selfId: string | null,
): FieldError | undefined {
  for (const f of def.fields) {
    if (!f.unique) continue;
    const value = values[f.name];
    if (typeof value !== 'string' || value === '') continue;
    const table = state.tables[def.name as ObjectName];
    for (const record of table.values()) {
      if (record['IsDeleted'] === true || record['Id'] === selfId) continue;
      const other = record[f.name];
      if (typeof other === 'string' && other.toLowerCase() === value.toLowerCase())
        return {
          statusCode: 'DUPLICATE_VALUE',
          message: `duplicate value found: ${f.name} duplicates value on record with id: ${String(record['Id'])}`,
          fields: [f.name],
        };
    }
  }
  return undefined;
}
