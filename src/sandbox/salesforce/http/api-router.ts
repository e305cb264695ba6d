import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { SalesforceState } from '../state.ts';
import { classifyEndpoint } from './classify.ts';
import type { ApiContext } from './context.ts';
import { dispatch } from './dispatch.ts';
import { notFound, send, sessionInvalid, sfError } from './respond.ts';
import { applyTransportFault } from './transport-fault.ts';

export interface ApiRouterConfig {
  versions: { min: number; max: number };
  bulkStepMs: number;
  locatorTtlMs: number;
  loginUrl: (req: Request) => string;
}

/**
 * `/services/data/vXX.X/*`: version check, transport faults, the bearer token, the daily allocation
 * (`Sforce-Limit-Info` on every counted answer), then the handler.
 */
export function apiRouter(state: SalesforceState, config: ApiRouterConfig): Router {
  const router = express.Router({ mergeParams: true });
  router.use(express.json({ type: ['application/json', 'application/*+json'], limit: '50mb' }));
  router.use(express.text({ type: ['text/csv'], limit: '150mb' }));
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const version = parseVersion(String(req.params['version'] ?? ''), config.versions);
    if (!version) return send(res, notFound());
    const endpoint = classifyEndpoint(req.method, req.path);
    state.count(endpoint.name);
    if (await applyTransportFault(state, state.faults.transport(endpoint.name, true), req, res)) return;

    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const session = token ? state.tokens.get(token) : undefined;
    const limit = state.faults.settings.tokenExpiresAfterCalls;
    if (
      !token ||
      !session ||
      session.expiresAt <= state.now() ||
      (limit !== null && session.calls >= limit)
    ) {
      if (token && session) state.tokens.delete(token);
      state.stats.faults.sessionExpired += 1;
      return send(res, sessionInvalid());
    }
    if (state.usage.used >= state.usage.max) {
      state.stats.faults.limitExceeded += 1;
      res.setHeader('Sforce-Limit-Info', `api-usage=${state.usage.used}/${state.usage.max}`);
      return send(res, sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
    }
    session.calls += 1;
    state.usage.used += 1;
    state.stats.apiCalls += 1;
    res.setHeader('Sforce-Limit-Info', `api-usage=${state.usage.used}/${state.usage.max}`);

    const ctx: ApiContext = {
      state,
      version,
      userId: session.userId,
      loginUrl: config.loginUrl(req),
      bulkStepMs: config.bulkStepMs,
      locatorTtlMs: config.locatorTtlMs,
    };
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers))
      headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    try {
      send(
        res,
        dispatch(ctx, {
          method: req.method,
          path: req.path,
          query: flatQuery(req.query),
          body: req.body as unknown,
          headers,
        }),
      );
    } catch (err) {
      next(err);
    }
  });
  return router;
}

function parseVersion(text: string, range: { min: number; max: number }): string | null {
  const m = /^v(\d+\.\d)$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= range.min && n <= range.max && Number.isInteger(n) ? m[1]! : null;
}

function flatQuery(query: Request['query']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  return out;
}
