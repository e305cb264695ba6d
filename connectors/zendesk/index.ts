import type { Mappings } from '../../src/config/mappings/index.ts';
import { digestOf } from '../../src/config/mappings/digest.ts';
import { hashKeyId } from '../../src/facts/keys.ts';
import type { SourceDefinition } from '../../src/facts/source-definition.ts';
import type { StreamDef } from '../../src/facts/stream.ts';
import { createZendeskClient, type ZendeskClientDeps } from './client.ts';
import { zendeskEnv, type ZendeskEnv } from './env.ts';
import { ZENDESK_LIMITS } from './limits.ts';
import { zendeskOrganizationsStream } from './organizations-stream.ts';
import { zendeskTicketsStream } from './tickets-stream.ts';

export { createZendeskClient } from './client.ts';
export type { ZendeskAuth, ZendeskEnv } from './env.ts';
export { mapOrganization } from './map-organization.ts';
export { mapTicket } from './map-ticket.ts';
export * from './schemas.ts';
export { compileTicketRules } from './ticket-rules.ts';

/** Bump when a mapper changes what it produces, so stored cursors restart and facts are rebuilt. */
const ORGANIZATION_MAPPER_VERSION = 1;
/** 2: ticket facts keep tags, category field values and group (for the category and escalation rules). */
const TICKET_MAPPER_VERSION = 2;

export interface ZendeskStreamDeps extends ZendeskClientDeps {
  hashKey: string;
}

/**
 * The Zendesk streams for the pipeline: organizations first (matching needs them), then tickets.
 * A ticket cursor's fingerprint covers what is decided at ingest from data the store does not keep
 * (the text, the amount field, which field holds the category), so editing a risk keyword, the
 * amount or category field id (or the hash key) re-reads tickets from start_date. SLA targets and
 * the category and escalation maps are not in it: a ticket fact keeps its reply and resolution
 * minutes, tags, category field values, priority and group, and the metrics apply the targets and
 * maps in force to them, so editing those re-reads nothing (a ticket's `slaBreached` flag stays as
 * the targets and maps were when it was last read).
 */
export function zendeskStreams(
  env: ZendeskEnv,
  mappings: Mappings,
  deps: ZendeskStreamDeps,
): StreamDef<unknown>[] {
  const http = createZendeskClient(env, deps);
  const z = mappings.zendesk;
  const fingerprints = zendeskFingerprints(env, mappings, hashKeyId(deps.hashKey));
  const streams: StreamDef<unknown>[] = [];
  if (z.organizations.enabled)
    streams.push(zendeskOrganizationsStream({ http, fingerprint: fingerprints['zendesk.organizations']! }));
  streams.push(
    zendeskTicketsStream({
      http,
      mapping: z,
      hashKey: deps.hashKey,
      fingerprint: fingerprints['zendesk.tickets']!,
    }),
  );
  return streams;
}

function zendeskFingerprints(env: ZendeskEnv, mappings: Mappings, keyId: string): Record<string, string> {
  const t = mappings.zendesk.tickets;
  return {
    ...(mappings.zendesk.organizations.enabled
      ? { 'zendesk.organizations': digestOf({ v: ORGANIZATION_MAPPER_VERSION, instance: env.baseUrl }) }
      : {}),
    'zendesk.tickets': digestOf({
      v: TICKET_MAPPER_VERSION,
      start_date: t.start_date,
      category_field_id: t.category.field_id,
      risk_keywords: t.risk_keywords,
      amount_field_id: t.amount_field_id,
      hashKey: keyId,
      instance: env.baseUrl,
    }),
  };
}

/** Zendesk: organizations (when enabled) and tickets. */
export const zendeskSource: SourceDefinition<'zendesk', ZendeskEnv> = {
  name: 'zendesk',
  role: 'activity',
  env: zendeskEnv,
  limits: ZENDESK_LIMITS,
  streamNames: (mappings) => [
    ...(mappings.zendesk.organizations.enabled ? ['zendesk.organizations'] : []),
    'zendesk.tickets',
  ],
  fingerprints: zendeskFingerprints,
  // Both are incremental exports on the export bucket: full pages of `page_size` records
  // (organizations: 1,000), then the page that says the end is reached.
  readCost: (stream, { stored, mappings }) =>
    stream === 'zendesk.organizations'
      ? {
          records: stored.organization,
          requests: Math.floor(stored.organization / 1_000) + 1,
          bucket: 'incremental',
        }
      : {
          records: stored.ticket,
          requests: Math.floor(stored.ticket / mappings.zendesk.tickets.page_size) + 1,
          bucket: 'incremental',
        },
  streams: (env, { mappings, counters, log, scrubber, rateLimits, hashKey }) =>
    zendeskStreams(env, mappings, { counters, log, scrubber, rateLimits, hashKey }),
};
