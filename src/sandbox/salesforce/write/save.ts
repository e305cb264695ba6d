import { isSfId } from '../ids.ts';
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
  | { kind: 'save'; id: string | null; apply: () => string };

export function saveRecords(state: SalesforceState, items: SaveItem[], options: SaveOptions): SaveOutcome {
  const planned: Planned[] = [];
  for (const item of items) {
    const plan =
      options.op === 'update' ? planUpdate(state, item, options) : planCreate(state, item, options);
    if ('errorCode' in plan) return { ok: false, errorCode: plan.errorCode, message: plan.message };
    planned.push(plan);
  }
  const failed = planned.some((p) => p.kind === 'error');
  state.stats.faults.recordErrors += planned.filter((p) => p.kind === 'error').length;
  const results = planned.map((p): SaveResult => {
    if (p.kind === 'error') return { id: p.id, success: false, errors: p.errors, created: false };
    if (failed && options.allOrNone)
      return { id: p.id, success: false, errors: [ROLLED_BACK], created: false };
    return { id: p.apply(), success: true, errors: [], created: options.op === 'create' };
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
  const validation = validateWrite(def, item.input, validateContext(state, 'update', options));
  if (!validation.ok) {
    if ('request' in validation) return validation.request;
    return { kind: 'error', id: recordId, errors: validation.errors };
  }
  const fault = state.faults.recordFault(recordId);
  if (fault) return { kind: 'error', id: recordId, errors: [{ ...fault, fields: [] }] };
  return {
    kind: 'save',
    id: recordId,
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
  // A Task locks its parent record, so per-record faults aimed at an account hit Tasks about it too.
  const target = (validation.values['WhatId'] as string | null | undefined) ?? null;
  const fault = target ? state.faults.recordFault(target) : null;
  if (fault) return { kind: 'error', id: null, errors: [{ ...fault, fields: [] }] };
  return {
    kind: 'save',
    id: null,
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
