import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../src/server/start.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadTenantContexts, tenantSchema, type TenantContext } from '../../src/tenants/index.ts';
import { removeTenantDirs, twoTenants } from './two-tenants.ts';
import { captureLogger, mappingsDir, tempDir } from '../server/helpers.ts';
import { hashToken } from '../../src/server/tokens.ts';
import { TEST_DATABASE_URL, dropSchema, freshSchema, postgresReachable } from '../store/contract/stores.ts';

const opened: Store[] = [];
const dirs: string[] = [];
const schemas: string[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const name of schemas.splice(0)) await dropSchema(name);
  removeTenantDirs();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes acme's rows, then tries to read them through globex's store: none must come back. */
async function tryCrossTenantRead(tenants: TenantContext[]): Promise<void> {
  const [acme, globex] = await Promise.all(tenants.map((t) => openStore(t.store)));
  opened.push(acme!, globex!);
  await acme!.meta.set('acme-only', 'acme secret value');
  const run = await acme!.runs.start('api', { tenant: 'acme' });
  await acme!.audit.append({
    at: 1,
    actor: 'alice',
    action: 'test',
    target: 'acme',
    beforeDigest: null,
    afterDigest: null,
    detail: {},
  });
  // The same store, reopened, sees acme's rows: the reads below can fail only by isolation.
  expect(await acme!.meta.get('acme-only')).toBe('acme secret value');
  expect(await globex!.meta.get('acme-only')).toBeUndefined();
  expect(await globex!.runs.get(run.id)).toBeUndefined();
  expect(await globex!.runs.list()).toEqual([]);
  expect(await globex!.audit.list({ limit: 50 })).toEqual([]);
}

describe('tenant stores', () => {
  it("SQLite: a file per tenant; one tenant reads none of another tenant's rows", async () => {
    const { tenants, dir } = await twoTenants();
    expect(tenants.map((t) => t.store.dbPath)).toEqual([
      join(dir, 'data', 'tenants', 'acme.db'),
      join(dir, 'data', 'tenants', 'globex.db'),
    ]);
    await tryCrossTenantRead(tenants);
  });

  it.skipIf(!postgresReachable)(
    'Postgres: a schema per tenant; not even raw SQL on its connection sees another tenant',
    async () => {
      const base = freshSchema();
      const url = new URL(TEST_DATABASE_URL);
      url.searchParams.set('options', `-c search_path=${base}`);
      const { tenants } = await twoTenants(url.toString());
      schemas.push(...tenants.map((t) => tenantSchema(url.toString(), t.id)));
      expect(schemas).toEqual([`${base}_acme`, `${base}_globex`]);
      await tryCrossTenantRead(tenants);
      const globex = opened[1] as Store & { postgres: { query(sql: string): Promise<unknown[]> } };
      // An unqualified query (every store query is one) resolves in the tenant's own schema only.
      expect(await globex.postgres.query("SELECT value FROM meta WHERE key = 'acme-only'")).toEqual([]);
      expect(await globex.postgres.query('SELECT current_schema() AS s')).toEqual([{ s: `${base}_globex` }]);
    },
  );
});

