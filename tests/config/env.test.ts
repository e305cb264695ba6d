import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { EnvError } from '../../src/errors.ts';

const errorOf = (env: Record<string, string>): EnvError => {
  try {
    parseEnv(env);
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
  throw new Error('expected an EnvError');
};

describe('environment', () => {
  it('skips every source with no variable set and applies defaults', () => {
    const env = parseEnv({});
    expect(env.skipped).toEqual(['zendesk', 'jira', 'genesys', 'salesforce']);
    expect(env).toMatchObject({
      dbPath: './data/health-sync.db',
      mappingsDir: './mappings',
      port: 8080,
      logLevel: 'info',
    });
  });

  it('resolves complete sources, regions and the default Salesforce API version', () => {
    const env = parseEnv({
      ZENDESK_SUBDOMAIN: 'acme',
      ZENDESK_CLIENT_ID: 'id',
      ZENDESK_CLIENT_SECRET: 'secret-value',
      JIRA_BASE_URL: 'https://acme.atlassian.net/',
      JIRA_EMAIL: 'ops@acme.com',
      JIRA_API_TOKEN: 'tok',
      GENESYS_REGION: 'mypurecloud.ie',
      GENESYS_CLIENT_ID: 'g',
      GENESYS_CLIENT_SECRET: 'gs',
      SF_LOGIN_URL: 'https://acme.my.salesforce.com',
      SF_CLIENT_ID: 'c',
      SF_CLIENT_SECRET: 's',
    });
    expect(env.skipped).toEqual([]);
    expect(env.zendesk).toEqual({
      baseUrl: 'https://acme.zendesk.com',
      auth: { type: 'oauth', clientId: 'id', clientSecret: 'secret-value' },
    });
    expect(env.jira).toMatchObject({ baseUrl: 'https://acme.atlassian.net', deployment: 'cloud' });
    expect(env.genesys).toMatchObject({
      apiBaseUrl: 'https://api.mypurecloud.ie',
      loginUrl: 'https://login.mypurecloud.ie',
    });
    expect(env.salesforce).toMatchObject({ apiVersion: '64.0', auth: { type: 'client_credentials' } });
  });

  it('lists every bad or half-configured variable in one error, without echoing values', () => {
    const err = errorOf({
      ZENDESK_EMAIL: 'ops@acme.com',
      JIRA_BASE_URL: 'https://acme.atlassian.net',
      JIRA_DEPLOYMENT: 'datacenter',
      GENESYS_REGION: 'mypurecloud.ie',
      SF_LOGIN_URL: 'https://acme.my.salesforce.com',
      SF_CLIENT_ID: 'c',
      SF_USERNAME: 'integration@acme.com',
    });
    expect(err.issues).toHaveLength(5);
    expect(err.message).toContain(
      'Zendesk: no instance given (missing ZENDESK_SUBDOMAIN or ZENDESK_BASE_URL)',
    );
    expect(err.message).toContain('Zendesk: API-token auth needs both (missing ZENDESK_API_TOKEN)');
    expect(err.message).toContain('Jira: Data Center needs a personal access token (missing JIRA_PAT)');
    expect(err.message).toContain(
      'Genesys: client credentials are required (missing GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET)',
    );
    expect(err.message).toContain('Salesforce: JWT bearer needs the signing key');
    expect(err.message).not.toContain('ops@acme.com');
  });

  it('rejects malformed values by variable name', () => {
    const err = errorOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      SF_API_VERSION: '50',
      JIRA_BASE_URL: 'not a url',
      HEALTH_SYNC_HASH_KEY: 'short',
    });
    expect(err.issues.map((i) => i.split(':')[0]).sort()).toEqual([
      'HEALTH_SYNC_HASH_KEY',
      'JIRA_BASE_URL',
      'LOG_LEVEL',
      'PORT',
      'SF_API_VERSION',
    ]);
    expect(err.message).not.toContain('short');
  });

  it('refuses credentials inside a URL, naming the variable and never its value', () => {
    const err = errorOf({
      ZENDESK_BASE_URL: 'http://u:secret@zendesk.example',
      ZENDESK_CLIENT_ID: 'id',
      ZENDESK_CLIENT_SECRET: 'secret-value',
      JIRA_BASE_URL: 'https://ops@jira.example',
      GENESYS_API_BASE_URL: 'https://:pw-only@api.example',
    });
    expect(err.issues.map((i) => i.split(':')[0]).sort()).toEqual([
      'GENESYS_API_BASE_URL',
      'JIRA_BASE_URL',
      'ZENDESK_BASE_URL',
    ]);
    expect(err.message).toContain('ZENDESK_BASE_URL: must not contain a user name or password');
    for (const value of ['secret', 'u:', 'ops@', 'pw-only']) expect(err.message).not.toContain(value);
  });

  it('reads the admin API failed-authentication limit (unset: the service default; 0: off)', () => {
    expect(parseEnv({}).adminAuthFailureLimit).toBeUndefined();
    expect(parseEnv({ ADMIN_AUTH_FAILURE_LIMIT: '0' }).adminAuthFailureLimit).toBe(0);
    expect(parseEnv({ ADMIN_AUTH_FAILURE_LIMIT: '50' }).adminAuthFailureLimit).toBe(50);
    expect(errorOf({ ADMIN_AUTH_FAILURE_LIMIT: 'lots' }).issues[0]).toMatch(/^ADMIN_AUTH_FAILURE_LIMIT: /);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ ZENDESK_SUBDOMAIN: '', JIRA_PAT: '  ' }).skipped).toContain('zendesk');
  });
});
