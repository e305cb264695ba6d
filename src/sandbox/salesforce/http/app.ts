import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { SalesforceState } from '../state.ts';
import { versionLabel } from '../handlers/limits.ts';
import { adminRouter } from './admin-router.ts';
import { apiRouter } from './api-router.ts';
import { identityHandler } from './identity.ts';
import { issueToken, type OAuthConfig } from './oauth.ts';
import { notFound, send, sfError } from './respond.ts';
import { applyTransportFault } from './transport-fault.ts';

export interface AppConfig {
  oauth: OAuthConfig;
  versions: { min: number; max: number };
  bulkStepMs: number;
  locatorTtlMs: number;
  loginUrl: string | null;
  instanceUrl: string | null;
}

const origin = (req: Request): string => `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;

export function buildApp(state: SalesforceState, config: AppConfig): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const loginUrl = (req: Request): string => config.loginUrl ?? origin(req);

  app.post('/services/oauth2/token', express.urlencoded({ extended: false }), async (req, res) => {
    state.count('oauth.token');
    if (await applyTransportFault(state, state.faults.transport('oauth.token', false), req, res)) return;
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const login = loginUrl(req);
    send(
      res,
      await issueToken(state, config.oauth, {
        form,
        authorization: req.get('authorization'),
        audiences: [login, origin(req), 'https://login.salesforce.com', 'https://test.salesforce.com'],
        loginUrl: login,
        instanceUrl: config.instanceUrl ?? origin(req),
      }),
    );
  });

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_versions.htm
  app.get(['/services/data', '/services/data/'], (_req, res) => {
    const versions = [];
    for (let v = config.versions.min; v <= config.versions.max; v++) {
      versions.push({
        label: versionLabel(v),
        url: `/services/data/v${v.toFixed(1)}`,
        version: v.toFixed(1),
      });
    }
    send(res, { status: 200, json: versions });
  });

  app.use(
    '/services/data/:version',
    apiRouter(state, {
      versions: config.versions,
      bulkStepMs: config.bulkStepMs,
      locatorTtlMs: config.locatorTtlMs,
      loginUrl,
    }),
  );
  app.get('/id/:orgId/:userId', identityHandler(state, loginUrl));
  app.use('/__sandbox', adminRouter(state));
  app.use((_req, res) => send(res, notFound()));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed')
      return send(
        res,
        sfError(400, 'JSON_PARSER_ERROR', `Unexpected character: ${e.message ?? 'invalid JSON'}`),
      );
    if (e.type === 'entity.too.large')
      return send(res, sfError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request entity too large'));
    send(res, sfError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${e.message ?? String(err)}`));
  });
  return app;
}