describe('the admin API of several tenants', () => {
  let service: RunningService | undefined;
  afterEach(async () => {
    if (service) expect(await service.shutdown('test')).toBe(0);
    service = undefined;
  });

  async function serve(): Promise<{
    call: (path: string, token?: string, method?: string) => Promise<{ status: number; body: unknown }>;
  }> {
    const { tenants } = await twoTenants();
    const { logger, scrubber } = captureLogger();
    const env = tenants[0]!.env;
    service = await startService(env, logger, scrubber, {
      port: 0,
      host: '127.0.0.1',
      schedule: false,
      shutdownTimeoutMs: 5000,
      tenants,
    });
    const port = service.port;
    return {
      call: async (path, token, method = 'GET') => {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, {
          method,
          headers: token ? { Authorization: `Bearer ${token}` } : {},
        });
        return { status: res.status, body: (await res.json()) as unknown };
      },
    };
  }

  it('serves each tenant its own rows, and answers 404 for a tenant the token is not bound to, as for no tenant', async () => {
    const { call } = await serve();
    const [acme, globex] = service!.tenants;
    expect(service!.tenants.map((t) => t.id)).toEqual(['acme', 'globex']);
    const run = await acme!.store.runs.start('api', { tenant: 'acme' });

    const own = await call('/tenants/acme/runs', 'alice-token-0123456789');
    expect(own.status).toBe(200);
    expect((own.body as { items: { id: number }[] }).items.map((r) => r.id)).toEqual([run.id]);
    expect((await call(`/tenants/acme/runs/${run.id}`, 'alice-token-0123456789')).status).toBe(200);
    expect((await call('/tenants/globex/runs', 'gabe-token-0123456789')).body).toEqual({
      items: [],
      nextBefore: null,
    });
    expect((await call(`/tenants/globex/runs/${run.id}`, 'gabe-token-0123456789')).status).toBe(404);
    expect(await globex!.store.runs.list()).toEqual([]);

    // gabe (globex) tries acme's rows: 404, with the same body as a tenant that does not exist.
    const theirs = await call(`/tenants/acme/runs/${run.id}`, 'gabe-token-0123456789');
    const nobody = await call(`/tenants/initech/runs/${run.id}`, 'gabe-token-0123456789');
    expect(theirs).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'no such tenant' } },
    });
    expect(nobody).toEqual(theirs);
    expect((await call('/tenants/acme/accounts', 'gabe-token-0123456789')).status).toBe(404);
    // A route above the token's role is 404 too, not 403: a 403 would say the tenant exists.
    expect(await call('/tenants/acme/runs', 'gabe-token-0123456789', 'POST')).toEqual(theirs);
    // Even the public routes need a bound token under a tenant's prefix.
    expect((await call('/tenants/acme/healthz', 'gabe-token-0123456789')).status).toBe(404);
    expect((await call('/tenants/acme/healthz', 'alice-token-0123456789')).status).toBe(200);
    // Without a token: 401 for a tenant that exists and for one that does not alike.
    expect((await call('/tenants/acme/runs')).status).toBe(401);
    expect((await call('/tenants/initech/runs')).status).toBe(401);
    // '*' reaches every tenant; a token that names none reaches none once there are several.
    expect((await call('/tenants/globex/runs', 'root-token-0123456789')).status).toBe(200);
    expect((await call('/tenants/acme/runs', 'root-token-0123456789')).status).toBe(200);
    expect((await call('/tenants/acme/runs', 'old-token-0123456789')).status).toBe(404);
    // Unprefixed: the public routes answer; the others ask for a tenant.
    expect((await call('/healthz')).status).toBe(200);
    // GET /me is about the caller: it answers unprefixed, with the tenants the token may use.
    expect((await call('/me', 'alice-token-0123456789')).body).toEqual({
      name: 'alice',
      role: 'admin',
      tenants: ['acme'],
    });
    expect((await call('/me', 'root-token-0123456789')).body).toMatchObject({ tenants: ['acme', 'globex'] });
    expect((await call('/me', 'old-token-0123456789')).body).toMatchObject({ tenants: [] });
    expect(await call('/runs', 'alice-token-0123456789')).toEqual({
      status: 404,
      body: {
        error: {
          code: 'NOT_FOUND',
          message: 'this service has several tenants: name one (/tenants/<tenant>/...)',
        },
      },
    });
  });

  it('runs each tenant with its own credentials and mappings', async () => {
    await serve();
    const [acme, globex] = service!.tenants;
    expect(acme!.ctx.sources).toEqual(['zendesk']);
    expect(globex!.ctx.sources).toEqual([]);
    expect(acme!.mappings.dir).toMatch(/acme\/mappings$/);
    expect(globex!.mappings.dir).toMatch(/globex\/mappings$/);
  });
});

