import type { AuthProvider } from './types.ts';

/**
 * Credentials one request may have refused before it fails: the one it was sent with, then one renewal
 * and, if that fresh token is refused too (revoked, or spent by the requests in flight beside it),
 * one more. A credential the API never accepts fails after three sends, not in a loop.
 */
export const MAX_REFUSED_CREDENTIALS = 3;

/**
 * What a 401 means for one request, given the Authorization values refused for it so far (`refused`,
 * updated here): replay it (and why, for the log), or fail (with the reason when there is more to say
 * than "HTTP 401"). Only a value that changed since the last refusal, i.e. a token issued after the
 * request was sent, earns another replay: the same value refused twice is final.
 */
export function onUnauthorized(
  refused: string[],
  header: string,
  auth: AuthProvider,
): { replay: true; message: string } | { replay: false; reason?: string } {
  const again = refused.includes(header);
  if (!again) refused.push(header);
  if (!again && refused.length < MAX_REFUSED_CREDENTIALS)
    return {
      replay: true,
      message: auth.invalidate(header)
        ? 'HTTP 401: the token was refused; renewing it and replaying'
        : 'HTTP 401 with a token already renewed (or a fixed credential); replaying with the current one',
    };
  if (refused.length < 2) return { replay: false };
  return {
    replay: false,
    reason: `HTTP 401: the API refused ${refused.length} tokens in a row, ${refused.length - 1} of them issued after the request was sent; the client's credentials are not accepted (check its roles, scopes and region)`,
  };
}
