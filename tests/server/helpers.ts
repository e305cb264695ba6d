import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { loadMappings } from '../../src/config/mappings/load.ts';
import { createLogger } from '../../src/log/logger.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import { createSyncRunner } from '../../src/server/pipeline-module.ts';
import { appContext, createApp } from '../../src/server/app.ts';
import type { AppContext, Clock, PreviewFn } from '../../src/server/deps.ts';
import { createMappingsHolder, type MappingsHolder } from '../../src/server/mappings-holder.ts';
import { createTokenRegistry, hashToken } from '../../src/server/tokens.ts';
import { serverMetrics } from '../../src/server/prometheus.ts';
import { reportReload } from '../../src/server/reload-report.ts';
import { createWorkerValidator, type ValidateFn } from '../../src/server/validator.ts';
import type { SyncRunner } from '../../src/sync/types.ts';
import type { Express } from 'express';
import { SecretScrubber } from '../../src/log/redact.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

/** One token per role, plus a second admin for two-person approvals. */
export const TOKENS = {
  viewer: 'viewer-token-0123456789abcdef',
  operator: 'operator-token-0123456789abcdef',
  admin: 'admin-a-token-0123456789abcdef',
  admin2: 'admin-b-token-0123456789abcdef',
} as const;

export const tokenEntries = [
  { name: 'vera', role: 'viewer' as const, sha256: hashToken(TOKENS.viewer) },
  { name: 'otto', role: 'operator' as const, sha256: hashToken(TOKENS.operator) },
  { name: 'alice', role: 'admin' as const, sha256: hashToken(TOKENS.admin) },
  { name: 'bob', role: 'admin' as const, sha256: hashToken(TOKENS.admin2) },
];

export const bearer = (role: keyof typeof TOKENS): string => `Bearer ${TOKENS[role]}`;

export function tempDir(prefix = 'hs-server-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the shipped mappings, with every scheduled job off unless `schedule` says otherwise. */
export function mappingsDir(dir: string, schedule?: string): string {
  const out = join(dir, 'mappings');
  cpSync(join(ROOT, 'mappings'), out, { recursive: true });
  writeFileSync(
    join(out, 'schedule.yaml'),
    schedule ??
      `version: 1
sources:
  zendesk: { enabled: false }
  jira: { enabled: false }
  genesys: { enabled: false }
  salesforce: { enabled: false }
score: { enabled: false }
`,
  );
  return out;
}

export const readMapping = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');

/** Collects log lines (JSON objects) for assertions. */
export function captureLogger(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const scrubber = new SecretScrubber();
  const logger = createLogger({
    level,
    scrubber,
    destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
  });
  return { logger, lines, scrubber };
}

export interface TestApp {
  app: Express;
  ctx: AppContext;
  store: SqliteStore;
  mappings: MappingsHolder;
  dir: string;
  mappingsPath: string;
  registry: Registry;
  lines: Record<string, unknown>[];
  cleanup(): Promise<void>;
}

export async function testApp(
  options: {
    runner?: (store: SqliteStore) => SyncRunner;
    preview?: PreviewFn;
    schedule?: string;
    /** Wraps the worker-backed validation (to see when one starts). */
    wrapValidate?: (validate: ValidateFn) => ValidateFn;
    clock?: Clock;
    /** Failed authentications per client and minute before 429 (default: the service's). */
    authFailureLimit?: number;
  } = {},
): Promise<TestApp> {
  const dir = tempDir();
  const mappingsPath = mappingsDir(dir, options.schedule);
  const store = openSqliteStore(join(dir, 'state.db'));
  const { logger, lines, scrubber } = captureLogger('debug');
  const registry = new Registry();
  const onReload = reportReload(store, serverMetrics(registry), mappingsPath);
  // The validator serve uses: a worker thread.
  const validator = createWorkerValidator();
  const mappings = createMappingsHolder(
    {
      dir: mappingsPath,
      logger,
      onReload,
      validate: options.wrapValidate ? options.wrapValidate(validator.validate) : validator.validate,
    },
    await loadMappings(mappingsPath),
  );
  const ctx = appContext({
    store,
    mappings,
    runner: options.runner ? options.runner(store) : createSyncRunner({} as never),
    preview:
      options.preview ??
      ((current, proposed) => ({ from: current.digest, to: proposed.digest, changed: [] })),
    tokens: createTokenRegistry(tokenEntries),
    logger,
    scrubber,
    registry,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.authFailureLimit === undefined ? {} : { authFailureLimit: options.authFailureLimit }),
  });
  return {
    app: createApp(ctx),
    ctx,
    store,
    mappings,
    dir,
    mappingsPath,
    registry,
    lines,
    cleanup: async () => {
      await validator.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls until `fn` returns a truthy value. The default wait is long because what is awaited often
 * runs in the validation worker, which runs at the lowest priority and starves on a busy CI machine.
 */
export async function until<T>(
  fn: () => T | Promise<T>,
  timeoutMs = 20_000,
  everyMs = 10,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface ServeProcess {
  child: ChildProcess;
  /** Its stdout and stderr, line by line, as they come. */
  logs: string[];
  exit: Promise<number | null>;
}

/**
 * `health-sync serve` on a free loopback port with a fake pipeline (tests/server/fixtures), in `cwd`
 * and only the environment given (plus PATH): no inherited credentials. The caller kills it.
 */
export function spawnServe(opts: {
  cwd: string;
  env: Record<string, string>;
  pipeline: string;
  extra?: string[];
}): ServeProcess {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/health-sync.js'),
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--pipeline',
      join(ROOT, 'tests/server/fixtures', opts.pipeline),
      ...(opts.extra ?? []),
    ],
    {
      cwd: opts.cwd,
      env: { PATH: process.env['PATH'] ?? '', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: string[] = [];
  child.stderr.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
  child.stdout.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, logs, exit };
}

/** The port of a `serve` once it listens; throws with its output if it exits first. */
export async function listeningPort(s: ServeProcess): Promise<number> {
  const line = await until(
    () =>
      s.logs.find((l) => l.includes('admin API listening')) ??
      (s.child.exitCode !== null ? `exited ${s.child.exitCode}: ${s.logs.join('\n')}` : undefined),
    15_000,
  );
  if (line.startsWith('exited')) throw new Error(line);
  return (JSON.parse(line) as { port: number }).port;
}
