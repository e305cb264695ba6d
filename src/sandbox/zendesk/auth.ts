import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { SimContext } from '../common/sim-context.ts';

/**
 * Zendesk's two ways in: Basic `{email}/token:{api_token}` (API tokens, retired in April 2027) and
 * OAuth bearer tokens from POST /oauth/tokens with the client-credentials grant, which expire.
 */
export interface ZendeskCredentials {
  email: string;
  apiToken: string;
  clientId: string;
  clientSecret: string;
}

export const DEFAULT_ZENDESK_CREDENTIALS: ZendeskCredentials = {
  email: 'sandbox-admin@paysandbox.example',
  apiToken: 'sandbox-zendesk-api-token',
  clientId: 'health_sync_sandbox',
  clientSecret: 'sandbox-zendesk-client-secret',
};

interface TokenInfo {
  expiresAt: number;
  uses: number;
  scope: string;
}

export interface ZendeskAuth {
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  tokenRoute: (req: Request, res: Response) => void;
}

const COULD_NOT_AUTHENTICATE = { error: "Couldn't authenticate you" };
const INVALID_TOKEN = {
  error: 'invalid_token',
  error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
};
const INVALID_CLIENT = {
  error: 'invalid_client',
  error_description:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
};

export function zendeskAuth(
  ctx: SimContext,
  creds: ZendeskCredentials,
  tokenTtlSeconds: number,
): ZendeskAuth {
  const tokens = new Map<string, TokenInfo>();
  const refuseToken = (res: Response): void => {
    res.set('WWW-Authenticate', 'Bearer realm="Doorkeeper", error="invalid_token"');
    res.status(401).json(INVALID_TOKEN);
  };
  return {
    middleware(req, res, next) {
      const header = req.get('authorization') ?? '';
      const [scheme, value = ''] = header.split(' ');
      if (scheme?.toLowerCase() === 'basic') {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        if (decoded === `${creds.email}/token:${creds.apiToken}`) return next();
        return void res.status(401).json(COULD_NOT_AUTHENTICATE);
      }
      if (scheme?.toLowerCase() === 'bearer') {
        const info = tokens.get(value);
        if (!info || info.expiresAt <= ctx.clock.now()) return refuseToken(res);
        info.uses++;
        const limit = ctx.faults.config().tokenExpiresAfterCalls;
        if (limit !== null && info.uses > limit) {
          ctx.faults.record('tokenExpired');
          info.expiresAt = 0;
          return refuseToken(res);
        }
        return next();
      }
      res.status(401).json(COULD_NOT_AUTHENTICATE);
    },
    // https://developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens/
    tokenRoute(req, res) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const basic = /^basic\s+(.+)$/i.exec(req.get('authorization') ?? '');
      const [headerId, headerSecret] = basic
        ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')
        : [];
      const clientId = typeof body['client_id'] === 'string' ? body['client_id'] : headerId;
      const clientSecret = typeof body['client_secret'] === 'string' ? body['client_secret'] : headerSecret;
      if (body['grant_type'] !== 'client_credentials')
        return void res.status(400).json({
          error: 'unsupported_grant_type',
          error_description: 'The authorization grant type is not supported by the authorization server.',
        });
      if (clientId !== creds.clientId || clientSecret !== creds.clientSecret)
        return void res.status(401).json(INVALID_CLIENT);
      const requested = Number(body['expires_in']);
      const ttl =
        Number.isFinite(requested) && requested > 300 && requested < 172_800 ? requested : tokenTtlSeconds;
      const token = randomBytes(24).toString('hex');
      const scope = typeof body['scope'] === 'string' ? body['scope'] : 'read';
      tokens.set(token, { expiresAt: ctx.clock.now() + ttl * 1000, uses: 0, scope });
      res.status(201).json({ access_token: token, token_type: 'bearer', scope, expires_in: ttl });
    },
  };
}
