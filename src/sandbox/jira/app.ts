import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { controlRoutes } from '../common/control-routes.ts';
import { createSimContext, originOf, type SimContext, type SimOptions } from '../common/sim-context.ts';
import { approximateCount, jiraError, searchJql } from './search.ts';

/**
 * A Jira Cloud site: enhanced JQL search, approximate count, /myself, and the removed search
 * endpoints answering 410 as Atlassian's do. Basic auth with an email and an API token.
 */
export interface JiraCredentials {
  email: string;
  apiToken: string;
}
export const DEFAULT_JIRA_CREDENTIALS: JiraCredentials = {
  email: 'sandbox-integration@paysandbox.example',
  apiToken: 'sandbox-jira-api-token',
};

export interface JiraSimOptions extends SimOptions {
  credentials?: Partial<JiraCredentials>;
  /** The integration user's time zone: JQL datetimes without a zone are read in it. */
  timeZone?: string;
  /** Seconds before a change is searchable (eventual consistency); a lag fault overrides it. */
  searchLagSeconds?: number;
}

export interface JiraSim {
  app: Express;
  ctx: SimContext;
  credentials: JiraCredentials;
  timeZone: string;
}

/** Burst limit per endpoint (Jira Cloud's token buckets allow about 100 requests a second). */
export const JIRA_LIMITS = { perEndpoint: 100, windowMs: 1_000 };
const REMOVED =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

export function createJiraSim(options: JiraSimOptions): JiraSim {
  const ctx = createSimContext(options);
  const credentials = { ...DEFAULT_JIRA_CREDENTIALS, ...options.credentials };
  const timeZone = options.timeZone ?? 'America/Los_Angeles';
  const search = { timeZone, lagSeconds: options.searchLagSeconds ?? 0 };
  const expected = `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}`;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(ctx.stats.middleware);
  app.use(controlRoutes(ctx));
  app.use(
    ctx.faults.middleware((status) => ({
      errorMessages: [status === 429 ? 'Rate limit exceeded.' : 'Internal server error'],
      errors: {},
    })),
  );
  app.use('/rest', (req: Request, res: Response, next: NextFunction) => {
    if (req.get('authorization') !== expected)
      return void res
        .status(401)
        .type('text/plain')
        .send('Client must be authenticated to access this resource.');
    if (ctx.rateLimits === 'off') return next();
    const r = ctx.limiter.take(`${req.method} ${req.path}`, JIRA_LIMITS.perEndpoint, JIRA_LIMITS.windowMs);
    res.set('X-RateLimit-Limit', String(r.limit));
    res.set('X-RateLimit-Remaining', String(r.remaining));
    if (r.allowed) return next();
    ctx.faults.record('rateLimited');
    res.set('Retry-After', String(r.retryAfterSeconds));
    res.set('X-RateLimit-Reset', new Date(ctx.clock.now() + r.retryAfterSeconds * 1000).toISOString());
    res.set('RateLimit-Reason', 'jira-burst-based');
    jiraError(res, 429, 'Rate limit exceeded.');
  });
  app.use(express.json());
  // https://developer.atlassian.com/changelog/#CHANGE-2046
  app.all(['/rest/api/2/search', '/rest/api/3/search'], (_req, res) => jiraError(res, 410, REMOVED));
  app.post('/rest/api/3/search/jql', searchJql(ctx, search));
  app.get('/rest/api/3/search/jql', searchJql(ctx, search));
  app.post('/rest/api/3/search/approximate-count', approximateCount(ctx, search));
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
  app.get('/rest/api/3/myself', (req, res) => {
    const origin = originOf(req);
    res.json({
      self: `${origin}/rest/api/3/user?accountId=5b10ac8d82e05b22cc7d4ef5`,
      accountId: '5b10ac8d82e05b22cc7d4ef5',
      accountType: 'atlassian',
      emailAddress: credentials.email,
      avatarUrls: { '48x48': `${origin}/avatar/48.png` },
      displayName: 'health-sync integration',
      active: true,
      timeZone,
      locale: 'en_US',
      groups: { size: 1, items: [] },
      applicationRoles: { size: 1, items: [] },
      expand: 'groups,applicationRoles',
    });
  });
  app.use((_req: Request, res: Response) => jiraError(res, 404, 'Not found'));
  return { app, ctx, credentials, timeZone };
}
