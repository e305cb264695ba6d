import { SourceError, type SourceName } from '../errors.ts';
import type { SecretScrubber } from '../log/redact.ts';

/**
 * How failed calls become `SourceError`s: method, endpoint, status and a short scrubbed body, never
 * headers, tokens or the request. Vendor error bodies can echo personal data, so emails and long digit
 * runs (phone numbers) are masked too.
 */
const MAX_BODY = 300;

export function shortBody(text: string, scrubber: SecretScrubber): string {
  return scrubber
    .scrub(text)
    .replace(/[^\s@"'<>()[\]{},;:]+@[^\s@"'<>()[\]{},;:]+\.[a-z]{2,}/gi, '[email]')
    .replace(/\+?\d[\d ().-]{7,}\d/g, '[number]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_BODY);
}

export interface CallInfo {
  source: SourceName;
  method: string;
  endpoint: string;
}

export function httpError(
  call: CallInfo,
  status: number,
  body: string,
  reason: string,
  scrubber: SecretScrubber,
): SourceError {
  const code =
    status === 401 || status === 403 ? 'SOURCE_AUTH' : status === 429 ? 'SOURCE_RATE_LIMITED' : 'SOURCE_HTTP';
  return new SourceError(
    code,
    call.source,
    `${call.endpoint} failed with HTTP ${status} (${reason})`,
    { method: call.method, endpoint: call.endpoint, status, body: shortBody(body, scrubber) },
    { retryable: code === 'SOURCE_RATE_LIMITED' || status >= 500 },
  );
}

export function networkError(call: CallInfo, err: unknown, reason: string): SourceError {
  return new SourceError(
    'SOURCE_NETWORK',
    call.source,
    `${call.endpoint} failed: ${reason}`,
    { method: call.method, endpoint: call.endpoint },
    { cause: err, retryable: true },
  );
}

export function invalidResponseError(
  call: CallInfo,
  status: number,
  problem: string,
  extra: Record<string, string | number> = {},
): SourceError {
  return new SourceError(
    'SOURCE_RESPONSE_INVALID',
    call.source,
    `${call.endpoint} returned a response that does not parse: ${problem}`,
    { method: call.method, endpoint: call.endpoint, status, problem, ...extra },
  );
}
