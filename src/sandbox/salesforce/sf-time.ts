/**
 * Salesforce writes datetimes as `2025-01-01T10:00:00.000+0000`: milliseconds and an offset without
 * a colon, which RFC 3339 parsers reject. Inputs (SOQL literals, JSON and CSV values) may use `Z`,
 * `+00:00` or `+0000`.
 */
export function formatSfDatetime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of a datetime in any of the accepted forms; a missing zone means UTC (as the REST API reads it). */
export function parseDatetime(text: string): number | undefined {
  const m = DATETIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const millis = frac ? frac.slice(1, 4).padEnd(3, '0') : '000';
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${millis}${offset}`);
  if (Number.isNaN(ms) || !validDate(Number(y), Number(mo), Number(d))) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return ms;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDateText(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Normalizes a datetime given by a test or the dataset generator (ISO or Salesforce form, or epoch ms). */
export function toSfDatetime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return formatSfDatetime(value);
  if (value instanceof Date) return formatSfDatetime(value.getTime());
  if (typeof value === 'string') {
    const ms = parseDatetime(value);
    if (ms !== undefined) return formatSfDatetime(ms);
  }
  throw new TypeError(`not a datetime: ${JSON.stringify(value)}`);
}
