import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { controlRoutes } from '../common/control-routes.ts';
import { createSimContext, type SimContext, type SimOptions } from '../common/sim-context.ts';
import { DEFAULT_ZENDESK_CREDENTIALS, zendeskAuth, type ZendeskCredentials } from './auth.ts';
import { organizationExport } from './org-export.ts';
import { ticketCount } from './ticket-count.ts';
import { ticketExport } from './ticket-export.ts';

export interface ZendeskSimOptions extends SimOptions {
  credentials?: Partial<ZendeskCredentials>;
  /** Lifetime of OAuth access tokens when the client does not ask for one (default 2 hours). */
  tokenTtlSeconds?: number;
}

export interface ZendeskSim {
  app: Express;
  ctx: SimContext;
  credentials: ZendeskCredentials;
}

/** Documented limits: 700 requests a minute account-wide (Enterprise), 10 a minute for incremental exports. */
export const ZENDESK_LIMITS = { account: 700, incremental: 10, windowMs: 60_000 };

const errorBody = (status: number): unknown =>
  status === 429
    ? { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' }
    : status === 503
      ? { error: 'ServiceUnavailable', description: 'Service temporarily unavailable' }
      : { error: 'InternalServerError', description: 'Something went wrong' };

/** A Zendesk Support instance: the incremental exports health-sync reads, auth, limits and faults. */
export function createZendeskSim(options: ZendeskSimOptions): ZendeskSim {
  const ctx = createSimContext(options);
  const credentials = { ...DEFAULT_ZENDESK_CREDENTIALS, ...options.credentials };
  const auth = zendeskAuth(ctx, credentials, options.tokenTtlSeconds ?? 7200);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(ctx.stats.middleware);
  app.use(controlRoutes(ctx));
  app.use(ctx.faults.middleware(errorBody));
  app.use(express.json(), express.urlencoded({ extended: false }));
  app.post('/oauth/tokens', auth.tokenRoute);
  app.use('/api/v2', auth.middleware, (req: Request, res: Response, next: NextFunction) => {
    if (ctx.rateLimits === 'off') return next();
    const account = ctx.limiter.take('account', ZENDESK_LIMITS.account, ZENDESK_LIMITS.windowMs);
    res.set('X-Rate-Limit', String(account.limit));
    res.set('X-Rate-Limit-Remaining', String(account.remaining));
    const incremental = req.path.startsWith('/incremental/')
      ? ctx.limiter.take('incremental', ZENDESK_LIMITS.incremental, ZENDESK_LIMITS.windowMs)
      : null;
    const refused = !account.allowed ? account : incremental && !incremental.allowed ? incremental : null;
    if (!refused) return next();
    ctx.faults.record('rateLimited');
    res.set('Retry-After', String(refused.retryAfterSeconds));
    res.status(429).json({
      error: 'APIRateLimitExceeded',
      description:
        incremental && !incremental.allowed
          ? 'Number of allowed incremental export API requests per minute exceeded'
          : 'Number of allowed API requests per minute exceeded',
    });
  });
  // Zendesk serves every path with and without the .json suffix.
  app.get(
    ['/api/v2/incremental/tickets/cursor.json', '/api/v2/incremental/tickets/cursor'],
    ticketExport(ctx),
  );
  app.get(
    ['/api/v2/incremental/organizations.json', '/api/v2/incremental/organizations'],
    organizationExport(ctx),
  );
  app.get(['/api/v2/tickets/count.json', '/api/v2/tickets/count'], ticketCount(ctx));
  app.use(
    (_req: Request, res: Response) =>
      void res.status(404).json({ error: 'InvalidEndpoint', description: 'Not found' }),
  );
  return { app, ctx, credentials };
}
