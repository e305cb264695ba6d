import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import type { AuthProvider, HttpClient } from './types.ts';

/**
 * A fixed Basic credential (Zendesk `{email}/token:{api_token}`, Jira `email:api_token`). Each provider
 * adds the secrets it holds or obtains to `scrubber`, so that no log line or error shows them.
 */
export function basicAuth(user: string, password: string, scrubber: SecretScrubber): AuthProvider {
  scrubber.add(password);
  const value = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  scrubber.add(value.slice(6));
  return { header: () => Promise.resolve(value), invalidate: () => false };
}

/** A fixed bearer token (Jira Data Center personal access token). */
export function bearerAuth(token: string, scrubber: SecretScrubber): AuthProvider {
  scrubber.add(token);
  return { header: () => Promise.resolve(`Bearer ${token}`), invalidate: () => false };
}

/** RFC 6749 §5.1 token response; `expires_in` arrives as a number or a numeric string. */
export const OAuthTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

export interface ClientCredentialsOptions {
  /** A client on the token endpoint's host (counted and retried like any call). */
  http: HttpClient;
  /** Token endpoint path, e.g. `/oauth/token` (Genesys) or `/oauth/tokens` (Zendesk). */
  path: string;
  clientId: string;
  clientSecret: string;
  /** How the client authenticates: HTTP Basic (RFC 6749 §2.3.1), form fields, or a JSON body (Zendesk). */
  clientAuth: 'basic' | 'form' | 'json';
  scope?: string;
  /** More grant parameters (e.g. Zendesk's `expires_in`). */
  extra?: Record<string, string | number>;
  /** Renew this long before expiry (capped at half the token's lifetime). */
  renewMarginMs?: number;
  now?: () => number;
  log?: Logger;
  /** Learns the client secret and every token granted. */
  scrubber: SecretScrubber;
}

export interface ClientCredentialsAuth extends AuthProvider {
  /** Tokens obtained so far (for tests and run records). */
  readonly grants: number;
}

/**
 * OAuth 2.0 client credentials: caches the token, renews it `renewMarginMs` before it expires and after
 * a 401 that refused the current token (`invalidate`). Renewal is single-flight: every caller that asks
 * while a grant is under way shares it, and a 401 for a token that has already been replaced renews
 * nothing (the request replays with the newer one). None of these grants issues a refresh token, so
 * renewing means granting again.
 */
export function clientCredentialsAuth(options: ClientCredentialsOptions): ClientCredentialsAuth {
  const now = options.now ?? Date.now;
  const margin = options.renewMarginMs ?? 60_000;
  const { scrubber } = options;
  scrubber.add(options.clientSecret);
  let current: { header: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  let grants = 0;
  /** Why the next grant happens, for its log line. */
  let why: 'first' | 'expiring' | 'refused' = 'first';

  async function grant(): Promise<string> {
    const params: Record<string, string> = { grant_type: 'client_credentials' };
    if (options.scope) params.scope = options.scope;
    for (const [k, v] of Object.entries(options.extra ?? {})) params[k] = String(v);
    const secretParams = { client_id: options.clientId, client_secret: options.clientSecret };
    const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
    const res = await options.http.request(
      {
        method: 'POST',
        path: options.path,
        endpoint: `POST ${options.path}`,
        anonymous: true,
        // A grant changes nothing on the server: safe to repeat after a network error.
        idempotent: true,
        ...(options.clientAuth === 'basic'
          ? { form: params, headers: { authorization: `Basic ${basic}` } }
          : options.clientAuth === 'form'
            ? { form: { ...params, ...secretParams } }
            : { body: { ...params, ...secretParams } }),
      },
      OAuthTokenResponse,
    );
    const token = res.data.access_token;
    scrubber.add(token);
    grants++;
    const lifetime = res.data.expires_in === undefined ? Infinity : res.data.expires_in * 1000;
    const renewAt = now() + lifetime - Math.min(margin, lifetime / 2);
    current = { header: `Bearer ${token}`, renewAt };
    options.log?.debug(
      { expiresInS: res.data.expires_in ?? null, grant: grants, reason: why },
      'obtained an OAuth access token',
    );
    return current.header;
  }

  return {
    header() {
      if (current && now() < current.renewAt) return Promise.resolve(current.header);
      if (current) why = 'expiring';
      // `current` is set inside grant() before this promise settles, so no caller can slip between
      // the end of one grant and `pending` being cleared and start a second one.
      pending ??= grant().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(refused) {
      if (current?.header !== refused) return false;
      current = undefined;
      why = 'refused';
      return true;
    },
    get grants() {
      return grants;
    },
  };
}
