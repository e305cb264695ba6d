import jsforce from 'jsforce';
import type { Connection } from 'jsforce';
import type { SalesforceEnv } from './env.ts';
import { SourceError } from '../../src/errors.ts';
import type { Clock, RetryCallOptions, RetryPolicy } from '../../src/http/index.ts';
import type { Logger } from '../../src/log/logger.ts';
import { JWT_BEARER_GRANT, signAssertion } from './jwt.ts';
import { ApiMeter, attachMeter } from './meter.ts';
import { SalesforceTokenResponse, parseResponse } from './schemas.ts';

/**
 * A connected org: the jsforce connection, the meter that counts its API calls, retries and usage,
 * and how `sfCall` retries (the shared policy, with a test's overrides).
 */
export interface SalesforceSession {
  conn: Connection;
  meter: ApiMeter;
  retry: Pick<RetryCallOptions, 'retry' | 'clock' | 'log'>;
}

export interface ConnectDeps {
  log?: Logger;
  now?: () => number;
  /** Re-grants allowed per minute before a persistent 401 is treated as an error, not an expiry. */
  maxRefreshesPerMinute?: number;
  /** Overrides of the shared retry policy (tests: no real waits). */
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  /** Where the session counts its calls (a connection keeps one across reconnections). */
  meter?: ApiMeter;
}

const TOKEN_ENDPOINT = 'POST /services/oauth2/token';

/**
 * Connects with the server-to-server grants Salesforce offers an External Client App: client
 * credentials, or JWT bearer. Neither issues a refresh token, so jsforce gets a `refreshFn` that
 * runs the grant again when a request comes back 401 INVALID_SESSION_ID, and then replays it.
 */
export async function connectSalesforce(
  env: SalesforceEnv,
  deps: ConnectDeps = {},
): Promise<SalesforceSession> {
  const now = deps.now ?? Date.now;
  const auth = env.auth;
  const refreshes: number[] = [];
  const maxRefreshes = deps.maxRefreshesPerMinute ?? 5;
  const meter = deps.meter ?? new ApiMeter();

  const conn: Connection = new jsforce.Connection({
    loginUrl: env.loginUrl,
    // jsforce defaults to 50.0; always the configured version.
    version: env.apiVersion,
    oauth2:
      auth.type === 'client_credentials'
        ? { loginUrl: env.loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret }
        : { loginUrl: env.loginUrl },
    refreshFn: (c, callback) => {
      const t = now();
      while (refreshes.length && refreshes[0]! < t - 60_000) refreshes.shift();
      if (refreshes.length >= maxRefreshes) {
        callback(
          new SourceError(
            'SOURCE_AUTH',
            'salesforce',
            'the org keeps refusing fresh tokens (401 after re-authentication)',
            {
              endpoint: TOKEN_ENDPOINT,
            },
          ),
        );
        return;
      }
      refreshes.push(t);
      deps.log?.info({ source: 'salesforce' }, 'salesforce: session expired, re-running the grant');
      grant().then(
        (tok) => {
          c.instanceUrl = tok.instance_url;
          // jsforce now sends the refused request again: a retry like any other.
          meter.retries++;
          callback(undefined, tok.access_token);
        },
        (err: unknown) => {
          callback(err instanceof Error ? err : new Error(String(err)));
        },
      );
    },
  });

  const grant = async (): Promise<SalesforceTokenResponse> => {
    const params: { grant_type: string; [name: string]: string } =
      auth.type === 'client_credentials'
        ? { grant_type: 'client_credentials' }
        : {
            grant_type: JWT_BEARER_GRANT,
            assertion: await signAssertion(
              {
                clientId: auth.clientId,
                username: auth.username,
                privateKey: auth.privateKey,
                audience: env.loginUrl,
              },
              now(),
            ),
          };
    try {
      // https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_client_credentials_flow.htm
      // https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_jwt_flow.htm
      const raw: unknown = await conn.oauth2.requestToken(params);
      return parseResponse(SalesforceTokenResponse, raw, TOKEN_ENDPOINT);
    } catch (err) {
      if (err instanceof SourceError) throw err;
      // jsforce names the error after Salesforce's `error` (invalid_client, invalid_grant...).
      const name = err instanceof Error ? err.name : 'error';
      const description = err instanceof Error ? err.message.slice(0, 200) : '';
      throw new SourceError(
        'SOURCE_AUTH',
        'salesforce',
        `the token request was refused (${name}${description ? `: ${description}` : ''}); check SF_LOGIN_URL, SF_CLIENT_ID and the ${auth.type === 'jwt' ? 'certificate and pre-authorized user' : 'client secret and run-as user'}`,
        { endpoint: TOKEN_ENDPOINT, grant: auth.type },
        { cause: err },
      );
    }
  };

  const tok = await grant();
  conn.instanceUrl = tok.instance_url;
  conn.accessToken = tok.access_token;
  attachMeter(conn, meter);
  const retry: SalesforceSession['retry'] = {
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  };
  return { conn, meter, retry };
}
