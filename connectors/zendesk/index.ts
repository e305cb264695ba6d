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
const MAPPER_VERSION = 1;

export interface ZendeskStreamDeps extends ZendeskClientDeps {
  hashKey: string;
}

/**
 * The Zendesk streams for the pipeline: organizations first (matching needs them), then tickets.
 * A ticket cursor's fingerprint covers what is decided at ingest from data the store does not keep
 * (tags, custom fields, the text), so editing a category, escalation, risk or amount rule (or the
 * hash key) re-reads tickets from start_date. SLA targets are not in it: the metrics compare the
 * stored reply and resolution minutes with the targets in force, so an SLA edit re-reads nothing
 * (a ticket's `slaBreached` flag stays as the targets were when it was last read).
 */
export function zendeskStreams(
  env: ZendeskEnv,
  mappings: Mappings,
  deps: ZendeskStreamDeps,
): StreamDef<unknown>[] {
  const http = createZendeskClient(env, deps);
  const z = mappings.zendesk;
  const ticketsFingerprint = digestOf({
    v: MAPPER_VERSION,
    start_date: z.tickets.start_date,
    category: z.tickets.category,
    escalation: z.tickets.escalation,
    risk_keywords: z.tickets.risk_keywords,
    amount_field_id: z.tickets.amount_field_id,
    hashKey: hashKeyId(deps.hashKey),
    instance: env.baseUrl,
  });
  const streams: StreamDef<unknown>[] = [];
  if (z.organizations.enabled)
    streams.push(
      zendeskOrganizationsStream({
        http,
        fingerprint: digestOf({ v: MAPPER_VERSION, instance: env.baseUrl }),
      }),
    );
  streams.push(
    zendeskTicketsStream({ http, mapping: z, hashKey: deps.hashKey, fingerprint: ticketsFingerprint }),
  );
  return streams;
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
  streams: (env, { mappings, counters, log, scrubber, rateLimits, hashKey }) =>
    zendeskStreams(env, mappings, { counters, log, scrubber, rateLimits, hashKey }),
};
