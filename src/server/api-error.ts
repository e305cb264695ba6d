import { z } from 'zod';
import { ConfigError, HealthSyncError } from '../errors.ts';
import { RunRefusedError } from '../sync/single-flight.ts';

/** The one error envelope of the admin API: `{ error: { code, message, details? } }`. */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** What an audited call that failed still records (the route knows its target and digests). */
export interface AuditNote {
  target?: string | null;
  beforeDigest?: string | null;
  afterDigest?: string | null;
  detail?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly headers: Record<string, string>;
  audit: AuditNote | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { details?: unknown; headers?: Record<string, string>; audit?: AuditNote } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
    this.audit = options.audit;
  }

  envelope(): ErrorEnvelope {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

// body-parser's error types, by what the client did wrong.
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'INVALID_JSON', 'the body is not valid JSON'],
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', 'the body is larger than the limit'],
  'entity.verify.failed': [400, 'BAD_REQUEST', 'the body was refused'],
  'encoding.unsupported': [415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported content encoding'],
  'charset.unsupported': [415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported charset'],
  'request.aborted': [400, 'BAD_REQUEST', 'the request was aborted'],
  'request.size.invalid': [400, 'BAD_REQUEST', 'the body is shorter or longer than Content-Length'],
  'parameters.too.many': [413, 'PAYLOAD_TOO_LARGE', 'too many parameters'],
};

interface HttpLikeError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
  message?: unknown;
}

/**
 * Turns anything thrown into an ApiError. Only client mistakes keep their message; everything else
 * becomes a 500 that says nothing about the internals (the log has the detail).
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof RunRefusedError)
    return err.reason === 'busy'
      ? new ApiError(409, 'RUN_IN_PROGRESS', err.message, {
          details: err.runId === undefined ? undefined : { runId: err.runId },
        })
      : new ApiError(503, 'SHUTTING_DOWN', err.message);
  if (err instanceof ConfigError)
    return new ApiError(422, 'MAPPINGS_INVALID', 'the mappings are not valid', {
      details: { problems: err.problems },
    });
  if (err instanceof HealthSyncError) {
    if (err.code === 'NOT_FOUND') return new ApiError(404, 'NOT_FOUND', err.message);
    if (err.code === 'USAGE') return new ApiError(400, 'BAD_REQUEST', err.message);
    return new ApiError(500, 'INTERNAL', 'internal error');
  }
  if (typeof err === 'object' && err !== null) {
    const e = err as HttpLikeError;
    const known = typeof e.type === 'string' ? BODY_ERRORS[e.type] : undefined;
    if (known) return new ApiError(known[0], known[1], known[2]);
    const status =
      typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 0;
    if (status >= 400 && status < 500) {
      const message = e.expose === true && typeof e.message === 'string' ? e.message : 'bad request';
      return new ApiError(status, status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message.slice(0, 200));
    }
  }
  return new ApiError(500, 'INTERNAL', 'internal error');
}

/** Zod issues as error details: where and what, never the offending value. */
export function zodDetails(where: 'params' | 'query' | 'body', error: z.ZodError): { issues: unknown[] } {
  return {
    issues: error.issues.map((i) => ({
      in: where,
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
      ...(i.code === 'unrecognized_keys' ? { keys: i.keys } : {}),
    })),
  };
}
