import type { SourceName } from './sources.ts';

/**
 * Typed errors with a stable `code` an operator (or a script) can act on, and a context that is safe to log:
 * never a token, password, key or a raw request body.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'ENV_INVALID'
  | 'SOURCE_HTTP'
  | 'SOURCE_RESPONSE_INVALID'
  | 'SOURCE_AUTH'
  | 'SOURCE_RATE_LIMITED'
  | 'SOURCE_NETWORK'
  | 'WRITE_FAILED'
  | 'WRITE_BUDGET_EXHAUSTED'
  | 'WRITE_SKIPPED'
  | 'STORE_FAILED'
  | 'RUN_IN_PROGRESS'
  | 'NOT_FOUND'
  | 'USAGE'
  | 'JOB_FAILED';

export type ErrorContext = Record<string, string | number | boolean | null | undefined>;

export class HealthSyncError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }

  toJSON(): { code: ErrorCode; message: string; context: ErrorContext } {
    return { code: this.code, message: this.message, context: this.context };
  }
}

/** One problem in a mapping file: `scorecard.yaml > measures > 3 > weight (line 41): must be positive`. */
export interface ConfigProblem {
  file: string;
  path: (string | number)[];
  message: string;
  line?: number;
}

export function formatProblem(p: ConfigProblem): string {
  const where = [p.file, ...p.path.map(String)].join(' > ');
  return `${where}${p.line === undefined ? '' : ` (line ${p.line})`}: ${p.message}`;
}

export class ConfigError extends HealthSyncError {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[], summary = 'Invalid configuration') {
    super('CONFIG_INVALID', `${summary}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`, {
      problems: problems.length,
    });
    this.problems = problems;
  }
}

/** Every bad or half-configured environment variable, in one error. */
export class EnvError extends HealthSyncError {
  readonly issues: string[];

  constructor(issues: string[]) {
    super('ENV_INVALID', `Invalid environment:\n${issues.map((i) => `  ${i}`).join('\n')}`, {
      issues: issues.length,
    });
    this.issues = issues;
  }
}

// Lower layers (http, connectors) name a source through here rather than through the registry.
export type { SourceName };

/** A vendor call that failed for good (after retries), or a response that does not parse. */
export class SourceError extends HealthSyncError {
  readonly source: SourceName;
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(
    code: Extract<ErrorCode, `SOURCE_${string}`>,
    source: SourceName,
    message: string,
    context: ErrorContext & { method?: string; endpoint?: string; status?: number } = {},
    options?: ErrorOptions & { retryable?: boolean },
  ) {
    super(code, `${source}: ${message}`, { source, ...context }, options);
    this.source = source;
    this.status = context.status;
    this.retryable = options?.retryable ?? false;
  }
}

export class WriteError extends HealthSyncError {
  constructor(
    code: Extract<ErrorCode, `WRITE_${string}`>,
    message: string,
    context: ErrorContext = {},
    options?: ErrorOptions,
  ) {
    super(code, message, context, options);
  }
}

export class StoreError extends HealthSyncError {
  constructor(message: string, context: ErrorContext = {}, options?: ErrorOptions) {
    super('STORE_FAILED', message, context, options);
  }
}

export class UsageError extends HealthSyncError {
  constructor(message: string, context: ErrorContext = {}) {
    super('USAGE', message, context);
  }
}

/** Exit codes of the CLI (DESIGN.md): 0 ok, 1 run failed, 2 bad input. */
export function exitCodeFor(err: unknown): 1 | 2 {
  return err instanceof ConfigError || err instanceof EnvError || err instanceof UsageError ? 2 : 1;
}
