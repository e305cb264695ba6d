import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/start.ts';

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
  close(): Promise<void>;
}

/**
 * The shipped mappings with one change: Genesys windows older than 30 days are read through the
 * async jobs API, whose polling backoff (0.5 s, 1 s, 2 s… per job) makes a full read of the sandbox
 * take ~35 s. The e2e suite reads every window with the details query instead; the heavy suite keeps
 * the shipped mappings.
 */
export function fastMappingsDir(into: string): string {
  const dir = join(into, 'mappings');
  cpSync('mappings', dir, { recursive: true });
  const file = join(dir, 'genesys.yaml');
  const text = readFileSync(file, 'utf8');
  const patched = text.replace(/^backfill_jobs_after_days:.*$/m, 'backfill_jobs_after_days: 365');
  if (patched === text) throw new Error('genesys.yaml has no backfill_jobs_after_days line to patch');
  writeFileSync(file, patched);
  return dir;
}

export async function openWorld(
  options: SandboxOptions & { shippedMappings?: boolean; rateLimitsForCli?: 'off' | 'documented' } = {},
): Promise<E2eWorld> {
  const { shippedMappings, rateLimitsForCli, ...sandboxOptions } = options;
  const sandbox = await startSandbox({
    seed: E2E_SEED,
    accounts: E2E_ACCOUNTS,
    rateLimits: 'off',
    // Mutations are dated a few minutes ago; a short analytics lag keeps them readable at once.
    genesysLagSeconds: 60,
    ...sandboxOptions,
  });
  const dir = mkdtempSync(join(tmpdir(), 'health-sync-e2e-'));
  const mappingsDir = shippedMappings ? 'mappings' : fastMappingsDir(dir);
  const dbPath = (db = 'health-sync.db'): string => join(dir, db);
  return {
    sandbox,
    dir,
    dbPath,
    env: (db, extra = {}) => ({
      ...sandbox.env,
      HEALTH_SYNC_RATE_LIMITS: rateLimitsForCli ?? 'off',
      HEALTH_SYNC_DB: dbPath(db),
      HEALTH_SYNC_HASH_KEY: E2E_HASH_KEY,
      MAPPINGS_DIR: mappingsDir,
      LOG_LEVEL: 'info',
      ...extra,
    }),
    close: async () => {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
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
