import { describe, expect, test } from 'vitest';
import * as cloud from 'jira.js/cloud';
import { loadIssueSearch } from '../../../connectors/jira/cloud-search.ts';

// cloud-search.ts loads jira.js's issue-search module by its path inside the package, not by an
// exported entry point: this fails when an upgrade of jira.js moves or renames it.
describe('jira.js issue-search module', () => {
  test('is found inside the installed jira.js and is the module jira.js/cloud exports', async () => {
    const mod = await loadIssueSearch();
    expect(mod.searchAndReconsileIssuesUsingJqlPost).toBe(cloud.searchAndReconsileIssuesUsingJqlPost);
    expect(mod.countIssues).toBe(cloud.countIssues);
  });

  test('builds the requests we route: POST /rest/api/3/search/jql and …/approximate-count', async () => {
    const mod = await loadIssueSearch();
    const sent: { method: string | undefined; url: string; body: unknown }[] = [];
    const client = {
      sendRequest: (o: { method?: string; url: string; body?: unknown }) => {
        sent.push({ method: o.method, url: o.url, body: o.body });
        return Promise.resolve({});
      },
    } as unknown as Parameters<typeof mod.countIssues>[0];
    await mod.searchAndReconsileIssuesUsingJqlPost(client, { jql: 'project = PAY', maxResults: 50 });
    await mod.countIssues(client, { jql: 'project = PAY' });
    expect(sent).toEqual([
      {
        method: 'POST',
        url: '/rest/api/3/search/jql',
        body: expect.objectContaining({ jql: 'project = PAY', maxResults: 50 }),
      },
      { method: 'POST', url: '/rest/api/3/search/approximate-count', body: { jql: 'project = PAY' } },
    ]);
  });
});
