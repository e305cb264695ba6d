import type { ZendeskMapping } from '../../src/config/mappings/zendesk.ts';
import type { TicketFact } from '../../src/facts/schemas.ts';

/**
 * zendesk.yaml's ticket rules, compiled once per run (regexes, sets) so that mapping a ticket is a
 * few lookups. Pure.
 */
type Priority = NonNullable<TicketFact['priority']>;

export interface TicketRules {
  categoryFieldId: number | null;
  categoryValues: ReadonlyMap<string, string>;
  /** In the order of the file: the first listed tag the ticket has wins. */
  categoryTags: readonly (readonly [string, string])[];
  hasRisk: (text: string) => boolean;
  amountFieldId: number | null;
  firstReplyTarget: (priority: Priority | null, category: string | null) => number | null;
  resolutionTarget: (priority: Priority | null, category: string | null) => number | null;
}

export function compileTicketRules(mapping: ZendeskMapping): TicketRules {
  const t = mapping.tickets;
  const sla = mapping.sla;
  const target =
    (kind: 'first_reply_minutes' | 'resolution_minutes') =>
    (priority: Priority | null, category: string | null): number | null =>
      (category ? sla.by_category[category]?.[kind] : undefined) ??
      (priority ? sla[kind][priority] : undefined) ??
      null;
  return {
    categoryFieldId: t.category.field_id,
    categoryValues: new Map(Object.entries(t.category.values)),
    categoryTags: Object.entries(t.category.tags).map(([tag, cat]) => [tag.toLowerCase(), cat] as const),
    hasRisk: riskMatcher(t.risk_keywords),
    amountFieldId: t.amount_field_id,
    firstReplyTarget: target('first_reply_minutes'),
    resolutionTarget: target('resolution_minutes'),
  };
}

/**
 * Case-insensitive whole-word/phrase matching: "terminate" matches "Terminate." but not "terminated";
 * a phrase matches across any run of whitespace (line breaks in an email body included).
 */
export function riskMatcher(keywords: readonly string[]): (text: string) => boolean {
  const phrases = keywords
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  if (!phrases.length) return () => false;
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${phrases.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
  return (text) => re.test(text);
}

/** A custom field's value as a number: 1234.5, "1234.50", "$1,234.50", "1 234". */
export function parseAmount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/[\s,]/g, '').replace(/^[^\d.-]+|[^\d.]+$/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}
