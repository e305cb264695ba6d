import type { Client } from 'jira.js/core';
import type { countIssues, searchAndReconsileIssuesUsingJqlPost } from 'jira.js/cloud';
import type { HttpClient } from '../../src/http/types.ts';
import { paginate, tokenStrategy } from '../../src/http/paginate.ts';
import { jiraJsClient } from './jira-js-client.ts';
import { searchJql } from './jql.ts';
import { JiraApproximateCount, JiraCloudSearchPage } from './schemas.ts';
import type { JiraSearchApi } from './search-api.ts';

const SEARCH = 'POST /rest/api/3/search/jql';
const COUNT = 'POST /rest/api/3/search/approximate-count';

/** jira.js 6's issue-search group: free functions of a jira.js `Client` and the call's parameters. */
export interface IssueSearchModule {
  searchAndReconsileIssuesUsingJqlPost: typeof searchAndReconsileIssuesUsingJqlPost;
  countIssues: typeof countIssues;
}

/**
 * Loads only jira.js's issue-search module. Its `jira.js` and `jira.js/cloud` entry points load
 * every API group and the zod models of the whole Jira API: 73 MB of resident memory, against 27 MB
 * for this module and the ones it imports. The package exports no finer entry point, so the module
 * is found next to `jira.js/cloud`'s own file (tests/connectors/jira/jira-js-module.test.ts checks
 * that it is still there and still has these functions).
 */
export async function loadIssueSearch(): Promise<IssueSearchModule> {
  const mod = (await import(
    new URL('./api/issueSearch.js', import.meta.resolve('jira.js/cloud')).href
  )) as Partial<IssueSearchModule>;
  if (typeof mod.searchAndReconsileIssuesUsingJqlPost !== 'function' || typeof mod.countIssues !== 'function')
    throw new Error(
      'jira.js: dist/cloud/api/issueSearch.js no longer exports searchAndReconsileIssuesUsingJqlPost and countIssues (check the installed jira.js version against package.json)',
    );
  return mod as IssueSearchModule;
}

/**
 * Jira Cloud through jira.js 6's issue-search functions, sending over our HTTP client. They are
 * loaded on first use: a Data Center or Jira-less deployment never needs them.
 */
export function cloudSearchApi(http: HttpClient): JiraSearchApi {
  const client: Client = jiraJsClient(http, {
    // Both are reads sent as POST (the JQL can be long): safe to retry.
    [SEARCH]: { schema: JiraCloudSearchPage, idempotent: true },
    [COUNT]: { schema: JiraApproximateCount, idempotent: true },
  });
  let issueSearch: Promise<IssueSearchModule> | undefined;
  const jira = (): Promise<IssueSearchModule> => (issueSearch ??= loadIssueSearch());

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
          (await api.searchAndReconsileIssuesUsingJqlPost(client, {
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
      const res = (await api.countIssues(client, { jql: baseJql })) as unknown as JiraApproximateCount;
      return {
        count: res.count,
        note: 'Jira Cloud approximate count (eventually consistent); stored issues that no longer match the JQL stay until a full sync',
      };
    },
  };
}
