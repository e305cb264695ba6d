import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ZendeskMapping } from '../../../src/config/mappings/zendesk.ts';

/** The shipped zendesk.yaml, as ops would start from it. */
export const mapping = (): ZendeskMapping =>
  ZendeskMapping.parse(
    parse(readFileSync(new URL('../../../mappings/zendesk.yaml', import.meta.url), 'utf8')),
  );

export const HASH_KEY = 'zendesk-test-hash-key-0123456789';
export const CATEGORY_FIELD = 360001234501;
export const AMOUNT_FIELD = 360001234502;

/** A ticket as the cursor export returns it: the full field set, nulls where real records have them. */
export function rawTicket(id: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    url: `https://acme.zendesk.com/api/v2/tickets/${id}.json`,
    id,
    external_id: null,
    via: {
      channel: 'email',
      source: { from: { address: 'jane.doe@globex.com', name: 'Jane Doe' }, to: {}, rel: null },
    },
    created_at: '2025-03-01T09:15:00Z',
    updated_at: '2025-03-02T10:00:00Z',
    generated_timestamp: 1740909600,
    type: 'incident',
    subject: 'Payout failed again',
    raw_subject: 'Payout failed again',
    description: 'Hi, our payout to account 12345678 failed. Call me on +1 (555) 010-7788. Jane',
    priority: 'high',
    status: 'open',
    recipient: 'support@acme.com',
    requester_id: 9000 + id,
    submitter_id: 9000 + id,
    assignee_id: null,
    organization_id: 501,
    group_id: 77,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: ['payout_failed', 'enterprise'],
    custom_fields: [
      { id: CATEGORY_FIELD, value: 'failed_payout' },
      { id: AMOUNT_FIELD, value: null },
      { id: 360009999999, value: 'free text the mapper must ignore' },
    ],
    satisfaction_rating: { score: 'unoffered' },
    sharing_agreement_ids: [],
    custom_status_id: 1,
    fields: [],
    followup_ids: [],
    ticket_form_id: 1,
    brand_id: 1,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
    ...over,
  };
}

export function rawMetricSet(ticketId: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    url: `https://acme.zendesk.com/api/v2/ticket_metrics/${ticketId}.json`,
    id: 70000 + ticketId,
    ticket_id: ticketId,
    created_at: '2025-03-01T09:15:01Z',
    updated_at: '2025-03-02T10:00:00Z',
    group_stations: 1,
    assignee_stations: 1,
    reopens: 0,
    replies: 2,
    assignee_updated_at: null,
    requester_updated_at: '2025-03-01T09:15:00Z',
    status_updated_at: '2025-03-02T10:00:00Z',
    initially_assigned_at: '2025-03-01T09:20:00Z',
    assigned_at: '2025-03-01T09:20:00Z',
    solved_at: null,
    latest_comment_added_at: '2025-03-02T10:00:00Z',
    reply_time_in_minutes: { calendar: 95, business: 45 },
    first_resolution_time_in_minutes: { calendar: null, business: null },
    full_resolution_time_in_minutes: { calendar: null, business: null },
    agent_wait_time_in_minutes: { calendar: null, business: null },
    requester_wait_time_in_minutes: { calendar: null, business: null },
    on_hold_time_in_minutes: { calendar: 0, business: 0 },
    custom_status_updated_at: '2025-03-02T10:00:00Z',
    ...over,
  };
}

export function rawUser(id: number, email: string | null): Record<string, unknown> {
  return {
    id,
    url: `https://acme.zendesk.com/api/v2/users/${id}.json`,
    name: 'Jane Doe',
    email,
    phone: '+15550107788',
    organization_id: 501,
    role: 'end-user',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
  };
}

export function ticketsPage(
  tickets: Record<string, unknown>[],
  after: string | null,
  end: boolean,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    tickets,
    metric_sets: tickets.filter((t) => t.status !== 'deleted').map((t) => rawMetricSet(t.id as number)),
    users: tickets.map((t) =>
      rawUser(t.requester_id as number, `user${t.requester_id as number}@globex.com`),
    ),
    after_url: after
      ? `https://acme.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=${after}`
      : null,
    after_cursor: after,
    before_url: null,
    before_cursor: null,
    end_of_stream: end,
    ...extra,
  };
}

export function rawOrganization(id: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    url: `https://acme.zendesk.com/api/v2/organizations/${id}.json`,
    id,
    name: `Globex ${id}`,
    shared_tickets: false,
    shared_comments: false,
    external_id: '001Dn00000AbCdEIAZ',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2025-02-01T00:00:00Z',
    domain_names: ['Globex.com', 'globex.co.uk'],
    details: 'VIP: call the CFO directly',
    notes: null,
    group_id: null,
    tags: [],
    organization_fields: { tier: 'enterprise' },
    ...over,
  };
}
