import type { createCloudClient } from 'jira.js';
import type { HttpClient } from '../../src/http/types.ts';
import { paginate, tokenStrategy } from '../../src/http/paginate.ts';
import { jiraJsClient } from './jira-js-client.ts';
import { searchJql } from './jql.ts';
import { JiraApproximateCount, JiraCloudSearchPage } from './schemas.ts';
import type { JiraSearchApi } from './search-api.ts';

const SEARCH = 'POST /rest/api/3/search/jql';
const COUNT = 'POST /rest/api/3/search/approximate-count';

type CloudClient = ReturnType<typeof createCloudClient>;

/**
 * Jira Cloud through jira.js 6 (`createCloudClient`), sending over our HTTP client. jira.js is
 * loaded on first use: it is large, and a Data Center or Jira-less deployment never needs it.
 */
export function cloudSearchApi(http: HttpClient): JiraSearchApi {
  let client: Promise<CloudClient> | undefined;
  const jira = (): Promise<CloudClient> =>
    (client ??= import('jira.js').then(({ createCloudClient }) =>
      createCloudClient(
        jiraJsClient(http, {
          // Both are reads sent as POST (the JQL can be long): safe to retry.
          [SEARCH]: { schema: JiraCloudSearchPage, idempotent: true },
          [COUNT]: { schema: JiraApproximateCount, idempotent: true },
        }),
      ),
    ));

  return {
    deployment: 'cloud',
    async *search(request, signal) {
      const api = await jira();
      const jql = searchJql(request.baseJql, request.sinceMs);
      const pages = paginate<JiraCloudSearchPage, string>({
        start: undefined,
        endpoint: SEARCH,
        ...(signal ? { signal } : {}),
        // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
        fetchPage: async (nextPageToken) =>
          (await api.issueSearch.searchAndReconsileIssuesUsingJqlPost({
            jql,
            fields: request.fields,
            maxResults: request.pageSize,
            ...(nextPageToken === undefined ? {} : { nextPageToken }),
          })) as unknown as JiraCloudSearchPage, // parsed with JiraCloudSearchPage by the route above
        next: tokenStrategy((page) => ({ token: page.nextPageToken, isLast: page.isLast })),
      });
      for await (const { page } of pages) yield page.issues;
    },
    async count(baseJql) {
      const api = await jira();
      // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-approximate-count-post
      const res = (await api.issueSearch.countIssues({ jql: baseJql })) as unknown as JiraApproximateCount;
      return {
        count: res.count,
        note: 'Jira Cloud approximate count (eventually consistent); stored issues that no longer match the JQL stay until a full sync',
      };
    },
  };
}
