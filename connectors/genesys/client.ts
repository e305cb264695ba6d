import { clientCredentialsAuth } from '../../src/http/auth.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { bucketsFor } from '../../src/http/limits.ts';
import type { HttpClient, SourceClientDeps } from '../../src/http/types.ts';
import type { GenesysEnv } from './env.ts';
import { GENESYS_LIMITS } from './limits.ts';

export interface GenesysClientDeps extends SourceClientDeps {
  /** Renew the token this long before it expires (default 5 minutes). */
  renewMarginMs?: number;
}

/**
 * The Genesys Cloud client: a client-credentials token from the region's login host (Basic
 * clientId:secret; no refresh token, so it is granted again before expiry and after a 401) and the API
 * host with its 300 requests/min per token.
 */
export function createGenesysClient(env: GenesysEnv, deps: GenesysClientDeps): HttpClient {
  const common = {
    source: 'genesys' as const,
    counters: deps.counters,
    log: deps.log,
    scrubber: deps.scrubber,
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
  };
  const login = createHttpClient({ ...common, baseUrl: env.loginUrl });
  // https://developer.genesys.cloud/authorization/platform-auth/use-client-credentials
  const auth = clientCredentialsAuth({
    http: login,
    path: '/oauth/token',
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    clientAuth: 'basic',
    renewMarginMs: deps.renewMarginMs ?? 5 * 60_000,
    log: deps.log,
    scrubber: deps.scrubber,
    ...(deps.clock ? { now: () => deps.clock!.now() } : {}),
  });
  return createHttpClient({
    ...common,
    baseUrl: env.apiBaseUrl,
    auth,
    buckets: bucketsFor(GENESYS_LIMITS, deps.rateLimits, deps.limitOverrides),
  });
}
