import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/start.ts';
import { openStore, type StoreConfig } from '../../../src/store/open-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { DAY_MS, pinnedClockEnv, TEST_DAY, TEST_NOW } from '../../support/test-clock.ts';

/**
 * A sandbox and a temp directory for one scenario, and the environment that points the CLI at
 * both. The hash key is fixed so that two databases fed by identical sandboxes hold identical facts.
 */
export const E2E_HASH_KEY = 'e2e-hash-key-3f9a1c77d2b04e58';
export const E2E_SEED = 11;
export const E2E_ACCOUNTS = 50;

export interface E2eWorld {
  sandbox: Sandbox;
  dir: string;
  /** The env for the CLI with this database file (a name inside `dir`). */
  env(db?: string, extra?: Record<string, string>): Record<string, string>;
  dbPath(db?: string): string;
  /** Where the CLI with `env(db)` keeps its state: the SQLite file, or its own Postgres schema. */
  storeConfig(db?: string): StoreConfig;
  /** That store, opened by the test (to read what the CLI left, or to run a pipeline in process). */
  openStore(db?: string): Promise<Store>;
  close(): Promise<void>;
}

/**
 * `npm run test:postgres` runs this suite with HEALTH_SYNC_DATABASE_URL set: each world's databases
 * are then schemas of that database (`?options=-c search_path=…`, created by the store when it opens),
 * one per database name, dropped when the world closes, so that scenarios run in parallel.
 */
const POSTGRES_BASE_URL = process.env['HEALTH_SYNC_DATABASE_URL'];

function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function dropSchemas(url: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)',
      [prefix],
    );
    for (const { name } of rows) await client.query(`DROP SCHEMA "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A copy of the shipped mappings for the pinned clock. The shipped `genesys.yaml` starts on a fixed
 * date; the copy starts 180 days before the pinned day (as a user sets it: "scores look back at most
 * 180 days"), so the number of windows does not depend on the day the suite runs.
 *
 * With `fast` (the default suite), Genesys windows older than 30 days are read with the details query
 * instead of the async jobs API, whose polling backoff (0.5 s, 1 s, 2 s… per job) makes a full read of
 * the sandbox take ~35 s. The heavy suite keeps the jobs path.
 */
export function e2eMappingsDir(into: string, fast = true): string {
  const dir = join(into, 'mappings');
  cpSync('mappings', dir, { recursive: true });
  const file = join(dir, 'genesys.yaml');
  const start = new Date(TEST_DAY - 180 * DAY_MS).toISOString().slice(0, 10);
  let text = patchLine(readFileSync(file, 'utf8'), /^start_date:.*$/m, `start_date: "${start}"`);
  if (fast) text = patchLine(text, /^backfill_jobs_after_days:.*$/m, 'backfill_jobs_after_days: 365');
  writeFileSync(file, text);
  return dir;
}

function patchLine(text: string, line: RegExp, replacement: string): string {
  if (!line.test(text)) throw new Error(`genesys.yaml has no line ${line} to patch`);
  return text.replace(line, replacement);
}

export async function openWorld(
  options: SandboxOptions & { shippedMappings?: boolean; rateLimitsForCli?: 'off' | 'documented' } = {},
): Promise<E2eWorld> {
  const { shippedMappings, rateLimitsForCli, ...sandboxOptions } = options;
  const sandbox = await startSandbox({
    // The data ends on the pinned day and the simulators' clock starts at the pinned instant; every
    // CLI started with `env()` shares that clock.
    now: TEST_DAY,
    clockAt: TEST_NOW,
    seed: E2E_SEED,
    accounts: E2E_ACCOUNTS,
    rateLimits: 'off',
    // Mutations are dated a few minutes ago; a short analytics lag keeps them readable at once.
    genesysLagSeconds: 60,
    ...sandboxOptions,
  });
  const dir = mkdtempSync(join(tmpdir(), 'health-sync-e2e-'));
  const mappingsDir = e2eMappingsDir(dir, !shippedMappings);
  const dbPath = (db = 'health-sync.db'): string => join(dir, db);
  const prefix = `e2e_${randomBytes(5).toString('hex')}_`;
  const storeConfig = (db = 'health-sync.db'): StoreConfig => ({
    dbPath: dbPath(db),
    databaseUrl:
      POSTGRES_BASE_URL === undefined
        ? undefined
        : withSchema(POSTGRES_BASE_URL, `${prefix}${db.replace(/\W/g, '_')}`),
  });
  return {
    sandbox,
    dir,
    dbPath,
    storeConfig,
    openStore: (db) => openStore(storeConfig(db)),
    env: (db, extra = {}) => ({
      ...sandbox.env,
      HEALTH_SYNC_RATE_LIMITS: rateLimitsForCli ?? 'off',
      HEALTH_SYNC_DB: dbPath(db),
      ...(POSTGRES_BASE_URL === undefined ? {} : { HEALTH_SYNC_DATABASE_URL: storeConfig(db).databaseUrl! }),
      HEALTH_SYNC_HASH_KEY: E2E_HASH_KEY,
      MAPPINGS_DIR: mappingsDir,
      LOG_LEVEL: 'info',
      ...pinnedClockEnv(sandbox.clock.now()),
      ...extra,
    }),
    close: async () => {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
      if (POSTGRES_BASE_URL !== undefined) await dropSchemas(POSTGRES_BASE_URL, prefix);
    },
  };
}

/** POSTs JSON to a simulator's control endpoint. */
export async function control(baseUrl: string, path: string, body: unknown): Promise<unknown> {
  const r = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${path}: ${r.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

export async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return (await r.json()) as T;
}
