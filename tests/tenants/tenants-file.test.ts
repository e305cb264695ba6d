import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { ConfigError, exitCodeFor } from '../../src/errors.ts';
import {
  loadTenantContexts,
  parseTenantsFile,
  tenantDatabaseUrl,
  tenantStoreConfig,
} from '../../src/tenants/index.ts';
import { schemaOfDatabaseUrl } from '../../src/store/postgres/url.ts';

const dirs: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'hs-tenants-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
  }
  throw new Error('no ConfigError');
};
const asyncProblems = async (p: Promise<unknown>): Promise<string[]> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  expect(exitCodeFor(err)).toBe(2);
  return (err as ConfigError).message
    .split('\n')
    .slice(1)
    .map((l) => l.trim());
};

describe('the tenants file', () => {
  it('accepts plain values for plain variables and references for secrets', () => {
    const entries = parseTenantsFile(
      `- id: acme
  mappings_dir: ./acme
  env:
    ZENDESK_SUBDOMAIN: acme
    ZENDESK_EMAIL: ops@acme.example
    ZENDESK_API_TOKEN: { from_env: ACME_ZENDESK_API_TOKEN }
    SF_CLIENT_SECRET: { file: /run/secrets/acme_sf }
- id: globex_2
  mappings_dir: ./globex
`,
      'tenants.yaml',
    );
    expect(entries.map((e) => e.id)).toEqual(['acme', 'globex_2']);
    expect(entries[0]?.env['ZENDESK_API_TOKEN']).toEqual({ from_env: 'ACME_ZENDESK_API_TOKEN' });
    expect(entries[1]?.env).toEqual({});
  });

  it('refuses a secret written in clear, without repeating it, and names file, entry and key', () => {
    const lines = problemsOf(() =>
      parseTenantsFile(
        `- id: acme
  mappings_dir: ./acme
  env:
    ZENDESK_SUBDOMAIN: acme
    ZENDESK_API_TOKEN: s3cr3t-value-in-clear
    GENESYS_CLIENT_SECRET: another-s3cr3t
`,
        'tenants.yaml',
      ),
    );
    expect(lines).toEqual([
      'tenants.yaml > 0 > env > ZENDESK_API_TOKEN: a secret: give it as { from_env: VARIABLE } or { file: PATH }, never its value',
      'tenants.yaml > 0 > env > GENESYS_CLIENT_SECRET: a secret: give it as { from_env: VARIABLE } or { file: PATH }, never its value',
    ]);
    expect(lines.join('\n')).not.toContain('s3cr3t');
  });

  it('refuses unknown variables, bad and duplicate ids, a shared mapping directory, unknown keys', () => {
    const lines = problemsOf(() =>
      parseTenantsFile(
        `- { id: acme, mappings_dir: ./m, env: { HEALTH_SYNC_DATABASE_URL: postgres://x@h/db } }
- { id: acme, mappings_dir: ./m }
`,
        't.yaml',
      ),
    );
    expect(lines[0]).toMatch(/^t\.yaml > 0 > env > HEALTH_SYNC_DATABASE_URL: not a variable a tenant sets/);
    expect(lines.slice(1)).toEqual([
      't.yaml > 1 > id: duplicate id "acme"',
      't.yaml > 1 > mappings_dir: already the mapping directory of "acme"',
    ]);
    expect(
      problemsOf(() => parseTenantsFile('- { id: Acme-1, mappings_dir: ./m, db: x }', 't.yaml')),
    ).toEqual([
      't.yaml > 0 > id: a short lower-case name: a-z first, then a-z, 0-9 or _ (at most 31)',
      't.yaml > 0: Unrecognized key: "db"',
    ]);
    expect(problemsOf(() => parseTenantsFile('[]', 't.yaml'))).toEqual(['t.yaml: at least one tenant']);
    expect(
      problemsOf(() =>
        parseTenantsFile('- { id: a, mappings_dir: m, env: { SF_PRIVATE_KEY: { from: X } } }', 't.yaml'),
      ),
    ).toEqual(['t.yaml > 0 > env > SF_PRIVATE_KEY: a value, { from_env: VARIABLE } or { file: PATH }']);
  });
});

