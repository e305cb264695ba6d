import { isSfId } from '../ids.ts';
import type { SfRecord, SfValue } from '../records.ts';
import {
  findField,
  isIdType,
  isNumberType,
  isTextType,
  type FieldDef,
  type SObjectDef,
} from '../schema/fields.ts';
import { isDateText, parseDatetime, formatSfDatetime } from '../sf-time.ts';

/**
 * Checks one record's field values against the object's describe, as the org does on save, and
 * converts them to stored form (numbers rounded to the field's scale, datetimes in Salesforce's form).
 * JSON values of the wrong type refuse the whole request (the org's JSON parser fails before any
 * record is saved); every other problem refuses only this record.
 */
export interface FieldError {
  statusCode: string;
  message: string;
  fields: string[];
}

export type Validation =
  | { ok: true; values: SfRecord }
  | { ok: false; request: { errorCode: string; message: string } }
  | { ok: false; errors: FieldError[] };

export interface ValidateContext {
  mode: 'create' | 'update';
  /** `csv` (Bulk API): every value is text, an empty cell leaves the field alone and `#N/A` clears it. */
  encoding: 'json' | 'csv';
  /** Finds a record of any object the simulator holds, for reference fields. */
  lookup: (id: string) => { object: string; record: SfRecord } | undefined;
  keyPrefixes: Record<string, string>;
}

const IGNORED = new Set(['attributes', 'id']);

type Converted = { value: SfValue } | { requestError: string } | { recordError: FieldError };

