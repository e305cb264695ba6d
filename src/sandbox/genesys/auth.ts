import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { SimContext } from '../common/sim-context.ts';
import { genesysError } from './errors.ts';

/**
 * Client-credentials tokens from the login host (POST /oauth/token, Basic clientId:secret), with
 * no refresh token: they expire and the client must ask again. A 300-requests-a-minute limit per
 * token applies on the API host.
 */
export interface GenesysCredentials {
  clientId: string;
  clientSecret: string;
}
export const DEFAULT_GENESYS_CREDENTIALS: GenesysCredentials = {
  clientId: '5f2e9d7a-sandbox-client',
  clientSecret: 'sandbox-genesys-client-secret',
};
export const GENESYS_LIMITS = { perToken: 300, windowMs: 60_000 };

interface TokenInfo {
  expiresAt: number;
  uses: number;
}

export interface GenesysAuth {
  tokenRoute: (req: Request, res: Response) => void;
  middleware: (req: Request, res: Response, next: NextFunction) => void;
}

export function genesysAuth(ctx: SimContext, creds: GenesysCredentials, ttlSeconds: number): GenesysAuth {
  const tokens = new Map<string, TokenInfo>();
  return {
    // https://developer.genesys.cloud/authorization/platform-auth/use-client-credentials
    tokenRoute(req, res) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const basic = /^basic\s+(.+)$/i.exec(req.get('authorization') ?? '');
      const [id, secret] = basic
        ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')
        : [body['client_id'], body['client_secret']];
      if (body['grant_type'] !== 'client_credentials')
        return void res.status(400).json({
          error: 'unsupported_grant_type',
          description: 'grant type not supported',
          error_description: 'grant type not supported',
        });
      if (id !== creds.clientId)
        return void res.status(401).json({
          error: 'invalid_client',
          description: 'client not found',
          error_description: 'client not found',
        });
      if (secret !== creds.clientSecret)
        return void res.status(401).json({
          error: 'invalid_client',
          description: 'authentication failed',
          error_description: 'authentication failed',
        });
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { expiresAt: ctx.clock.now() + ttlSeconds * 1000, uses: 0 });
      res.json({ access_token: token, token_type: 'bearer', expires_in: ttlSeconds });
    },
    middleware(req, res, next) {
      const m = /^bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
      if (!m)
        return genesysError(
          res,
          401,
          'authentication.required',
          'No authentication bearer token specified in authorization header.',
        );
      const info = tokens.get(m[1]!);
      if (!info || info.expiresAt <= ctx.clock.now())
        return genesysError(res, 401, 'bad.credentials', 'Invalid login credentials.');
      info.uses++;
      const limit = ctx.faults.config().tokenExpiresAfterCalls;
      if (limit !== null && info.uses > limit) {
        ctx.faults.record('tokenExpired');
        info.expiresAt = 0;
        return genesysError(res, 401, 'bad.credentials', 'Invalid login credentials.');
      }
      if (ctx.rateLimits === 'off') return next();
      const r = ctx.limiter.take(`token:${m[1]!}`, GENESYS_LIMITS.perToken, GENESYS_LIMITS.windowMs);
      if (r.allowed) return next();
      ctx.faults.record('rateLimited');
      res.set('Retry-After', String(r.retryAfterSeconds));
      genesysError(
        res,
        429,
        'too.many.requests.retry.after',
        `Rate limit exceeded the maximum. Retry the request in [${r.retryAfterSeconds}] seconds`,
      );
    },
  };
}
