/**
 * SOQL text, built from data we control (field API names validated by the mapping schema) and
 * quoted literals. https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 */

/** A string literal with SOQL's escapes. */
export const soqlString = (value: string): string =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;

/** A LIKE pattern that matches `prefix` literally, then anything (`\%` and `\_` escape the wildcards). */
export const soqlLikePrefix = (prefix: string): string =>
  `'${prefix
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/[%_]/g, (c) => `\\${c}`)}%'`;

/**
 * A dateTime literal (unquoted, UTC, whole seconds). SystemModstamp has second precision; the
 * cursor floors, and `>=` re-reads that second.
 */
export const soqlDateTime = (epochMs: number): string =>
  new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Salesforce's timestamps (`2026-11-23T10:00:00.000+0000`) as epoch milliseconds. */
export function parseSfDateTime(value: string): number {
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a Salesforce dateTime: ${value.slice(0, 40)}`);
  return ms;
}

/** Field names without duplicates (Salesforce names are case-insensitive), first spelling kept. */
export function uniqueFields(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const k = n.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(n);
  }
  return out;
}

/** `Id IN ('a','b')` for a list of record ids. */
export const soqlIdList = (ids: readonly string[]): string => `(${ids.map(soqlString).join(',')})`;
