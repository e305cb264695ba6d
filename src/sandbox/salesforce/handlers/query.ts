import type { ApiContext } from '../http/context.ts';
import { sfError, type SfResponse } from '../http/respond.ts';
import type { SfRecord } from '../records.ts';
import type { SObjectDef, FieldDef } from '../schema/fields.ts';
import { compileQuery } from '../soql/compile.ts';
import { SoqlError } from '../soql/errors.ts';
import { runQuery } from '../soql/evaluate.ts';
import { parseSoql } from '../soql/parser.ts';
import { OBJECT_NAMES, type SalesforceState } from '../state.ts';

const MAX_BATCH = 2000;

/** The objects SOQL reaches: the records the org holds and its setup objects (permissions). */
const queryableDefs = (state: SalesforceState): SObjectDef[] => [
  ...OBJECT_NAMES.map((n) => state.defs[n]),
  ...state.setupObjects.map((s) => s.def),
];

function rowsOf(state: SalesforceState, name: string): SfRecord[] {
  const held = OBJECT_NAMES.find((n) => n === name);
  return held
    ? [...state.tables[held].values()]
    : (state.setupObjects.find((s) => s.def.name === name)?.rows ?? []);
}
const MIN_BATCH = 200;

/**
 * `GET /query?q=` and `/queryAll?q=`: pages of up to 2,000 records (fewer with
 * `Sforce-Query-Options: batchSize=`), the rest behind `nextRecordsUrl`. queryAll also returns
 * deleted records (IsDeleted = true).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
 */
export function handleQuery(
  ctx: ApiContext,
  soql: string | undefined,
  includeDeleted: boolean,
  headers: Record<string, string | undefined>,
): SfResponse {
  const { state } = ctx;
  let compiled;
  try {
    compiled = compileQuery(parseSoql(soql ?? ''), queryableDefs(state));
  } catch (err) {
    if (err instanceof SoqlError) return sfError(400, err.errorCode, err.message);
    throw err;
  }
  const table = rowsOf(state, compiled.def.name);
  const rows = includeDeleted ? table : table.filter((r) => r['IsDeleted'] !== true);
  const matched = runQuery(compiled, rows);
  if (compiled.query.count)
    return { status: 200, json: { totalSize: matched.length, done: true, records: [] } };
  const records = matched.map((r) => project(compiled.def, compiled.select, r, ctx.version));
  pruneLocators(ctx);
  return page(ctx, records, batchSize(headers['sforce-query-options']), 0, null);
}

/**
 * `GET /query?explain=`: how the org would run a query, without running it (no locator, no records):
 * 200 `{plans: […]}`, or the same 400 a `q=` of that query gets. The simulator has no indexes, so its
 * one plan is a table scan whose cardinality is what the query would return.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query_performance_feedback.htm
 */
export function handleExplain(ctx: ApiContext, soql: string): SfResponse {
  const { state } = ctx;
  let compiled;
  try {
    compiled = compileQuery(parseSoql(soql), queryableDefs(state));
  } catch (err) {
    if (err instanceof SoqlError) return sfError(400, err.errorCode, err.message);
    throw err;
  }
  const live = rowsOf(state, compiled.def.name).filter((r) => r['IsDeleted'] !== true);
  const cardinality = runQuery(compiled, live).length;
  const plan = {
    cardinality,
    fields: [],
    leadingOperationType: 'TableScan',
    notes: [],
    // Salesforce's cost of a scan grows with the table; above 1 the query is not selective.
    relativeCost: Math.round((live.length / 100_000) * 1000) / 1000,
    sobjectCardinality: live.length,
    sobjectType: compiled.def.name,
  };
  return { status: 200, json: { plans: [plan] } };
}

/** `GET /query/<locator>-<position>`: the next page of an earlier query. */
export function handleQueryMore(ctx: ApiContext, locator: string): SfResponse {
  pruneLocators(ctx);
  const dash = locator.lastIndexOf('-');
  const id = dash > 0 ? locator.slice(0, dash) : locator;
  const position = dash > 0 ? Number(locator.slice(dash + 1)) : Number.NaN;
  const cursor = ctx.state.locators.get(id);
  if (!cursor || !Number.isInteger(position) || position < 0 || position > cursor.records.length) {
    return sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  }
  cursor.lastUsed = ctx.state.now();
  return page(ctx, cursor.records, cursor.batchSize, position, id);
}

function page(
  ctx: ApiContext,
  records: Record<string, unknown>[],
  size: number,
  start: number,
  locatorId: string | null,
): SfResponse {
  const end = Math.min(start + size, records.length);
  const body: Record<string, unknown> = { totalSize: records.length, done: end >= records.length };
  if (end < records.length) {
    const id = locatorId ?? ctx.state.ids.next('01g');
    if (!locatorId) ctx.state.locators.set(id, { records, batchSize: size, lastUsed: ctx.state.now() });
    body['nextRecordsUrl'] = `/services/data/v${ctx.version}/query/${id}-${end}`;
  } else if (locatorId) {
    ctx.state.locators.delete(locatorId);
  }
  body['records'] = records.slice(start, end);
  return { status: 200, json: body };
}

/** Salesforce honours batchSize between 200 and 2,000 (and treats it as a hint). */
function batchSize(header: string | undefined): number {
  const m = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
  if (!m) return MAX_BATCH;
  return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}

/** Query locators expire after 15 minutes without use. */
function pruneLocators(ctx: ApiContext): void {
  const cutoff = ctx.state.now() - ctx.locatorTtlMs;
  for (const [id, cursor] of ctx.state.locators) if (cursor.lastUsed < cutoff) ctx.state.locators.delete(id);
}

export function project(
  def: SObjectDef,
  fields: FieldDef[],
  record: SfRecord,
  version: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: {
      type: def.name,
      url: `/services/data/v${version}/sobjects/${def.name}/${String(record['Id'])}`,
    },
  };
  for (const f of fields) out[f.name] = record[f.name] ?? null;
  return out;
}
