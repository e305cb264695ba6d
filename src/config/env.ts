import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EnvError, type SourceName } from '../errors.ts';

/**
 * The environment, parsed once at start. This module is the only reader of `process.env`:
 * everything else receives an `AppEnv`.
 */
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
// Credentials belong in their own (redacted) variables: a password inside a URL would be logged with the URL.
// zod runs this check even when the value is not a URL at all; that case is the format check's to report.
const withoutCredentials = (url: string): boolean => {
  const parsed = URL.parse(url);
  return parsed === null || (parsed.username === '' && parsed.password === '');
};
const optionalUrl = optional.pipe(
  z
    .url({ protocol: /^https?$/ })
    .refine(withoutCredentials, 'must not contain a user name or password; use the credential variables')
    .optional(),
);

const RawEnv = z.object({
  HEALTH_SYNC_DB: optional,
  MAPPINGS_DIR: optional,
  PORT: optional.pipe(
    z.string().regex(/^\d+$/, 'a port number').transform(Number).pipe(z.number().max(65535)).optional(),
  ),
  LOG_LEVEL: optional.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
  ADMIN_TOKENS_FILE: optional,
  ADMIN_AUTH_FAILURE_LIMIT: optional.pipe(
    z
      .string()
      .regex(/^\d{1,6}$/, 'a whole number of failures per minute (0: no limit)')
      .transform(Number)
      .optional(),
  ),
  HEALTH_SYNC_HASH_KEY: optional.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  HEALTH_SYNC_RATE_LIMITS: optional.pipe(z.enum(['documented', 'off']).optional()),
  HEALTH_SYNC_FOLLOW_PARENT: optional.pipe(z.enum(['0', '1']).optional()),
  // Set by npm for `npx`, `npm exec` and `npm run`: the process then runs under npm's `sh -c`.
  npm_command: optional,

  ZENDESK_SUBDOMAIN: optional.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/i, 'a bare subdomain such as "acme"')
      .optional(),
  ),
  ZENDESK_BASE_URL: optionalUrl,
  ZENDESK_CLIENT_ID: optional,
  ZENDESK_CLIENT_SECRET: optional,
  ZENDESK_EMAIL: optional,
  ZENDESK_API_TOKEN: optional,

  JIRA_BASE_URL: optionalUrl,
  JIRA_DEPLOYMENT: optional.pipe(z.enum(['cloud', 'datacenter']).optional()),
  JIRA_EMAIL: optional,
  JIRA_API_TOKEN: optional,
  JIRA_PAT: optional,

  GENESYS_REGION: optional.pipe(
    z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]+$/, 'a region host such as mypurecloud.ie')
      .optional(),
  ),
  GENESYS_API_BASE_URL: optionalUrl,
  GENESYS_LOGIN_URL: optionalUrl,
  GENESYS_CLIENT_ID: optional,
  GENESYS_CLIENT_SECRET: optional,

  SF_LOGIN_URL: optionalUrl,
  SF_CLIENT_ID: optional,
  SF_CLIENT_SECRET: optional,
  SF_USERNAME: optional,
  SF_PRIVATE_KEY: optional,
  SF_PRIVATE_KEY_FILE: optional,
  SF_API_VERSION: optional.pipe(
    z
      .string()
      .regex(/^\d{2,3}\.0$/, 'a version such as 64.0')
      .optional(),
  ),
});
type RawEnv = z.infer<typeof RawEnv>;

export const DEFAULT_SF_API_VERSION = '64.0';

export type ZendeskAuth =
  | { type: 'oauth'; clientId: string; clientSecret: string }
  | { type: 'token'; email: string; apiToken: string };
export interface ZendeskEnv {
  baseUrl: string;
  auth: ZendeskAuth;
}

export type JiraAuth = { type: 'basic'; email: string; apiToken: string } | { type: 'pat'; token: string };
export interface JiraEnv {
  baseUrl: string;
  deployment: 'cloud' | 'datacenter';
  auth: JiraAuth;
}

export interface GenesysEnv {
  apiBaseUrl: string;
  loginUrl: string;
  clientId: string;
  clientSecret: string;
}

export type SalesforceAuth =
  | { type: 'client_credentials'; clientId: string; clientSecret: string }
  | { type: 'jwt'; clientId: string; username: string; privateKey: string };
export interface SalesforceEnv {
  loginUrl: string;
  apiVersion: string;
  auth: SalesforceAuth;
}

