import { emailDomain, emailKey } from '../../src/facts/keys.ts';
import { TicketPriority, TicketStatus, type FactRef, type TicketFact } from '../../src/facts/schemas.ts';
import type { ZendeskMetricSet, ZendeskTicket, ZendeskUser } from './schemas.ts';
import { parseAmount, type TicketRules } from './ticket-rules.ts';

/**
 * Raw Zendesk ticket (+ its side-loaded metric set and requester) → TicketFact, or a delete for a
 * deleted ticket. Pure. The subject and description are read for risk keywords and dropped; the
 * requester's email survives only as an HMAC key and its domain.
 */
export interface TicketSide {
  metricSet?: ZendeskMetricSet | undefined;
  requester?: ZendeskUser | undefined;
}

export type TicketChange = { upsert: TicketFact } | { delete: FactRef };

export function mapTicket(
  raw: ZendeskTicket,
  side: TicketSide,
  rules: TicketRules,
  hashKey: string,
): TicketChange {
  const id = String(raw.id);
  if (raw.status === 'deleted') return { delete: { kind: 'ticket', id } };

  // A list item never holds the store's delimiter; a tag or value with one is dropped.
  const tags = (raw.tags ?? []).map((t) => t.toLowerCase()).filter((t) => !t.includes('|'));
  const categoryFieldValues = categoryValuesOf(raw, rules);
  const priority = TicketPriority.safeParse(raw.priority).data ?? null;
  const category = categoryOf(categoryFieldValues, tags, rules);
  const m = side.metricSet;
  const firstReply = m?.reply_time_in_minutes?.business ?? null;
  const fullResolution = m?.full_resolution_time_in_minutes?.business ?? null;
  const email = side.requester?.email;
  const score = raw.satisfaction_rating?.score ?? null;

  return {
    upsert: {
      kind: 'ticket',
      id,
      organizationId: raw.organization_id == null ? null : String(raw.organization_id),
      requesterKey: emailKey(hashKey, email),
      requesterDomain: emailDomain(email),
      createdAt: Date.parse(raw.created_at),
      updatedAt: Date.parse(raw.updated_at),
      solvedAt: m?.solved_at ? Date.parse(m.solved_at) : null,
      // Custom statuses report their category here; anything else unknown is treated as open.
      status: TicketStatus.safeParse(raw.status).data ?? 'open',
      priority,
      channel: raw.via?.channel == null ? null : String(raw.via.channel),
      // What the category and escalation rules read; they apply when scores are computed.
      groupId: raw.group_id ?? null,
      tags,
      categoryFieldValues,
      firstReplyMinutes: nonNegative(firstReply),
      fullResolutionMinutes: nonNegative(fullResolution),
      replies: nonNegative(m?.replies ?? null),
      reopens: nonNegative(m?.reopens ?? null),
      slaBreached: slaBreached([
        [firstReply, rules.firstReplyTarget(priority, category)],
        [fullResolution, rules.resolutionTarget(priority, category)],
      ]),
      // offered / unoffered (and anything else) mean "no rating".
      satisfaction: score?.startsWith('good') ? 'good' : score?.startsWith('bad') ? 'bad' : null,
      riskFlag: rules.hasRisk(`${raw.subject ?? ''}\n${raw.description ?? ''}`),
      amount: rules.amountFieldId === null ? null : parseAmount(fieldValue(raw, rules.amountFieldId)),
    },
  };
}

function fieldValue(raw: ZendeskTicket, fieldId: number): unknown {
  return raw.custom_fields?.find((f) => f.id === fieldId)?.value ?? null;
}

/** The string values of the configured category field (a multi-select gives several), in its order. */
function categoryValuesOf(raw: ZendeskTicket, rules: TicketRules): string[] {
  if (rules.categoryFieldId === null) return [];
  const value = fieldValue(raw, rules.categoryFieldId);
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '' && !v.includes('|'),
  );
}

/**
 * The category for `slaBreached` only, a flag kept as of the last read: the metrics work the
 * category out with the rules in force (src/metrics/ticket-maps.ts). The field's first mapped
 * value; failing that, the first configured tag present.
 */
function categoryOf(values: string[], tags: string[], rules: TicketRules): string | null {
  for (const v of values) {
    const mapped = rules.categoryValues.get(v);
    if (mapped) return mapped;
  }
  const present = new Set(tags);
  return rules.categoryTags.find(([tag]) => present.has(tag))?.[1] ?? null;
}

/** Breached if any measured time is over its target; met if all measured ones are within; else unknown. */
function slaBreached(checks: [number | null, number | null][]): boolean | null {
  let known = false;
  for (const [value, target] of checks) {
    if (value === null || target === null) continue;
    if (value > target) return true;
    known = true;
  }
  return known ? false : null;
}

const nonNegative = (n: number | null): number | null => (n === null || n < 0 ? null : n);
