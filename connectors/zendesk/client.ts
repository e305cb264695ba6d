import { basicAuth, clientCredentialsAuth } from '../../src/http/auth.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { bucketsFor } from '../../src/http/limits.ts';
import { createRateLimiter } from '../../src/http/rate-limiter.ts';
import type { AuthProvider, HttpClient, SourceClientDeps } from '../../src/http/types.ts';
import type { ZendeskEnv } from './env.ts';
import { ZENDESK_LIMITS } from './limits.ts';

/** E.g. `limitOverrides: { incremental: { limit: 30, windowMs: 60_000 } }` with the High Volume API add-on. */
export type ZendeskClientDeps = SourceClientDeps;

export const ZENDESK_TOKEN_SUNSET = '2027-04-30';
let warnedAboutApiTokens = false;

/**
 * The Zendesk HTTP client: OAuth client credentials (preferred) or a legacy API token, the plan-wide
 * bucket (`default`) and the incremental-export bucket (`incremental`, 10/min), shared by every call.
 */
export function createZendeskClient(env: ZendeskEnv, deps: ZendeskClientDeps): HttpClient {
  const limiters = Object.fromEntries(
    Object.entries(bucketsFor(ZENDESK_LIMITS, deps.rateLimits, deps.limitOverrides)).map(([k, v]) => [
      k,
      createRateLimiter(v, deps.clock, { source: 'zendesk', bucket: k }),
    ]),
  );
  const common = {
    source: 'zendesk' as const,
    baseUrl: env.baseUrl,
    buckets: limiters,
    counters: deps.counters,
    log: deps.log,
    scrubber: deps.scrubber,
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
  };
  return createHttpClient({ ...common, auth: zendeskAuth(env, createHttpClient(common), deps) });
}

function zendeskAuth(
  env: ZendeskEnv,
  tokenHttp: HttpClient,
  { log, scrubber }: Pick<ZendeskClientDeps, 'log' | 'scrubber'>,
): AuthProvider {
  if (env.auth.type === 'oauth')
    // https://developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens/ (client_credentials)
    return clientCredentialsAuth({
      http: tokenHttp,
      path: '/oauth/tokens',
      clientId: env.auth.clientId,
      clientSecret: env.auth.clientSecret,
      clientAuth: 'json',
      scope: 'read',
      log,
      scrubber,
    });
  if (!warnedAboutApiTokens) {
    warnedAboutApiTokens = true;
    log.warn(
      `Zendesk API tokens stop working on ${ZENDESK_TOKEN_SUNSET} (none can be created since 2026-10-27): ` +
        'switch to OAuth client credentials (ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET)',
    );
  }
  return basicAuth(`${env.auth.email}/token`, env.auth.apiToken, scrubber);
}
