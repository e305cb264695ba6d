import type { OrgModel, UserModel } from '../dataset/people.ts';
import { hash32 } from '../dataset/prng.ts';
import { AMOUNT_FIELD_ID, CATEGORY_FIELD_ID, type Minutes, type TicketModel } from '../dataset/tickets.ts';

/**
 * Dataset models as Zendesk serializes them (Support API v2): the field set of real records,
 * including the nulls real records carry where the published schema says a value.
 */
export const zdTime = (ms: number | null): string | null =>
  ms === null ? null : `${new Date(ms).toISOString().slice(0, 19)}Z`;

const BRAND_ID = 360000000101;
const FORM_ID = 360000000201;
const CUSTOM_STATUS: Record<string, number> = {
  new: 360000300001,
  open: 360000300002,
  pending: 360000300003,
  hold: 360000300004,
  solved: 360000300005,
  closed: 360000300005,
  deleted: 360000300005,
};
const SUPPORT_ADDRESS = 'support@paysandbox.zendesk.com';

function satisfaction(t: TicketModel): Record<string, unknown> {
  if (t.satisfaction === 'good' || t.satisfaction === 'bad')
    return {
      id: 3_700_000_000 + t.id,
      score: t.satisfaction,
      comment: t.satisfaction === 'good' ? 'Thanks, quick and clear.' : 'Still waiting for a real answer.',
      reason: t.satisfaction === 'bad' ? 'The issue took too long to resolve' : null,
      reason_id: t.satisfaction === 'bad' ? 1001 : null,
    };
  return { score: t.satisfaction };
}

export function ticketJson(t: TicketModel, origin: string): Record<string, unknown> {
  const customFields = [
    { id: CATEGORY_FIELD_ID, value: t.categoryField },
    { id: AMOUNT_FIELD_ID, value: t.amount },
    { id: 360001234503, value: t.channel === 'api' },
  ];
  return {
    url: `${origin}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: null,
    via: { channel: t.channel, source: { from: {}, to: {}, rel: null } },
    created_at: zdTime(t.createdAt),
    updated_at: zdTime(t.updatedAt),
    generated_timestamp: Math.floor(t.generatedAt / 1000),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    recipient: t.channel === 'email' ? SUPPORT_ADDRESS : null,
    requester_id: t.requesterId,
    submitter_id: t.requesterId,
    assignee_id: t.assigneeId,
    organization_id: t.organizationId,
    group_id: t.groupId,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: t.tags,
    custom_fields: customFields,
    satisfaction_rating: satisfaction(t),
    sharing_agreement_ids: [],
    custom_status_id: CUSTOM_STATUS[t.status],
    fields: customFields,
    followup_ids: [],
    ticket_form_id: FORM_ID,
    brand_id: BRAND_ID,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

const minutesJson = (m: Minutes): Minutes => ({ calendar: m.calendar, business: m.business });

export function metricSetJson(t: TicketModel, origin: string): Record<string, unknown> {
  const metricId = 3_800_000_000 + t.id;
  const firstReplyAt = t.reply.calendar === null ? null : t.createdAt + t.reply.calendar * 60_000;
  const assignedAt = t.assigneeId === null ? null : t.createdAt + (hash32(t.id, 5) % 600) * 1000;
  return {
    url: `${origin}/api/v2/ticket_metrics/${metricId}.json`,
    id: metricId,
    ticket_id: t.id,
    created_at: zdTime(t.createdAt),
    updated_at: zdTime(t.updatedAt),
    group_stations: t.tags.some((x) => x.includes('escalation') || x === 'escalated') ? 2 : 1,
    assignee_stations: t.assigneeId === null ? 0 : 1,
    reopens: t.reopens,
    replies: t.replies,
    assignee_updated_at: zdTime(firstReplyAt),
    requester_updated_at: zdTime(t.createdAt),
    status_updated_at: zdTime(t.updatedAt),
    initially_assigned_at: zdTime(assignedAt),
    assigned_at: zdTime(assignedAt),
    solved_at: zdTime(t.solvedAt),
    latest_comment_added_at: zdTime(t.solvedAt ?? firstReplyAt ?? t.createdAt),
    custom_status_updated_at: zdTime(t.updatedAt),
    reply_time_in_minutes: minutesJson(t.reply),
    reply_time_in_seconds: { calendar: t.reply.calendar === null ? null : t.reply.calendar * 60 },
    first_resolution_time_in_minutes: minutesJson(t.firstResolution),
    full_resolution_time_in_minutes: minutesJson(t.fullResolution),
    agent_wait_time_in_minutes: minutesJson(t.reply),
    requester_wait_time_in_minutes: minutesJson(t.fullResolution),
    on_hold_time_in_minutes: { calendar: 0, business: 0 },
  };
}

export function userJson(u: UserModel, origin: string): Record<string, unknown> {
  return {
    id: u.id,
    url: `${origin}/api/v2/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    created_at: zdTime(u.createdAt),
    updated_at: zdTime(u.createdAt),
    time_zone: 'UTC',
    iana_time_zone: 'Etc/UTC',
    phone: u.phone,
    shared_phone_number: u.phone === null ? null : false,
    locale: 'en-US',
    locale_id: 1,
    organization_id: u.organizationId,
    role: u.role,
    verified: true,
    external_id: null,
    tags: [],
    active: true,
    shared: false,
    shared_agent: false,
    suspended: false,
    restricted_agent: u.role === 'agent' ? false : true,
    moderator: false,
    only_private_comments: false,
    ticket_restriction: u.role === 'agent' ? null : 'requested',
    default_group_id: null,
    user_fields: {},
  };
}

export function organizationJson(o: OrgModel, origin: string): Record<string, unknown> {
  return {
    url: `${origin}/api/v2/organizations/${o.id}.json`,
    id: o.id,
    name: o.name,
    shared_tickets: false,
    shared_comments: false,
    external_id: o.externalId,
    created_at: zdTime(o.createdAt),
    updated_at: zdTime(o.updatedAt),
    domain_names: o.domains,
    details: null,
    notes: null,
    group_id: null,
    tags: o.tags,
    organization_fields: {},
  };
}
