import express, { type Express, type Request, type Response } from 'express';
import { controlRoutes } from '../common/control-routes.ts';
import { createSimContext, type SimContext, type SimOptions } from '../common/sim-context.ts';
import { DEFAULT_GENESYS_CREDENTIALS, genesysAuth, type GenesysCredentials } from './auth.ts';
import { genesysError } from './errors.ts';
import { jobRoutes } from './jobs.ts';
import { detailsQuery } from './query-route.ts';

/**
 * A Genesys Cloud region: the login host (tokens) and the API host (analytics details query and
 * jobs) as two apps, so a client that sends a token request to the API host fails as it would.
 */
export interface GenesysSimOptions extends SimOptions {
  credentials?: Partial<GenesysCredentials>;
  /** Access token lifetime (Genesys default: 24 hours). */
  tokenTtlSeconds?: number;
  /** Minutes after its end before a conversation shows up in queries (a lag fault overrides it). */
  lagSeconds?: number;
  pollsUntilFulfilled?: number;
  availabilityLagMs?: number;
  jobFailureRate?: number;
}

export interface GenesysSim {
  loginApp: Express;
  apiApp: Express;
  ctx: SimContext;
  credentials: GenesysCredentials;
}

const errorBody = (status: number): unknown =>
  status === 429
    ? {
        message: 'Rate limit exceeded the maximum. Retry the request later',
        code: 'too.many.requests.retry.after',
        status,
      }
    : {
        message:
          status === 503
            ? 'Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).'
            : 'The server encountered an unexpected condition which prevented it from fulfilling the request.',
        code: status === 503 ? 'service.unavailable' : 'internal.server.error',
        status,
      };

export function createGenesysSim(options: GenesysSimOptions): GenesysSim {
  const ctx = createSimContext(options);
  const credentials = { ...DEFAULT_GENESYS_CREDENTIALS, ...options.credentials };
  const auth = genesysAuth(ctx, credentials, options.tokenTtlSeconds ?? 86_399);
  const lagMs = (): number => (ctx.faults.config().lagSeconds ?? options.lagSeconds ?? 300) * 1000;

  const loginApp = express();
  loginApp.disable('x-powered-by');
  loginApp.use(ctx.stats.middleware, controlRoutes(ctx), ctx.faults.middleware(errorBody));
  loginApp.use(express.urlencoded({ extended: false }), express.json());
  loginApp.post('/oauth/token', auth.tokenRoute);
  loginApp.use((_req: Request, res: Response) => void res.status(404).json({ error: 'not_found' }));

  const apiApp = express();
  apiApp.disable('x-powered-by');
  apiApp.set('query parser', 'simple');
  apiApp.use(ctx.stats.middleware, controlRoutes(ctx), ctx.faults.middleware(errorBody));
  apiApp.use('/api/v2', auth.middleware);
  apiApp.use(express.json());
  apiApp.post('/api/v2/analytics/conversations/details/query', detailsQuery(ctx, lagMs));
  apiApp.use(
    jobRoutes(ctx, {
      pollsUntilFulfilled: Math.max(2, options.pollsUntilFulfilled ?? 3),
      availabilityLagMs: options.availabilityLagMs ?? 3_600_000,
      failureRate: options.jobFailureRate ?? 0,
    }),
  );
  apiApp.use((_req: Request, res: Response) =>
    genesysError(res, 404, 'not.found', 'The requested resource was not found.'),
  );
  return { loginApp, apiApp, ctx, credentials };
}