export interface AppEnv {
  dbPath: string;
  mappingsDir: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  adminTokensFile: string | undefined;
  /** Failed admin API authentications per client address and minute before 429 (0: no limit; default 20). */
  adminAuthFailureLimit: number | undefined;
  hashKey: string | undefined;
  /** `documented`: stay under each vendor's published limits; `off`: only for the sandbox and benchmarks. */
  rateLimits: 'documented' | 'off';
  /**
   * Stop (as on SIGTERM) when the parent process exits. npm forwards SIGTERM only to the `sh -c` it
   * starts, which dies without passing it on: following the parent is how `kill` on npx reaches us.
   */
  followParent: boolean;
  zendesk: ZendeskEnv | undefined;
  jira: JiraEnv | undefined;
  genesys: GenesysEnv | undefined;
  salesforce: SalesforceEnv | undefined;
  /** Sources with no variable set at all: skipped, with one log line each. */
  skipped: SourceName[];
}

const SOURCE_VARS: Record<SourceName, (keyof RawEnv)[]> = {
  zendesk: [
    'ZENDESK_SUBDOMAIN',
    'ZENDESK_BASE_URL',
    'ZENDESK_CLIENT_ID',
    'ZENDESK_CLIENT_SECRET',
    'ZENDESK_EMAIL',
    'ZENDESK_API_TOKEN',
  ],
  jira: ['JIRA_BASE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'JIRA_PAT'],
  genesys: [
    'GENESYS_REGION',
    'GENESYS_API_BASE_URL',
    'GENESYS_LOGIN_URL',
    'GENESYS_CLIENT_ID',
    'GENESYS_CLIENT_SECRET',
  ],
  salesforce: [
    'SF_LOGIN_URL',
    'SF_CLIENT_ID',
    'SF_CLIENT_SECRET',
    'SF_USERNAME',
    'SF_PRIVATE_KEY',
    'SF_PRIVATE_KEY_FILE',
  ],
};

type Issues = string[];
const need = (issues: Issues, source: string, names: string[], what: string): void => {
  issues.push(`${source}: ${what} (missing ${names.join(', ')})`);
};
const stripSlash = (url: string): string => url.replace(/\/+$/, '');

function zendesk(e: RawEnv, issues: Issues): ZendeskEnv | undefined {
  const baseUrl =
    e.ZENDESK_BASE_URL ?? (e.ZENDESK_SUBDOMAIN ? `https://${e.ZENDESK_SUBDOMAIN}.zendesk.com` : undefined);
  if (!baseUrl) need(issues, 'Zendesk', ['ZENDESK_SUBDOMAIN or ZENDESK_BASE_URL'], 'no instance given');
  let auth: ZendeskAuth | undefined;
  if (e.ZENDESK_CLIENT_ID || e.ZENDESK_CLIENT_SECRET) {
    if (e.ZENDESK_CLIENT_ID && e.ZENDESK_CLIENT_SECRET)
      auth = { type: 'oauth', clientId: e.ZENDESK_CLIENT_ID, clientSecret: e.ZENDESK_CLIENT_SECRET };
    else
      need(
        issues,
        'Zendesk',
        [e.ZENDESK_CLIENT_ID ? 'ZENDESK_CLIENT_SECRET' : 'ZENDESK_CLIENT_ID'],
        'OAuth needs both',
      );
  } else if (e.ZENDESK_EMAIL || e.ZENDESK_API_TOKEN) {
    if (e.ZENDESK_EMAIL && e.ZENDESK_API_TOKEN)
      auth = { type: 'token', email: e.ZENDESK_EMAIL, apiToken: e.ZENDESK_API_TOKEN };
    else
      need(
        issues,
        'Zendesk',
        [e.ZENDESK_EMAIL ? 'ZENDESK_API_TOKEN' : 'ZENDESK_EMAIL'],
        'API-token auth needs both',
      );
  } else {
    need(
      issues,
      'Zendesk',
      ['ZENDESK_CLIENT_ID+ZENDESK_CLIENT_SECRET or ZENDESK_EMAIL+ZENDESK_API_TOKEN'],
      'no credentials',
    );
  }
  return baseUrl && auth ? { baseUrl: stripSlash(baseUrl), auth } : undefined;
}

function jira(e: RawEnv, issues: Issues): JiraEnv | undefined {
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
}

function genesys(e: RawEnv, issues: Issues): GenesysEnv | undefined {
  const apiBaseUrl =
    e.GENESYS_API_BASE_URL ?? (e.GENESYS_REGION ? `https://api.${e.GENESYS_REGION}` : undefined);
  const loginUrl =
    e.GENESYS_LOGIN_URL ?? (e.GENESYS_REGION ? `https://login.${e.GENESYS_REGION}` : undefined);
  if (!apiBaseUrl || !loginUrl)
    need(issues, 'Genesys', ['GENESYS_REGION or GENESYS_API_BASE_URL+GENESYS_LOGIN_URL'], 'no region given');
  const missing = [
    !e.GENESYS_CLIENT_ID && 'GENESYS_CLIENT_ID',
    !e.GENESYS_CLIENT_SECRET && 'GENESYS_CLIENT_SECRET',
  ].filter((v): v is string => typeof v === 'string');
  if (missing.length) need(issues, 'Genesys', missing, 'client credentials are required');
  return apiBaseUrl && loginUrl && e.GENESYS_CLIENT_ID && e.GENESYS_CLIENT_SECRET
    ? {
        apiBaseUrl: stripSlash(apiBaseUrl),
        loginUrl: stripSlash(loginUrl),
        clientId: e.GENESYS_CLIENT_ID,
        clientSecret: e.GENESYS_CLIENT_SECRET,
      }
    : undefined;
}

function salesforce(e: RawEnv, issues: Issues): SalesforceEnv | undefined {
  if (!e.SF_LOGIN_URL) need(issues, 'Salesforce', ['SF_LOGIN_URL'], 'no login (My Domain) URL given');
  if (!e.SF_CLIENT_ID)
    need(issues, 'Salesforce', ['SF_CLIENT_ID'], 'the External Client App consumer key is required');
  let auth: SalesforceAuth | undefined;
  if (e.SF_CLIENT_SECRET) {
    if (e.SF_CLIENT_ID)
      auth = { type: 'client_credentials', clientId: e.SF_CLIENT_ID, clientSecret: e.SF_CLIENT_SECRET };
  } else if (e.SF_USERNAME || e.SF_PRIVATE_KEY || e.SF_PRIVATE_KEY_FILE) {
    let key = e.SF_PRIVATE_KEY?.replace(/\\n/g, '\n');
    if (!key && e.SF_PRIVATE_KEY_FILE) {
      try {
        key = readFileSync(e.SF_PRIVATE_KEY_FILE, 'utf8');
      } catch (err) {
        issues.push(
          `Salesforce: SF_PRIVATE_KEY_FILE cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
    }
    if (!e.SF_USERNAME) need(issues, 'Salesforce', ['SF_USERNAME'], 'JWT bearer needs the integration user');
    else if (!e.SF_PRIVATE_KEY && !e.SF_PRIVATE_KEY_FILE)
      need(
        issues,
        'Salesforce',
        ['SF_PRIVATE_KEY or SF_PRIVATE_KEY_FILE'],
        'JWT bearer needs the signing key',
      );
    if (key && e.SF_USERNAME && e.SF_CLIENT_ID)
      auth = { type: 'jwt', clientId: e.SF_CLIENT_ID, username: e.SF_USERNAME, privateKey: key };
  } else {
    need(
      issues,
      'Salesforce',
      ['SF_CLIENT_SECRET, or SF_USERNAME+SF_PRIVATE_KEY/SF_PRIVATE_KEY_FILE'],
      'no credentials',
    );
  }
  return e.SF_LOGIN_URL && auth
    ? { loginUrl: stripSlash(e.SF_LOGIN_URL), apiVersion: e.SF_API_VERSION ?? DEFAULT_SF_API_VERSION, auth }
    : undefined;
}

const RESOLVERS = { zendesk, jira, genesys, salesforce } as const;

/** Parses the environment; throws one `EnvError` that lists every bad or half-configured variable. */
export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  const parsed = RawEnv.safeParse(source);
  const issues: Issues = [];
  if (!parsed.success) {
    // Name the variable and the rule; never echo the value, which may be a secret.
    for (const issue of parsed.error.issues) issues.push(`${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(issues);
  }
  const e = parsed.data;
  const skipped: SourceName[] = [];
  const resolved: Partial<Record<SourceName, unknown>> = {};
  for (const name of Object.keys(RESOLVERS) as SourceName[]) {
    if (SOURCE_VARS[name].every((v) => e[v] === undefined)) skipped.push(name);
    else resolved[name] = RESOLVERS[name](e, issues);
  }
  if (issues.length) throw new EnvError(issues);
  return {
    dbPath: e.HEALTH_SYNC_DB ?? './data/health-sync.db',
    mappingsDir: e.MAPPINGS_DIR ?? './mappings',
    port: e.PORT ?? 8080,
    logLevel: e.LOG_LEVEL ?? 'info',
    adminTokensFile: e.ADMIN_TOKENS_FILE,
    adminAuthFailureLimit: e.ADMIN_AUTH_FAILURE_LIMIT,
    hashKey: e.HEALTH_SYNC_HASH_KEY,
    rateLimits: e.HEALTH_SYNC_RATE_LIMITS ?? 'documented',
    followParent: (e.HEALTH_SYNC_FOLLOW_PARENT ?? (e.npm_command === undefined ? '0' : '1')) === '1',
    zendesk: resolved.zendesk as ZendeskEnv | undefined,
    jira: resolved.jira as JiraEnv | undefined,
    genesys: resolved.genesys as GenesysEnv | undefined,
    salesforce: resolved.salesforce as SalesforceEnv | undefined,
    skipped,
  };
}

let cached: AppEnv | undefined;
/** The process environment, parsed once. */
export function loadEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
