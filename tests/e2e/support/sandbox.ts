import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/start.ts';
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
  close(): Promise<void>;
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
      ...pinnedClockEnv(sandbox.clock.now()),
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