describe('loadTenantContexts', () => {
  it('without TENANTS_FILE: one default tenant, the environment as parseEnv reads it', async () => {
    const vars = {
      HEALTH_SYNC_DB: '/tmp/x/state.db',
      MAPPINGS_DIR: '/tmp/x/m',
      ZENDESK_SUBDOMAIN: 'acme',
      ZENDESK_EMAIL: 'a@b.example',
      ZENDESK_API_TOKEN: 'tok',
    };
    const [only, ...rest] = await loadTenantContexts(vars);
    expect(rest).toEqual([]);
    expect(only).toEqual({
      id: 'default',
      env: parseEnv(vars),
      mappingsDir: '/tmp/x/m',
      store: { dbPath: '/tmp/x/state.db', databaseUrl: undefined },
    });
  });

  it('resolves references, gives each tenant its store and nothing of the process vendor variables', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'globex_jira_token'), 'globex-jira-token\n');
    writeFileSync(
      join(dir, 'tenants.yaml'),
      `- id: acme
  mappings_dir: acme/mappings
  env:
    ZENDESK_SUBDOMAIN: acme
    ZENDESK_EMAIL: ops@acme.example
    ZENDESK_API_TOKEN: { from_env: ACME_ZENDESK_API_TOKEN }
- id: globex
  mappings_dir: /srv/globex/mappings
  env:
    JIRA_BASE_URL: https://globex.atlassian.net
    JIRA_DEPLOYMENT: cloud
    JIRA_EMAIL: ops@globex.example
    JIRA_API_TOKEN: { file: globex_jira_token }
`,
    );
    const tenants = await loadTenantContexts({
      TENANTS_FILE: join(dir, 'tenants.yaml'),
      HEALTH_SYNC_DB: join(dir, 'data', 'health-sync.db'),
      PORT: '9000',
      ACME_ZENDESK_API_TOKEN: 'acme-zendesk-token',
      // The process's own vendor variables reach no tenant.
      GENESYS_REGION: 'mypurecloud.ie',
      GENESYS_CLIENT_ID: 'id',
      GENESYS_CLIENT_SECRET: 'process-secret',
    });
    const [acme, globex] = tenants;
    expect(tenants.map((t) => t.id)).toEqual(['acme', 'globex']);
    expect(acme?.env.zendesk?.auth).toEqual({
      type: 'token',
      email: 'ops@acme.example',
      apiToken: 'acme-zendesk-token',
    });
    expect([...(acme?.env.skipped ?? [])].sort()).toEqual(['genesys', 'jira', 'salesforce']);
    expect(acme?.env.genesys).toBeUndefined();
    expect(acme?.env.jira).toBeUndefined();
    expect(globex?.env.jira?.auth).toMatchObject({ apiToken: 'globex-jira-token' });
    expect(globex?.env.zendesk).toBeUndefined();
    expect(globex?.env.genesys).toBeUndefined();
    expect(acme?.mappingsDir).toBe(join(dir, 'acme', 'mappings'));
    expect(globex?.mappingsDir).toBe('/srv/globex/mappings');
    expect(acme?.store).toEqual({ dbPath: join(dir, 'data', 'tenants', 'acme.db'), databaseUrl: undefined });
    expect(globex?.env.dbPath).toBe(join(dir, 'data', 'tenants', 'globex.db'));
    expect(acme?.env.mappingsDir).toBe(acme?.mappingsDir);
    expect(acme?.env.port).toBe(9000);
  });

  it('names the file, entry and variable of a missing reference or a half-configured source', async () => {
    const dir = temp();
    const file = join(dir, 'tenants.yaml');
    writeFileSync(
      file,
      `- id: acme
  mappings_dir: acme
  env:
    ZENDESK_API_TOKEN: { from_env: ACME_ZENDESK_API_TOKEN }
    SF_CLIENT_SECRET: { file: nowhere/secret }
- id: globex
  mappings_dir: globex
  env:
    JIRA_BASE_URL: https://globex.atlassian.net
`,
    );
    const lines = await asyncProblems(loadTenantContexts({ TENANTS_FILE: file }));
    expect(lines[0]).toBe(
      `${file} > 0 > env > ZENDESK_API_TOKEN: the environment variable ACME_ZENDESK_API_TOKEN is not set`,
    );
    expect(lines[1]).toBe(
      `${file} > 0 > env > SF_CLIENT_SECRET: the file nowhere/secret cannot be read (ENOENT)`,
    );
    expect(lines[2]).toBe(
      `${file} > 1 > env: Jira: Cloud needs an email and an API token (missing JIRA_EMAIL, JIRA_API_TOKEN)`,
    );
    expect(lines).toHaveLength(3);
    expect(await asyncProblems(loadTenantContexts({ TENANTS_FILE: join(dir, 'missing.yaml') }))).toEqual([
      `${join(dir, 'missing.yaml')}: cannot be read (ENOENT)`,
    ]);
  });
});

describe('a tenant store', () => {
  it('is a file beside the configured one, or a schema of the configured database', () => {
    expect(tenantStoreConfig({ dbPath: './data/health-sync.db', databaseUrl: undefined }, 'acme')).toEqual({
      dbPath: join('data', 'tenants', 'acme.db'),
      databaseUrl: undefined,
    });
    const url =
      tenantStoreConfig({ dbPath: 'x', databaseUrl: 'postgres://u:pw@db:5432/hs' }, 'acme').databaseUrl ?? '';
    expect(schemaOfDatabaseUrl(url)).toBe('tenant_acme');
    expect(new URL(url).password).toBe('pw');
    const under = tenantDatabaseUrl(
      'postgres://u@db/hs?options=-c%20statement_timeout%3D5000%20-c%20search_path%3Dprod',
      'acme',
    );
    expect(schemaOfDatabaseUrl(under)).toBe('prod_acme');
    expect(new URL(under).searchParams.get('options')).toBe(
      '-c statement_timeout=5000 -c search_path=prod_acme',
    );
  });
});
