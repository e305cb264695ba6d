import { createHash } from 'node:crypto';
import type { JiraMapping } from '../../src/config/mappings/jira.ts';

/** The fields the issues stream asks for: nothing that holds text people wrote. */
export function requestedFields(mapping: Pick<JiraMapping, 'fields'>): string[] {
  const custom = [mapping.fields.account, mapping.fields.zendesk_tickets].filter(
    (f): f is string => f !== null,
  );
  return ['issuetype', 'priority', 'status', 'created', 'updated', 'resolutiondate', ...custom];
}

/**
 * The search JQL. The lower bound is epoch milliseconds on purpose: a datetime without a zone
 * ("2025-01-01 10:00") is read in the Jira user's time zone, which silently shifts the window.
 * Ordered by updated then id, so equal `updated` times come in a stable order.
 */
export function searchJql(baseJql: string, sinceMs: number): string {
  return `(${baseJql}) AND updated >= ${Math.max(0, Math.floor(sinceMs))} ORDER BY updated ASC, id ASC`;
}

/** 00:00 UTC of the mapping's start date. */
export function startDateMs(mapping: Pick<JiraMapping, 'start_date'>): number {
  return Date.parse(`${mapping.start_date}T00:00:00.000Z`);
}

/** Changing what the cursor depends on (which issues, which fields, where to start) restarts the stream. */
export function issuesFingerprint(
  mapping: Pick<JiraMapping, 'jql' | 'fields' | 'start_date'>,
  deployment: 'cloud' | 'datacenter',
): string {
  const doc = {
    jql: mapping.jql.trim(),
    fields: requestedFields(mapping),
    start: mapping.start_date,
    deployment,
  };
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 16);
}
