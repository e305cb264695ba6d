import type { SalesforceSession } from './auth.ts';
import { sfCall } from './call.ts';
import { toSourceError } from './errors.ts';
import { SalesforceQueryPage, parseResponse } from './schemas.ts';

/**
 * The pages of one SOQL query, following `nextRecordsUrl` until `done`. We page ourselves rather
 * than use jsforce's `autoFetch`, which stops at `maxFetch` (10,000 by default) and hides page
 * boundaries, and each page must be committed with its cursor. Each page request is retried under
 * the shared policy (a GET: any transient failure).
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
  let url: string | undefined = `/${resource}?q=${encodeURIComponent(soql)}`;
  while (url !== undefined) {
    const pageUrl: string = url;
    let raw: unknown;
    try {
      raw = await sfCall(session, { endpoint, idempotent: true }, () =>
        session.conn.request({
          method: 'GET',
          url: pageUrl,
          // The largest page Salesforce serves; it may still send fewer.
          headers: { 'Sforce-Query-Options': 'batchSize=2000' },
        }),
      );
    } catch (err) {
      throw toSourceError(err, endpoint);
    }
    const page = parseResponse(SalesforceQueryPage, raw, endpoint);
    yield page;
    if (page.done || options.signal?.aborted) return;
    if (!page.nextRecordsUrl) return;
    url = page.nextRecordsUrl;
  }
}