describe("each tenant's schedule", () => {
  it("is its own mapping directory's schedule.yaml, over its own configured sources", async () => {
    const { tenants, dir } = await twoTenants();
    const schedule = (cron: string) => `version: 1
sources:
  zendesk: { cron: "${cron}", enabled: true }
  genesys: { enabled: false }
  jira: { enabled: false }
  salesforce: { enabled: false }
score: { enabled: false }
`;
    writeFileSync(join(dir, 'acme', 'mappings', 'schedule.yaml'), schedule('7 * * * *'));
    writeFileSync(join(dir, 'globex', 'mappings', 'schedule.yaml'), schedule('9 * * * *'));
    const { logger, scrubber } = captureLogger();
    const service = await startService(tenants[0]!.env, logger, scrubber, {
      port: 0,
      host: '127.0.0.1',
      schedule: true,
      shutdownTimeoutMs: 5000,
      tenants,
    });
    try {
      const [acme, globex] = service.tenants;
      expect(acme!.scheduler.jobs().map((j) => [j.name, j.cron])).toEqual([['zendesk', '7 * * * *']]);
      // globex has no Zendesk credentials: its schedule names the source, nothing runs it.
      expect(globex!.scheduler.jobs()).toEqual([]);
    } finally {
      expect(await service.shutdown('test')).toBe(0);
    }
  });
});

describe('a single-company install (no TENANTS_FILE)', () => {
  it('is the one tenant "default": unprefixed routes as before, and /tenants/default/ for the same rows', async () => {
    const dir = tempDir('hs-tenants-');
    dirs.push(dir);
    const tokensFile = join(dir, 'tokens.yaml');
    writeFileSync(
      tokensFile,
      `- { name: old, role: viewer, sha256: ${hashToken('old-token-0123456789')} }\n`,
    );
    const [only, ...rest] = await loadTenantContexts({
      HEALTH_SYNC_DB: join(dir, 'state.db'),
      MAPPINGS_DIR: mappingsDir(dir),
      ADMIN_TOKENS_FILE: tokensFile,
    });
    expect(rest).toEqual([]);
    expect(only?.store.dbPath).toBe(join(dir, 'state.db'));
    const { logger, scrubber } = captureLogger();
    const service = await startService(only!.env, logger, scrubber, {
      port: 0,
      host: '127.0.0.1',
      schedule: false,
      shutdownTimeoutMs: 5000,
    });
    try {
      const run = await service.store.runs.start('api', {});
      await service.store.runs.finish(run.id, 'succeeded', {});
      const get = async (path: string) => {
        const res = await fetch(`http://127.0.0.1:${service.port}${path}`, {
          headers: { Authorization: 'Bearer old-token-0123456789' },
        });
        return { status: res.status, body: (await res.json()) as unknown };
      };
      const direct = await get(`/runs/${run.id}`);
      expect(direct.status).toBe(200);
      expect(await get(`/tenants/default/runs/${run.id}`)).toEqual(direct);
      expect((await get('/tenants/acme/runs')).status).toBe(404);
      expect((await get('/healthz')).status).toBe(200);
      // The console offers no tenant switch: the one tenant is reached unprefixed.
      expect((await get('/me')).body).toEqual({ name: 'old', role: 'viewer', tenants: ['default'] });
    } finally {
      expect(await service.shutdown('test')).toBe(0);
    }
  });
});

describe('a tokens file naming a tenant the process does not serve', () => {
  it('is refused at start (exit 2) with the entry it is in', async () => {
    const { tenants, tokensFile } = await twoTenants();
    writeFileSync(
      tokensFile,
      `- { name: alice, role: admin, tenants: [acme, acmee], sha256: ${hashToken('x-token-0123456789')} }\n`,
    );
    const { logger, scrubber } = captureLogger();
    await expect(
      startService(tenants[0]!.env, logger, scrubber, {
        port: 0,
        host: '127.0.0.1',
        schedule: false,
        shutdownTimeoutMs: 5000,
        tenants,
      }),
    ).rejects.toThrow('tokens.yaml > 0 > tenants > 1: no tenant "acmee" (acme, globex)');
  });
});