export function validateWrite(
  def: SObjectDef,
  input: Record<string, unknown>,
  ctx: ValidateContext,
): Validation {
  const values: SfRecord = {};
  const errors: FieldError[] = [];
  const readOnly: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (IGNORED.has(key.toLowerCase())) continue;
    const f = findField(def, key);
    if (!f) {
      errors.push({
        statusCode: 'INVALID_FIELD',
        message: `No such column '${key}' on sobject of type ${def.name}`,
        fields: [],
      });
      continue;
    }
    if (ctx.encoding === 'csv' && raw === '') continue;
    if (!(ctx.mode === 'create' ? f.createable : f.updateable)) {
      readOnly.push(f.name);
      continue;
    }
    const converted = ctx.encoding === 'csv' && raw === '#N/A' ? { value: null } : convert(f, raw, ctx);
    if ('requestError' in converted)
      return { ok: false, request: { errorCode: 'JSON_PARSER_ERROR', message: converted.requestError } };
    if ('recordError' in converted) errors.push(converted.recordError);
    else values[f.name] = converted.value;
  }
  if (readOnly.length > 0) {
    errors.push({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields: readOnly,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

function jsonToken(raw: unknown): string {
  if (typeof raw === 'string') return 'VALUE_STRING';
  if (typeof raw === 'boolean') return raw ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (typeof raw === 'number') return Number.isInteger(raw) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  return Array.isArray(raw) ? 'START_ARRAY' : 'START_OBJECT';
}

function convert(f: FieldDef, raw: unknown, ctx: ValidateContext): Converted {
  const shown =
    typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean'
      ? String(raw)
      : JSON.stringify(raw);
  const refuse = (javaType: string): Converted =>
    ctx.encoding === 'json'
      ? {
          requestError: `Cannot deserialize instance of ${javaType} from ${jsonToken(raw)} value ${shown} or request may be missing a required field`,
        }
      : {
          recordError: {
            statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
            message: `${f.label}: value not of required type: ${shown}`,
            fields: [f.name],
          },
        };
  if (raw === null) {
    return f.nillable
      ? { value: null }
      : {
          recordError: {
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: `Required fields are missing: [${f.name}]`,
            fields: [f.name],
          },
        };
  }
  if (typeof raw === 'object')
    return refuse(isNumberType(f.type) ? 'double' : f.type === 'boolean' ? 'boolean' : 'string');
  if (isIdType(f.type)) return checkReference(f, shown, ctx);
  if (isTextType(f.type)) return checkText(f, shown);
  switch (f.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const lower = shown.toLowerCase();
      return lower === 'true' || lower === 'false' ? { value: lower === 'true' } : refuse('boolean');
    }
    case 'date':
      return typeof raw === 'string' && isDateText(raw) ? { value: raw } : refuse('date');
    case 'datetime': {
      const ms =
        typeof raw === 'string'
          ? (parseDatetime(raw) ?? (isDateText(raw) ? Date.parse(`${raw}T00:00:00Z`) : undefined))
          : undefined;
      return ms === undefined ? refuse('datetime') : { value: formatSfDatetime(ms) };
    }
    default: {
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && raw.trim() !== ''
            ? Number(raw)
            : Number.NaN;
      if (!Number.isFinite(n)) return refuse(f.type === 'int' ? 'int' : 'double');
      return checkNumber(f, n);
    }
  }
}

function checkText(f: FieldDef, value: string): Converted {
  if (f.picklist?.restricted && !f.picklist.values.includes(value)) {
    return {
      recordError: {
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: `${f.label}: bad value for restricted picklist field: ${value}`,
        fields: [f.name],
      },
    };
  }
  if (f.length > 0 && value.length > f.length) {
    return {
      recordError: {
        statusCode: 'STRING_TOO_LONG',
        message: `${f.label}: data value too large: ${value.slice(0, 80)} (max length=${f.length})`,
        fields: [f.name],
      },
    };
  }
  return { value };
}

/** Rounds half away from zero to the field's scale, then checks the digits left of the point. */
function checkNumber(f: FieldDef, n: number): Converted {
  const scale = f.type === 'int' ? 0 : f.scale;
  const factor = 10 ** scale;
  const rounded = (Math.sign(n) * Math.round(Math.abs(n) * factor)) / factor;
  const integerDigits = f.type === 'int' ? f.digits : f.precision - f.scale;
  if (Math.abs(rounded) >= 10 ** integerDigits) {
    return {
      recordError: {
        statusCode: 'NUMBER_OUTSIDE_VALID_RANGE',
        message: `${f.label}: value outside of valid range on numeric field: ${n}`,
        fields: [f.name],
      },
    };
  }
  return { value: rounded };
}

function checkReference(f: FieldDef, id: string, ctx: ValidateContext): Converted {
  if (!isSfId(id)) {
    return {
      recordError: {
        statusCode: 'MALFORMED_ID',
        message: `${f.label}: id value of incorrect type: ${id}`,
        fields: [f.name],
      },
    };
  }
  const allowedPrefixes = f.referenceTo.map((o) => ctx.keyPrefixes[o]).filter((p) => p !== undefined);
  const prefixes = f.referenceTo.map((o) => ctx.keyPrefixes[o] ?? KNOWN_PREFIXES[o]);
  if (!prefixes.includes(id.slice(0, 3))) {
    return {
      recordError: {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: `${f.label}: id value of incorrect type: ${id}`,
        fields: [f.name],
      },
    };
  }
  const found = allowedPrefixes.includes(id.slice(0, 3)) ? ctx.lookup(id) : undefined;
  if (!found || found.record['IsDeleted'] === true) {
    return {
      recordError: {
        statusCode: 'INVALID_CROSS_REFERENCE_KEY',
        message: 'invalid cross reference id',
        fields: [f.name],
      },
    };
  }
  if (found.object === 'User' && f.name === 'OwnerId' && found.record['IsActive'] !== true) {
    return {
      recordError: {
        statusCode: 'INACTIVE_OWNER_OR_USER',
        message: `operation performed with inactive user [${id}] as owner of ${ownerLabel(f)}`,
        fields: [],
      },
    };
  }
  return { value: found.record['Id'] as string };
}

/** Key prefixes of objects the simulator does not hold, so ids of the right kind still pass the type check. */
const KNOWN_PREFIXES: Record<string, string> = {
  Contact: '003',
  Lead: '00Q',
  Opportunity: '006',
  Case: '500',
  Group: '00G',
};

const ownerLabel = (f: FieldDef): string => (f.label === 'Assigned To ID' ? 'task' : 'record');
