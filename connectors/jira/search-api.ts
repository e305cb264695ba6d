import type { JiraIssue } from './schemas.ts';

export interface JiraSearchRequest {
  /** The mapping's JQL, without time conditions or ORDER BY. */
  baseJql: string;
  /** Issues updated at or after this instant (epoch ms). */
  sinceMs: number;
  fields: string[];
  pageSize: number;
}

/**
 * One interface over Jira Cloud (enhanced search, token pages) and Data Center (offset pages), so
 * the issues stream does not care which it reads.
 */
export interface JiraSearchApi {
  readonly deployment: 'cloud' | 'datacenter';
  /** Every page of the search, in order, to the end (an error rather than a silent stop). */
  search(request: JiraSearchRequest, signal?: AbortSignal): AsyncIterable<JiraIssue[]>;
  /** How many issues the base JQL matches, and how exact that number is. */
  count(baseJql: string, signal?: AbortSignal): Promise<{ count: number | null; note: string }>;
}
