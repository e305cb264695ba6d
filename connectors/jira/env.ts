import { z } from 'zod';
import { need, optional, optionalUrl, sourceEnv, stripSlash } from '../../src/config/env-vars.ts';

export type JiraAuth = { type: 'basic'; email: string; apiToken: string } | { type: 'pat'; token: string };
export interface JiraEnv {
  baseUrl: string;
  deployment: 'cloud' | 'datacenter';
  auth: JiraAuth;
}

const vars = {
  JIRA_BASE_URL: optionalUrl,
  JIRA_DEPLOYMENT: optional.pipe(z.enum(['cloud', 'datacenter']).optional()),
  JIRA_EMAIL: optional,
  JIRA_API_TOKEN: optional,
  JIRA_PAT: optional,
};

/** A site, and an email with an API token (Cloud) or a personal access token (Data Center). */
export const jiraEnv = sourceEnv({
  vars,
  // JIRA_DEPLOYMENT alone configures nothing: it only says which credentials to expect.
  configuredBy: ['JIRA_BASE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'JIRA_PAT'],
  resolve(e, issues): JiraEnv | undefined {
    const deployment = e.JIRA_DEPLOYMENT ?? 'cloud';
    if (!e.JIRA_BASE_URL) need(issues, 'Jira', ['JIRA_BASE_URL'], 'no site given');
    let auth: JiraAuth | undefined;
    if (deployment === 'cloud') {
      if (e.JIRA_EMAIL && e.JIRA_API_TOKEN)
        auth = { type: 'basic', email: e.JIRA_EMAIL, apiToken: e.JIRA_API_TOKEN };
      else
        need(
          issues,
          'Jira',
          [!e.JIRA_EMAIL ? 'JIRA_EMAIL' : '', !e.JIRA_API_TOKEN ? 'JIRA_API_TOKEN' : ''].filter(Boolean),
          'Cloud needs an email and an API token',
        );
    } else if (e.JIRA_PAT) auth = { type: 'pat', token: e.JIRA_PAT };
    else need(issues, 'Jira', ['JIRA_PAT'], 'Data Center needs a personal access token');
    return e.JIRA_BASE_URL && auth ? { baseUrl: stripSlash(e.JIRA_BASE_URL), deployment, auth } : undefined;
  },
});
