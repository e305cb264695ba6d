import { SourceError } from '../../src/errors.ts';
import type { HttpClient } from '../../src/http/types.ts';
import { searchJql } from './jql.ts';
import { JiraDcSearchPage, type JiraIssue } from './schemas.ts';
import type { JiraSearchApi } from './search-api.ts';

const SEARCH = 'GET /rest/api/2/search';

export interface DataCenterOptions {
  /** Issues re-requested before each page to check that the results did not shift (see below). */
  overlap?: number;
  /** Restarts from the last issue read allowed in one search before giving up. */
  maxRestarts?: number;
}

/**
 * Jira Data Center's `GET /rest/api/2/search` (offset pages with a total), with a personal access
 * token. Offsets over `ORDER BY updated` shift when an issue already read is updated meanwhile (it
 * moves to the end and every later issue moves up one), which would skip an issue at the page
 * boundary. So each page starts `overlap` issues early and must contain the last issue of the page
 * before; when it does not, the results moved by more than the overlap (or shrank), and the search
 * restarts from that issue's `updated` time. Re-read issues are de-duplicated by the stream.
 */
export function dataCenterSearchApi(http: HttpClient, options: DataCenterOptions = {}): JiraSearchApi {
  const overlap = Math.max(1, options.overlap ?? 5);
  const maxRestarts = options.maxRestarts ?? 10;

  // No abort signal on the request: on SIGTERM the page in flight finishes and is committed.
  const fetchPage = async (query: Record<string, string | number>): Promise<JiraDcSearchPage> => {
    try {
      // https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/#api/2/search-search
      const res = await http.request(
        { method: 'GET', path: '/rest/api/2/search', endpoint: SEARCH, query },
        JiraDcSearchPage,
      );
      return res.data;
    } catch (err) {
      // Jira Cloud removed this endpoint (Atlassian CHANGE-2046): say what to change.
      if (err instanceof SourceError && err.status === 410)
        throw new SourceError(
          'SOURCE_HTTP',
          'jira',
          `${SEARCH} is gone (HTTP 410): this looks like Jira Cloud; set JIRA_DEPLOYMENT=cloud`,
          { endpoint: SEARCH, status: 410 },
          { cause: err },
        );
      throw err;
    }
  };

  return {
    deployment: 'datacenter',
    async *search(request, signal) {
      let sinceMs = request.sinceMs;
      let startAt = 0;
      let last: JiraIssue | undefined;
      let restarts = 0;
      for (;;) {
        const from = last ? Math.max(0, startAt - overlap) : startAt;
        const jql = searchJql(request.baseJql, sinceMs);
        const page = await fetchPage({
          jql,
          startAt: from,
          maxResults: request.pageSize,
          fields: request.fields.join(','),
          validateQuery: 'strict',
        });
        if (last) {
          const anchor = page.issues.findIndex((i) => i.id === last!.id);
          if (anchor === -1) {
            if (++restarts > maxRestarts)
              throw new SourceError(
                'SOURCE_RESPONSE_INVALID',
                'jira',
                `${SEARCH}: results kept shifting while paging`,
                {
                  endpoint: SEARCH,
                  startAt: from,
                  restarts: restarts - 1,
                },
              );
            // Everything before `last` was read; the shift hid where the rest starts. Start from its time.
            sinceMs = Math.floor(last.fields.updated / 60_000) * 60_000;
            startAt = 0;
            last = undefined;
            continue;
          }
        }
        // The overlap is yielded too: the stream drops what it has read, and keeps an issue that
        // arrived late in the index before the anchor.
        if (page.issues.length > 0) yield page.issues;
        startAt = from + page.issues.length;
        last = page.issues.at(-1) ?? last;
        if (page.issues.length === 0 || startAt >= page.total || signal?.aborted) return;
      }
    },
    async count(baseJql) {
      // maxResults=0: the total only.
      const data = await fetchPage({ jql: baseJql, maxResults: 0, fields: 'id' });
      return {
        count: data.total,
        note: 'Jira Data Center search total at reconciliation time; stored issues that no longer match the JQL stay until a full sync',
      };
    },
  };
}
