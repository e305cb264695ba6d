import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { SOURCE_NAMES } from '../sources.ts';
import { createRunControl } from '../sync/single-flight.ts';
import { ApiError, toApiError } from './api-error.ts';
import { DEFAULT_AUTH_FAILURE_LIMIT, createAuthGuard } from './auth-guard.ts';
import type { AppContext, AppDeps } from './deps.ts';
import { serverMetrics } from './prometheus.ts';
import { mountRoute, shortPath, type AnyRoute } from './mount.ts';
import { buildOpenApi } from './openapi.ts';
import { mountConsole } from './console-assets.ts';
import { defineRoute } from './route.ts';
import { ROUTES } from './routes/index.ts';
import { DEFAULT_TENANT } from '../tenants/index.ts';
import type { TenantMode } from './tenant-scope.ts';

/** The version of the API contract in the OpenAPI document (not the package version). */
export const API_VERSION = '1.0.0';

/** Fills in the defaults: a run control over the runner (feeding /metrics), the clock, the sources. */
export function appContext(deps: AppDeps): AppContext {
  const clock = deps.clock ?? { now: Date.now };
  const metrics = serverMetrics(deps.registry);
  let control = deps.control;
  if (!control) {
    control = createRunControl({
      runner: deps.runner,
      store: deps.store,
      logger: deps.logger,
      scrubber: deps.scrubber,
      now: () => clock.now(),
    });
    control.onFinish((record) => metrics.observeRun(record));
  }
  const active = control;
  metrics.trackActive(() => active.active() !== undefined);
  const authFailureLimit = deps.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT;
  return {
    ...deps,
    clock,
    control,
    metrics,
    sources: deps.sources ?? SOURCE_NAMES,
    bodyLimit: deps.bodyLimit ?? '1mb',
    tenant: deps.tenant ?? { id: DEFAULT_TENANT, ids: [DEFAULT_TENANT] },
    authFailureLimit,
    authGuard:
      deps.authGuard ??
      createAuthGuard({ store: deps.store, clock, logger: deps.logger, limit: authFailureLimit }),
  };
}

/** Every route with GET /openapi.json, and the document (the console's API types are generated from it). */
export function apiRoutes(): { routes: AnyRoute[]; doc: Record<string, unknown> } {
  const openapi = defineRoute({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document (OpenAPI 3.1)',
    tag: 'health',
    access: 'public',
    responses: { 200: { description: 'the OpenAPI document' } },
    // The document describes this route too, so it is built once the list is complete.
    handle: () => ({ status: 200, json: doc }),
  });
  const routes: AnyRoute[] = [...ROUTES, openapi];
  const doc = buildOpenApi(routes, API_VERSION);
  return { routes, doc };
}

const pathPattern = (path: string): RegExp =>
  new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\?:[A-Za-z_]+/g, '[^/]+')}/?$`, 'i');

/**
 * The admin API as an express app that never listens on its own (tests drive it in-process; `serve`
 * listens). Every error, ours or express's, leaves as `{ error: { code, message, details? } }`.
 * `mode`: how requests reach it (src/server/tenant-scope.ts); `direct` is the single-company API.
 */
export function createApp(deps: AppDeps | AppContext, mode: TenantMode = 'direct'): Express {
  const ctx = 'metrics' in deps ? deps : appContext(deps);
  const app = express();
  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on('finish', () =>
      ctx.logger.debug(
        {
          method: req.method,
          path: shortPath(req.path),
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      ),
    );
    next();
  });

  const { routes } = apiRoutes();
  mountConsole(app, deps.consoleDir);
  for (const route of routes) mountRoute(app, route, ctx, mode);

  const patterns = routes.map((r) => ({ method: r.method.toUpperCase(), re: pathPattern(r.path) }));
  app.use((req: Request) => {
    const allowed = [...new Set(patterns.filter((p) => p.re.test(req.path)).map((p) => p.method))];
    if (allowed.includes('GET')) allowed.push('HEAD');
    if (allowed.length)
      throw new ApiError(
        405,
        'METHOD_NOT_ALLOWED',
        `${req.method} is not allowed here (allowed: ${allowed.join(', ')})`,
        {
          headers: { Allow: allowed.join(', ') },
        },
      );
    throw new ApiError(404, 'NOT_FOUND', 'no such route (GET /openapi.json lists them)');
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) {
      // The original error goes to the log (scrubbed there); the client gets no stack and no detail.
      const original = err instanceof ApiError && err.cause !== undefined ? err.cause : err;
      ctx.logger.error({ err: original, method: req.method, path: shortPath(req.path) }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [k, v] of Object.entries(apiError.headers)) res.setHeader(k, v);
    res.status(apiError.status).json(apiError.envelope());
  });
  return app;
}
