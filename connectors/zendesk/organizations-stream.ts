import { z } from 'zod';
import type { FactBatch } from '../../src/facts/schemas.ts';
import { paginate } from '../../src/http/paginate.ts';
import type { HttpClient } from '../../src/http/types.ts';
import { defineStream, type StreamDef } from '../../src/facts/stream.ts';
import { mapOrganization } from './map-organization.ts';
import { safeStartTime } from './start-time.ts';
import { ZendeskOrganizationsPage } from './schemas.ts';

/**
 * `zendesk.organizations`: the time-based incremental organization export. Each page's end_time is the
 * next start_time; records at that second can come again on the next page or run (upserts make that
 * harmless). Every organization is read, whatever its age: matching needs all of them.
 */
export const ZendeskOrganizationsCursor = z.object({ startTime: z.number().int().nonnegative() }).strict();
export type ZendeskOrganizationsCursor = z.infer<typeof ZendeskOrganizationsCursor>;

const EXPORT_PATH = '/api/v2/incremental/organizations.json';
const ENDPOINT = `GET ${EXPORT_PATH}`;

export function zendeskOrganizationsStream(opts: {
  http: HttpClient;
  fingerprint: string;
}): StreamDef<ZendeskOrganizationsCursor> {
  return defineStream({
    name: 'zendesk.organizations',
    source: 'zendesk',
    cursor: ZendeskOrganizationsCursor,
    fingerprint: opts.fingerprint,
    async *read(ctx) {
      const start = ctx.cursor?.startTime ?? 0;
      const pages = paginate<ZendeskOrganizationsPage, number>({
        start,
        fetchPage: (startTime) => fetchPage(opts.http, startTime ?? start, ctx.now()),
        next: (page, startTime) => {
          const next = page.end_time ?? startTime;
          return page.end_of_stream || next === undefined ? { more: false, next } : { more: true, next };
        },
        signal: ctx.signal,
        endpoint: ENDPOINT,
      });
      for await (const p of pages)
        yield { batch: organizationsBatch(p.page), cursor: { startTime: p.next ?? start } };
    },
  });
}

function fetchPage(http: HttpClient, startTime: number, now: number): Promise<ZendeskOrganizationsPage> {
  // https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-organization-export
  return http
    .request(
      {
        method: 'GET',
        path: EXPORT_PATH,
        endpoint: ENDPOINT,
        bucket: 'incremental',
        query: { start_time: safeStartTime(startTime, now) },
      },
      ZendeskOrganizationsPage,
    )
    .then((r) => r.data);
}

export function organizationsBatch(page: ZendeskOrganizationsPage): FactBatch {
  const batch: FactBatch = { upserts: [], deletes: [] };
  const latest = new Map(page.organizations.map((o) => [o.id, o]));
  for (const o of latest.values()) {
    const change = mapOrganization(o);
    if ('upsert' in change) batch.upserts.push(change.upsert);
    else batch.deletes.push(change.delete);
  }
  return batch;
}
