import { SourceError } from '../../src/errors.ts';
import { RETRY_STATUSES, networkCode } from '../../src/http/index.ts';

/**
 * What Salesforce's error codes mean for us. Codes come from the REST API's error bodies
 * (`[{errorCode, message}]`) and from per-record results (`errors[].statusCode`).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */

/** Per-record failures that pass: the same record usually succeeds a little later. */
export const TRANSIENT_RECORD_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'REQUEST_RUNNING_TOO_LONG',
  'QUERY_TIMEOUT',
  // Bulk API 2.0: records Salesforce never got to (job aborted or failed part-way).
  'UNPROCESSED',
]);

export const isTransientRecordCode = (code: string): boolean => TRANSIENT_RECORD_CODES.has(code);

/** The org's daily API allocation is spent (HTTP 403): nothing more can be sent today. */
export const LIMIT_EXCEEDED = 'REQUEST_LIMIT_EXCEEDED';

/**
 * The error code jsforce attaches (`errorCode`; `ERROR_HTTP_<status>` for non-JSON bodies), also
 * through a SourceError that wraps it (`context.code`).
 */
export function sfErrorCode(err: unknown): string | undefined {
  if (err instanceof SourceError) {
    const code = err.context['code'];
    return typeof code === 'string' ? code : sfErrorCode(err.cause);
  }
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { errorCode?: unknown }).errorCode;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A whole request that failed for a passing reason, by the shared retry policy's rules (src/http):
 * a network failure, or a transient status (jsforce reports non-JSON errors as `ERROR_HTTP_<status>`).
 * Safe to send again for updates; never for creates.
 */
export function isTransientRequestError(err: unknown): boolean {
  if (err instanceof SourceError) return err.retryable;
  const code = sfErrorCode(err);
  if (code === undefined) {
    const network = networkCode(err);
    return network !== undefined && network !== 'ABORTED';
  }
  if (code === 'SERVER_UNAVAILABLE' || code === 'REQUEST_RUNNING_TOO_LONG') return true;
  const http = /^ERROR_HTTP_(\d{3})$/.exec(code);
  return http !== null && RETRY_STATUSES.has(Number(http[1]));
}

export const isLimitExceeded = (err: unknown): boolean => sfErrorCode(err) === LIMIT_EXCEEDED;

/** Wraps a jsforce failure into a SourceError with a scrubbed context (code, endpoint; never the request). */
export function toSourceError(err: unknown, endpoint: string): SourceError {
  if (err instanceof SourceError) return err;
  const code = sfErrorCode(err);
  const message = err instanceof Error ? err.message.slice(0, 300) : String(err).slice(0, 300);
  const options = { cause: err, retryable: isTransientRequestError(err) };
  if (code === 'INVALID_SESSION_ID' || code === 'INVALID_AUTH_HEADER')
    return new SourceError(
      'SOURCE_AUTH',
      'salesforce',
      `${endpoint}: ${message}`,
      { endpoint, code },
      options,
    );
  if (code === LIMIT_EXCEEDED)
    return new SourceError(
      'SOURCE_RATE_LIMITED',
      'salesforce',
      `${endpoint}: ${message}`,
      { endpoint, code },
      options,
    );
  if (code === undefined && networkCode(err) !== undefined)
    return new SourceError('SOURCE_NETWORK', 'salesforce', `${endpoint}: ${message}`, { endpoint }, options);
  return new SourceError('SOURCE_HTTP', 'salesforce', `${endpoint}: ${message}`, { endpoint, code }, options);
}
