import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { createApp } from './app.ts';
import type { AppContext } from './deps.ts';

/**
 * The admin API of every tenant in one express app. `/tenants/:tenant/...` reaches that tenant's
 * routes (a token bound to it, else 404: see mount.ts). The unprefixed routes are the single-company
 * API: the only tenant's when there is one (exactly as before tenants existed); with several, only
 * the public ones answer, for the first tenant (/healthz, /readyz, /openapi.json).
 */
export function createTenantRouter(tenants: readonly { id: string; ctx: AppContext }[]): Express {
  const [first] = tenants;
  if (!first) throw new Error('createTenantRouter: no tenant');
  const scoped = new Map(tenants.map((t) => [t.id, createApp(t.ctx, 'named')]));
  // A tenant nobody serves goes through the first tenant's routes too: it is authenticated the same
  // way and refused with the same 404 as a tenant the token is not bound to.
  const fallback = createApp(first.ctx, 'named');
  const root = express();
  root.disable('x-powered-by');
  root.use('/tenants/:tenant', (req: Request, res: Response, next: NextFunction) => {
    const param: unknown = req.params['tenant'];
    const id = typeof param === 'string' ? param : '';
    res.locals['tenant'] = id;
    (scoped.get(id) ?? fallback)(req, res, next);
  });
  root.use(createApp(first.ctx, tenants.length === 1 ? 'direct' : 'unnamed'));
  return root;
}
