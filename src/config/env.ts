import { z } from 'zod';
import { EnvError } from '../errors.ts';
import { SOURCES, type SourceName } from '../sources.ts';
import { describeVarIssues, optional, type EnvIssues, type SourceEnvParser } from './env-vars.ts';

/**
 * The environment, parsed once at start. This module is the only reader of `process.env`:
 * everything else receives an `AppEnv`. Each source's variables are declared in its connector
 * (`connectors/<vendor>/env.ts`); the service's own are here.
 */
// The password may sit in the URL (libpq's form): it is registered with the scrubber, and messages
// name the database by describeDatabaseUrl, never by the URL itself.
const isPostgresUrl = (url: string): boolean => {
  const parsed = URL.parse(url);
  return parsed !== null && /^postgres(ql)?:$/.test(parsed.protocol) && parsed.hostname !== '';
};

const ServiceVars = z.object({
  HEALTH_SYNC_DB: optional,
  HEALTH_SYNC_DATABASE_URL: optional.pipe(
    z
      .string()
      .refine(isPostgresUrl, 'a postgres:// URL (postgres://user:password@host:5432/database)')
      .optional(),
  ),
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
  HEALTH_SYNC_QUEUE: optional.pipe(z.enum(['pg-boss']).optional()),
  HEALTH_SYNC_QUEUE_SCHEMA: optional.pipe(
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case Postgres schema name (letters, digits, _)')
      .optional(),
  ),
  HEALTH_SYNC_QUEUE_HEARTBEAT_SECONDS: optional.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'a whole number of seconds (at least 10)')
      .transform(Number)
      .pipe(z.number().min(10, 'at least 10 seconds'))
      .optional(),
  ),
  // Set by npm for `npx`, `npm exec` and `npm run`: the process then runs under npm's `sh -c`.
  npm_command: optional,
});

type Source = (typeof SOURCES)[number];
type EnvOf<S extends Source> = S['env'] extends SourceEnvParser<infer Env> ? Env : never;
/** Each source's configuration, or undefined when it is skipped. */
type SourceEnvs = { [S in Source as S['name']]: EnvOf<S> | undefined };

interface ServiceEnv {
  dbPath: string;
  /** Postgres instead of the SQLite file at `dbPath` when set (`HEALTH_SYNC_DATABASE_URL`). */
  databaseUrl: string | undefined;
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
  /** Sources with no variable set at all: skipped, with one log line each. */
  skipped: SourceName[];
  /**
   * The job queue of a many-tenant deployment, on the Postgres store's database (undefined without
   * one). `worker` always uses it; `serve` schedules jobs on it only when `enabled`.
   */
  queue: QueueEnv | undefined;
}

export interface QueueEnv {
  /** `HEALTH_SYNC_QUEUE=pg-boss`: `serve` queues jobs for workers instead of running them itself. */
  enabled: boolean;
  /** The database the queue lives in: `HEALTH_SYNC_DATABASE_URL`. */
  databaseUrl: string;
  /** pg-boss's schema and our lock and rate-limit tables (`HEALTH_SYNC_QUEUE_SCHEMA`, default `health_sync_queue`). */
  schema: string;
  /** A worker silent this long is presumed dead and its job retried elsewhere (default 30, at least 10). */
  heartbeatSeconds: number;
}
export type AppEnv = ServiceEnv & SourceEnvs;

/** Parses the environment; throws one `EnvError` that lists every bad or half-configured variable. */
export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  // Malformed values first, the service's then each source's: a half-configuration is judged only on
  // well-formed values.
  const parsed = ServiceVars.safeParse(source);
  const reads = SOURCES.map((s) => ({ name: s.name, read: s.env.read(source) }));
  const invalid = [
    ...(parsed.success ? [] : describeVarIssues(parsed.error)),
    ...reads.flatMap(({ read }) => read.invalid ?? []),
  ];
  if (!parsed.success || invalid.length) throw new EnvError(invalid);
  const e = parsed.data;
  const skipped: SourceName[] = [];
  const issues: EnvIssues = [];
  const resolved: Record<string, unknown> = {};
  for (const { name, read } of reads) {
    if (read.invalid) continue; // thrown above
    if (!read.configured) skipped.push(name);
    resolved[name] = read.configured ? read.resolve(issues) : undefined;
  }
  if (e.HEALTH_SYNC_QUEUE !== undefined && e.HEALTH_SYNC_DATABASE_URL === undefined)
    issues.push('HEALTH_SYNC_QUEUE: the queue lives in Postgres: set HEALTH_SYNC_DATABASE_URL too');
  if (issues.length) throw new EnvError(issues);
  return {
    dbPath: e.HEALTH_SYNC_DB ?? './data/health-sync.db',
    databaseUrl: e.HEALTH_SYNC_DATABASE_URL,
    mappingsDir: e.MAPPINGS_DIR ?? './mappings',
    port: e.PORT ?? 8080,
    logLevel: e.LOG_LEVEL ?? 'info',
    adminTokensFile: e.ADMIN_TOKENS_FILE,
    adminAuthFailureLimit: e.ADMIN_AUTH_FAILURE_LIMIT,
    hashKey: e.HEALTH_SYNC_HASH_KEY,
    rateLimits: e.HEALTH_SYNC_RATE_LIMITS ?? 'documented',
    followParent: (e.HEALTH_SYNC_FOLLOW_PARENT ?? (e.npm_command === undefined ? '0' : '1')) === '1',
    // Each source's parser resolves its own configuration: the name keys its type.
    ...(resolved as SourceEnvs),
    skipped,
    queue:
      e.HEALTH_SYNC_DATABASE_URL === undefined
        ? undefined
        : {
            enabled: e.HEALTH_SYNC_QUEUE === 'pg-boss',
            databaseUrl: e.HEALTH_SYNC_DATABASE_URL,
            schema: e.HEALTH_SYNC_QUEUE_SCHEMA ?? 'health_sync_queue',
            heartbeatSeconds: e.HEALTH_SYNC_QUEUE_HEARTBEAT_SECONDS ?? 30,
          },
  };
}

let cached: AppEnv | undefined;
/** The process environment, parsed once. */
export function loadEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
