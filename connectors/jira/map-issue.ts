import type { JiraMapping } from '../../src/config/mappings/jira.ts';
import type { IssueFact } from '../../src/facts/schemas.ts';
import type { JiraIssue } from './schemas.ts';

type StatusCategory = IssueFact['statusCategory'];
const CATEGORIES: ReadonlySet<string> = new Set<StatusCategory>(['new', 'indeterminate', 'done']);

/**
 * The scalar values of a custom field, whatever its type: a text field ("001A, 001B"), a
 * multi-value field (["001A"]), a select or option field ({ value: "001A" }), or a number.
 */
function fieldValues(raw: unknown): string[] {
  if (raw === null || raw === undefined) return [];
  if (Array.isArray(raw)) return raw.flatMap(fieldValues);
  if (typeof raw === 'string') return raw.split(/[,;\s]+/);
  if (typeof raw === 'number' && Number.isFinite(raw)) return [String(raw)];
  if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    return fieldValues(o.value ?? o.id ?? o.name ?? null);
  }
  return [];
}

const unique = (values: string[]): string[] => [...new Set(values.filter((v) => v !== ''))];

export function accountRefsOf(raw: unknown): string[] {
  return unique(fieldValues(raw).map((v) => v.trim()));
}

/** Zendesk ticket ids: numbers, or digits in text ("#123", "123, 456"); anything else is not an id. */
export function ticketRefsOf(raw: unknown): string[] {
  return unique(
    fieldValues(raw)
      .map((v) => v.trim().replace(/^#/, ''))
      .filter((v) => /^\d+$/.test(v))
      .map((v) => v.replace(/^0+(?=\d)/, '')),
  );
}

/**
 * A Jira issue as an IssueFact: no summary, description or people, only what scoring and matching
 * read. A status category outside Jira's three (the legacy "undefined" one) counts as done when
 * the issue is resolved and as in progress otherwise.
 */
export function mapJiraIssue(issue: JiraIssue, fields: JiraMapping['fields']): IssueFact {
  const f = issue.fields;
  const category = f.status.statusCategory.key;
  const resolvedAt = f.resolutiondate ?? null;
  return {
    kind: 'issue',
    id: issue.id,
    key: issue.key,
    type: f.issuetype.name,
    priority: f.priority?.name ?? null,
    statusCategory: CATEGORIES.has(category)
      ? (category as StatusCategory)
      : resolvedAt === null
        ? 'indeterminate'
        : 'done',
    createdAt: f.created,
    updatedAt: f.updated,
    resolvedAt,
    accountRefs: fields.account ? accountRefsOf(f[fields.account]) : [],
    ticketRefs: fields.zendesk_tickets ? ticketRefsOf(f[fields.zendesk_tickets]) : [],
  };
}
