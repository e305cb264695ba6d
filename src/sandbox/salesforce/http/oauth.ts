import { createHmac, randomBytes, type KeyObject } from 'node:crypto';
import { decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { SalesforceState } from '../state.ts';
import type { SfResponse } from './respond.ts';

/**
 * `POST /services/oauth2/token` for the two server-to-server grants health-sync uses: client
 * credentials (External Client App with a run-as user) and the JWT bearer flow (RS256 assertion,
 * iss = consumer key, sub = username, aud = login URL). Neither issues a refresh token.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
 */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  jwtPublicKey: KeyObject;
  tokenTtlMs: number;
}

export interface TokenRequest {
  form: Record<string, string | undefined>;
  authorization: string | undefined;
  /** Audiences a JWT may name: the simulator's own login URL plus Salesforce's login hosts. */
  audiences: string[];
  loginUrl: string;
  instanceUrl: string;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const oauthError = (error: string, description: string, status = 400): SfResponse => ({
  status,
  json: { error, error_description: description },
  headers: { 'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private' },
});

export async function issueToken(
  state: SalesforceState,
  config: OAuthConfig,
  req: TokenRequest,
): Promise<SfResponse> {
  const grant = req.form['grant_type'];
  if (grant === 'client_credentials') return clientCredentials(state, config, req);
  if (grant === JWT_GRANT) return jwtBearer(state, config, req);
  return oauthError('unsupported_grant_type', 'grant type not supported');
}

function clientCredentials(state: SalesforceState, config: OAuthConfig, req: TokenRequest): SfResponse {
  let clientId = req.form['client_id'];
  let clientSecret = req.form['client_secret'];
  const basic = /^Basic\s+(.+)$/i.exec(req.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    clientId = decodeURIComponent(decoded.slice(0, colon));
    clientSecret = decodeURIComponent(decoded.slice(colon + 1));
  }
  if (clientId !== config.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
  if (clientSecret !== config.clientSecret) return oauthError('invalid_client', 'invalid client credentials');
  return grantToken(state, config, req, state.integrationUserId);
}

async function jwtBearer(
  state: SalesforceState,
  config: OAuthConfig,
  req: TokenRequest,
): Promise<SfResponse> {
  const assertion = req.form['assertion'];
  if (!assertion) return oauthError('invalid_request', 'assertion is required');
  let claims: JWTPayload;
  try {
    claims = decodeJwt(assertion);
  } catch {
    return oauthError('invalid_grant', 'invalid assertion');
  }
  if (claims.iss !== config.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
  try {
    // The client signs with the machine's clock, so exp is checked against it, not the simulated clock.
    await jwtVerify(assertion, config.jwtPublicKey, { algorithms: ['RS256'] });
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired)
      return oauthError('invalid_grant', 'expired authorization code');
    return oauthError('invalid_grant', 'invalid assertion');
  }
  if (typeof claims.exp !== 'number') return oauthError('invalid_grant', 'invalid assertion');
  const rawAud: unknown[] = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const audiences = rawAud.map((a) => String(a).replace(/\/+$/, ''));
  if (!audiences.some((a: string) => req.audiences.includes(a)))
    return oauthError('invalid_grant', 'audience is invalid');
  const username = String(claims.sub ?? '').toLowerCase();
  const user = [...state.users.values()].find((u) => String(u['Username']).toLowerCase() === username);
  if (!user) return oauthError('invalid_grant', "user hasn't approved this consumer");
  if (user['IsActive'] !== true) return oauthError('inactive_user', 'user is inactive');
  return grantToken(state, config, req, user['Id'] as string);
}

function grantToken(
  state: SalesforceState,
  config: OAuthConfig,
  req: TokenRequest,
  userId: string,
): SfResponse {
  const issuedAt = state.now();
  const accessToken = `${state.orgId.slice(0, 15)}!${randomBytes(72).toString('base64url')}`;
  state.tokens.set(accessToken, { userId, issuedAt, expiresAt: issuedAt + config.tokenTtlMs, calls: 0 });
  const id = `${req.loginUrl}/id/${state.orgId}/${userId}`;
  // Salesforce signs id + issued_at with the consumer secret so the client can check the response.
  const signature = createHmac('sha256', config.clientSecret).update(`${id}${issuedAt}`).digest('base64');
  return {
    status: 200,
    json: {
      access_token: accessToken,
      signature,
      scope: 'api',
      instance_url: req.instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: String(issuedAt),
    },
    headers: { 'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private' },
  };
}
