/**
 * The variables a tenant sets in its `env:` block, and whether each is a secret. A secret can only be
 * given by reference (`{ from_env: VAR }` or `{ file: PATH }`): its value never sits in the tenants
 * file, so it is never in a repository, a backup of the config, or the database. Everything else a
 * tenant needs (the store, the port, the tokens) is the process's, not the tenant's.
 *
 * A variable missing from this table is refused: a new connector variable must be classified here
 * (tests/tenants/variables.test.ts checks every connector's env.ts against it).
 */
export const TENANT_VARIABLES = {
  ZENDESK_SUBDOMAIN: 'plain',
  ZENDESK_BASE_URL: 'plain',
  ZENDESK_EMAIL: 'plain',
  ZENDESK_CLIENT_ID: 'plain',
  ZENDESK_CLIENT_SECRET: 'secret',
  ZENDESK_API_TOKEN: 'secret',
  JIRA_BASE_URL: 'plain',
  JIRA_DEPLOYMENT: 'plain',
  JIRA_EMAIL: 'plain',
  JIRA_API_TOKEN: 'secret',
  JIRA_PAT: 'secret',
  GENESYS_REGION: 'plain',
  GENESYS_API_BASE_URL: 'plain',
  GENESYS_LOGIN_URL: 'plain',
  GENESYS_CLIENT_ID: 'plain',
  GENESYS_CLIENT_SECRET: 'secret',
  SF_LOGIN_URL: 'plain',
  SF_CLIENT_ID: 'plain',
  SF_CLIENT_SECRET: 'secret',
  SF_USERNAME: 'plain',
  SF_PRIVATE_KEY: 'secret',
  SF_PRIVATE_KEY_FILE: 'plain',
  SF_API_VERSION: 'plain',
  // The key of the tenant's email and phone hashes; the process's HEALTH_SYNC_HASH_KEY when not given.
  HEALTH_SYNC_HASH_KEY: 'secret',
  HEALTH_SYNC_RATE_LIMITS: 'plain',
} as const satisfies Record<string, 'plain' | 'secret'>;

export type TenantVariable = keyof typeof TENANT_VARIABLES;

export const isTenantVariable = (name: string): name is TenantVariable =>
  Object.hasOwn(TENANT_VARIABLES, name);

/**
 * The process variables a tenant never inherits: each tenant's vendor credentials come from its own
 * entry only, so that a variable left in the process environment cannot make tenant B call tenant A's
 * Zendesk. The hash key and the rate-limit mode are inherited when the tenant does not set them.
 */
export const NOT_INHERITED: readonly string[] = Object.keys(TENANT_VARIABLES).filter(
  (name) => name !== 'HEALTH_SYNC_HASH_KEY' && name !== 'HEALTH_SYNC_RATE_LIMITS',
);
