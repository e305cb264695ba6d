import { isSfId, toId18 } from './ids.ts';
import type { SfRecord, SfValue } from './records.ts';
import { findField, type SObjectDef } from './schema/fields.ts';
import { formatSfDatetime, toSfDatetime } from './sf-time.ts';

/**
 * Turns records handed to the simulator (by a test or the dataset generator) into stored records:
 * canonical field names, 18-character ids, datetimes in Salesforce's form, every described field
 * present (null when absent). An unknown field is a mistake in the caller's data, so it throws.
 */
export function seedRecord(
  def: SObjectDef,
  input: Record<string, unknown>,
  defaults: { now: number; ownerId: string; newId: () => string },
): SfRecord {
  const out: SfRecord = {};
  for (const f of def.fields) out[f.name] = null;
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const f = findField(def, key);
    if (!f)
      throw new TypeError(
        `Salesforce simulator: ${def.name} has no field '${key}' (add it with extraAccountFields)`,
      );
    out[f.name] = f.type === 'datetime' ? toSfDatetime(raw) : toValue(raw, `${def.name}.${f.name}`);
  }
  const id = typeof out['Id'] === 'string' && out['Id'] !== '' ? out['Id'] : defaults.newId();
  if (!isSfId(id))
    throw new TypeError(`Salesforce simulator: ${def.name} Id '${id}' is not a 15- or 18-character id`);
  out['Id'] = toId18(id);
  const stamp = (out['SystemModstamp'] as string | null) ?? formatSfDatetime(defaults.now);
  out['SystemModstamp'] = stamp;
  if ('CreatedDate' in out && out['CreatedDate'] === null) out['CreatedDate'] = stamp;
  if ('LastModifiedDate' in out && out['LastModifiedDate'] === null) out['LastModifiedDate'] = stamp;
  if ('IsDeleted' in out && out['IsDeleted'] === null) out['IsDeleted'] = false;
  for (const f of ['OwnerId', 'CreatedById', 'LastModifiedById']) {
    if (f in out && out[f] === null && findField(def, f)?.referenceTo.includes('User'))
      out[f] = defaults.ownerId;
  }
  for (const f of def.fields) {
    if (out[f.name] === null && f.defaultValue !== null) out[f.name] = f.defaultValue;
  }
  return out;
}

function toValue(raw: unknown, where: string): SfValue {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  throw new TypeError(`Salesforce simulator: ${where} must be a string, number, boolean or null`);
}
