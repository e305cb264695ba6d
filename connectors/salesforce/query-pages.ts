import { nextUrlStrategy, paginate } from '../../src/http/index.ts';
import type { SalesforceSession } from './auth.ts';
import { sfCall } from './call.ts';
import { toSourceError } from './errors.ts';
import { SalesforceQueryPage, parseResponse } from './schemas.ts';

/**
 * The pages of one SOQL query, following `nextRecordsUrl` until `done` (src/http's pagination). We
 * page ourselves rather than use jsforce's `autoFetch`, which stops at `maxFetch` (10,000 by default)
 * and hides page boundaries, and each page must be committed with its cursor. Each page request is
 * retried under the shared policy (a GET: any transient failure).
 */
export async function* queryPages(
  session: SalesforceSession,
  soql: string,
  options: { all?: boolean; signal?: AbortSignal } = {},
): AsyncGenerator<SalesforceQueryPage> {
  const resource = options.all ? 'queryAll' : 'query';
  const endpoint = `GET /${resource}`;
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall.htm
  const fetchPage = async (next: string | undefined): Promise<SalesforceQueryPage> => {
    let raw: unknown;
    try {
      raw = await sfCall(session, { endpoint, idempotent: true }, () =>
        session.conn.request({
          method: 'GET',
          url: next ?? `/${resource}?q=${encodeURIComponent(soql)}`,
          // The largest page Salesforce serves; it may still send fewer.
          headers: { 'Sforce-Query-Options': 'batchSize=2000' },
        }),
      );
    } catch (err) {
      throw toSourceError(err, endpoint);
    }
    return parseResponse(SalesforceQueryPage, raw, endpoint);
  };
  for await (const { page } of paginate({
    start: undefined,
    fetchPage,
    next: nextUrlStrategy<SalesforceQueryPage>(
      (p) => p.nextRecordsUrl,
      (p) => p.done,
    ),
    endpoint,
    ...(options.signal ? { signal: options.signal } : {}),
  }))
    yield page;
}
