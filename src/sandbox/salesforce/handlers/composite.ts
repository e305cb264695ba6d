import { classifyEndpoint } from '../http/classify.ts';
import type { ApiContext, ApiRequest } from '../http/context.ts';
import { sfError, type SfResponse } from '../http/respond.ts';
import type { SfRecord } from '../records.ts';
import type { ObjectName } from '../state.ts';
import { isPlainObject } from './sobjects.ts';

/**
 * `POST /composite`: up to 25 subrequests in one API call, of which at most 5 may be sObject
 * Collections or queries. `@{ref.path}` in a url or body reads an earlier subrequest's answer. With
 * allOrNone, a failed subrequest rolls back the ones before it and halts the rest.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm
 */
const MAX_SUBREQUESTS = 25;
const MAX_HEAVY = 5;
const HEAVY = new Set(['collections.update', 'collections.create', 'query', 'queryAll']);
const HALTED = [
  {
    errorCode: 'PROCESSING_HALTED',
    message: 'The transaction was rolled back since another operation in the same transaction failed.',
  },
];

type Dispatch = (ctx: ApiContext, req: ApiRequest) => SfResponse;

export function handleComposite(ctx: ApiContext, body: unknown, dispatch: Dispatch): SfResponse {
  if (!isPlainObject(body) || !Array.isArray(body['compositeRequest'])) {
    return sfError(
      400,
      'JSON_PARSER_ERROR',
      'The request body must be an object with a compositeRequest array',
    );
  }
  const subrequests = body['compositeRequest'] as unknown[];
  if (subrequests.length > MAX_SUBREQUESTS) {
    return sfError(
      400,
      'INVALID_BATCH_REQUEST',
      `Limit Exceeded. A maximum of ${MAX_SUBREQUESTS} subrequests is allowed.`,
    );
  }
  const parsed = [];
  for (const raw of subrequests) {
    if (
      !isPlainObject(raw) ||
      typeof raw['method'] !== 'string' ||
      typeof raw['url'] !== 'string' ||
      typeof raw['referenceId'] !== 'string'
    ) {
      return sfError(400, 'JSON_PARSER_ERROR', 'Each subrequest needs method, url and referenceId');
    }
    parsed.push({
      method: raw['method'].toUpperCase(),
      url: raw['url'],
      referenceId: raw['referenceId'],
      body: raw['body'],
    });
  }
  const heavy = parsed.filter((s) =>
    HEAVY.has(classifyEndpoint(s.method, subPath(s.url, ctx.version).path).name),
  ).length;
  if (heavy > MAX_HEAVY) {
    return sfError(
      400,
      'INVALID_BATCH_REQUEST',
      `A composite request can contain at most ${MAX_HEAVY} sObject Collections or query subrequests.`,
    );
  }
  const allOrNone = body['allOrNone'] === true;
  const snapshot = allOrNone ? snapshotTables(ctx) : null;
  const answers = new Map<string, unknown>();
  const out: Record<string, unknown>[] = [];
  let halted = false;
  for (const s of parsed) {
    if (halted) {
      out.push({ body: HALTED, httpHeaders: {}, httpStatusCode: 400, referenceId: s.referenceId });
      continue;
    }
    const resolved = resolveReferences({ url: s.url, body: s.body }, answers);
    let r: SfResponse;
    if ('error' in resolved) r = sfError(400, 'PROCESSING_HALTED', resolved.error);
    else {
      const { path, query } = subPath(resolved.value.url, ctx.version);
      const name = classifyEndpoint(s.method, path).name;
      ctx.state.count(`composite>${name}`);
      r = dispatch(ctx, { method: s.method, path, query, body: resolved.value.body, headers: {} });
    }
    answers.set(s.referenceId, r.json);
    out.push({
      body: r.json ?? null,
      httpHeaders: r.headers ?? {},
      httpStatusCode: r.status,
      referenceId: s.referenceId,
    });
    if (allOrNone && r.status >= 400) {
      halted = true;
      if (snapshot) restoreTables(ctx, snapshot);
      for (const earlier of out.slice(0, -1)) {
        earlier['body'] = HALTED;
        earlier['httpStatusCode'] = 400;
      }
    }
  }
  return { status: 200, json: { compositeResponse: out } };
}

function subPath(url: string, version: string): { path: string; query: Record<string, string> } {
  const u = new URL(url, 'http://composite.invalid');
  const prefix = /^\/services\/data\/v\d+\.\d/.exec(u.pathname)?.[0] ?? `/services/data/v${version}`;
  const path = u.pathname.startsWith(prefix) ? u.pathname.slice(prefix.length) : u.pathname;
  return { path, query: Object.fromEntries(u.searchParams) };
}

function resolveReferences(
  value: { url: string; body: unknown },
  answers: Map<string, unknown>,
): { value: { url: string; body: unknown } } | { error: string } {
  let missing: string | null = null;
  const replace = (text: string): string =>
    text.replace(/@\{([^}.[\]]+)((?:\.[^}.[\]]+|\[\d+\])*)\}/g, (whole, ref: string, path: string) => {
      let current: unknown = answers.get(ref);
      for (const step of path.match(/[^.[\]]+/g) ?? []) {
        current =
          isPlainObject(current) || Array.isArray(current)
            ? (current as Record<string, unknown>)[step]
            : undefined;
      }
      if (current === undefined || current === null) missing ??= whole;
      return String(current);
    });
  const url = replace(value.url);
  const body =
    value.body === undefined ? undefined : (JSON.parse(replace(JSON.stringify(value.body))) as unknown);
  return missing
    ? { error: `Invalid reference specified. No value for ${String(missing)} found.` }
    : { value: { url, body } };
}

type Snapshot = Record<ObjectName, Map<string, SfRecord>>;

/** allOrNone needs a way back: copies of the tables, restored in place if a subrequest fails. */
function snapshotTables(ctx: ApiContext): Snapshot {
  const copy = (m: Map<string, SfRecord>): Map<string, SfRecord> =>
    new Map([...m].map(([k, v]) => [k, { ...v }]));
  const t = ctx.state.tables;
  return {
    Account: copy(t.Account),
    Task: copy(t.Task),
    User: copy(t.User),
    Health_Snapshot__c: copy(t.Health_Snapshot__c),
  };
}

function restoreTables(ctx: ApiContext, snapshot: Snapshot): void {
  for (const name of Object.keys(snapshot) as ObjectName[]) {
    const table = ctx.state.tables[name];
    const saved = snapshot[name];
    for (const id of [...table.keys()]) if (!saved.has(id)) table.delete(id);
    for (const [id, record] of saved) {
      const live = table.get(id);
      if (live) {
        for (const key of Object.keys(live)) delete live[key];
        Object.assign(live, record);
      } else table.set(id, record);
    }
  }
}
