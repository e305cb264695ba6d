import express, { type Express, type Request, type Response } from 'express';
import { z } from 'zod';
import { ApiError, toApiError, zodDetails, type AuditNote } from './api-error.ts';
import { authenticate, requireRole } from './auth.ts';
import { clientKey } from './client-key.ts';
import type { AppContext } from './deps.ts';
import type { RouteDef, RouteResult } from './route.ts';
import { actorMayUse, type TenantMode } from './tenant-scope.ts';
import type { Actor } from './tokens.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of routes of any schemas
export type AnyRoute = RouteDef<any, any, any>;

const JSON_TYPES = ['application/json', 'application/*+json'];

/** A request path as logs and the audit keep it: anyone may send 15,000 bytes of path. */
export const shortPath = (path: string): string => (path.length > 200 ? `${path.slice(0, 200)}…` : path);

const EMPTY = z.object({}).strict();

function validate<T extends z.ZodType>(
  where: 'params' | 'query' | 'body',
  schema: T,
  value: unknown,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ApiError(400, 'VALIDATION_FAILED', `invalid request ${where}`, {
    details: zodDetails(where, result.error),
  });
}

/** Reads a JSON body after authorization (nobody unauthenticated makes us parse a megabyte). */
async function readBody(req: Request, res: Response, parse: express.RequestHandler): Promise<unknown> {
  if (req.headers['content-length'] === '0') return undefined;
  const type = req.is(JSON_TYPES);
  if (type === null) return undefined; // no body at all
  if (type === false) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  await new Promise<void>((resolve, reject) => {
    void parse(req, res, (err?: unknown) =>
      err ? reject(err instanceof Error ? err : new Error('the body could not be read')) : resolve(),
    );
  });
  return req.body as unknown;
}

async function writeAudit(
  app: AppContext,
  route: AnyRoute,
  req: Request,
  actor: Actor | undefined,
  outcome: { status: number; outcome: 'ok' | 'denied' | 'failed'; error?: string },
  note: AuditNote | undefined,
): Promise<void> {
  try {
    await app.store.audit.append({
      at: app.clock.now(),
      actor: actor?.name ?? 'anonymous',
      action: route.audit ?? `${route.method} ${route.path}`,
      target: note?.target ?? null,
      beforeDigest: note?.beforeDigest ?? null,
      afterDigest: note?.afterDigest ?? null,
      detail: { ...outcome, method: req.method, path: shortPath(req.path), ...(note?.detail ?? {}) },
    });
  } catch (err) {
    app.logger.error({ err, action: route.audit }, 'cannot write the audit log');
  }
}

function send(res: Response, result: RouteResult): void {
  for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
  res.status(result.status);
  if (result.events) return sendEvents(res, result.events);
  if (result.text !== undefined) res.type(result.contentType ?? 'text/plain').send(result.text);
  else if (result.json === undefined) res.end();
  else res.json(result.json);
}

/** Server-sent events: headers now, each event as it comes, no buffering on the way. */
function sendEvents(res: Response, events: NonNullable<RouteResult['events']>): void {
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  events({
    send: (event, data) => {
      if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end: () => {
      if (!res.writableEnded) res.end();
    },
    onClose: (fn) => {
      res.once('close', fn);
    },
  });
}

/**
 * 404, never 403, for a tenant the token is not bound to, and the same answer for a tenant that does
 * not exist: the caller learns nothing about who else is served here. Checked before the role, whose
 * 403 would tell as much.
 */
function checkTenant(
  mode: TenantMode,
  route: AnyRoute,
  app: AppContext,
  actor: Actor | undefined,
  requested: unknown,
): void {
  if (mode === 'direct' || actor === undefined) return;
  if (mode === 'unnamed' && route.anyTenant) return;
  if (mode === 'unnamed')
    throw new ApiError(
      404,
      'NOT_FOUND',
      'this service has several tenants: name one (/tenants/<tenant>/...)',
    );
  if (requested !== app.tenant.id || !actorMayUse(actor, app.tenant))
    throw new ApiError(404, 'NOT_FOUND', 'no such tenant');
}

/**
 * Mounts one route: authorize, read the body, validate, handle, audit (allowed or not), reply. A
 * failed authentication is not audited per request: the auth guard counts it (one audit row per
 * client address and minute) and, past the client's limit, answers 429 before reading its token.
 */
export function mountRoute(
  express_: Express,
  route: AnyRoute,
  app: AppContext,
  mode: TenantMode = 'direct',
): void {
  const parseJson = express.json({ limit: app.bodyLimit, strict: true, type: JSON_TYPES });
  const name = route.audit ?? `${route.method.toUpperCase()} ${route.path}`;
  // Under /tenants/:tenant/ every route needs a token bound to the tenant, the public ones too:
  // otherwise /tenants/<guess>/healthz would tell who is a tenant here.
  const access = mode === 'named' && route.access === 'public' ? 'viewer' : route.access;
  express_[route.method](route.path, async (req: Request, res: Response) => {
    let actor: Actor | undefined;
    const client = clientKey(req.ip ?? req.socket.remoteAddress);
    let counted = false;
    try {
      if (access !== 'public') {
        const wait = await app.authGuard.refuse(client, name);
        if (wait !== undefined) {
          counted = true;
          throw new ApiError(
            429,
            'TOO_MANY_AUTH_FAILURES',
            `too many failed authentications from this address: try again in ${wait} s`,
            { headers: { 'Retry-After': String(wait) } },
          );
        }
      }
      try {
        actor = authenticate(access, req.headers.authorization, app.tokens);
      } catch (err) {
        counted = true;
        await app.authGuard.failed(client, name);
        throw err;
      }
      checkTenant(mode, route, app, actor, res.locals['tenant']);
      requireRole(access, actor);
      const rawBody = route.body ? await readBody(req, res, parseJson) : undefined;
      const params: unknown = validate('params', route.params ?? EMPTY, { ...req.params });
      const query: unknown = validate('query', route.query ?? EMPTY, { ...(req.query as object) });
      const body: unknown = route.body ? validate('body', route.body, rawBody ?? {}) : undefined;
      const result = await route.handle({ app, params, query, body, actor, req });
      if (route.audit)
        await writeAudit(app, route, req, actor, { status: result.status, outcome: 'ok' }, result.audit);
      send(res, result);
    } catch (err) {
      const apiError = toApiError(err);
      if (route.audit && !counted) {
        const denied = apiError.status === 401 || apiError.status === 403;
        await writeAudit(
          app,
          route,
          req,
          actor,
          { status: apiError.status, outcome: denied ? 'denied' : 'failed', error: apiError.code },
          apiError.audit,
        );
      }
      if (apiError !== err) apiError.cause = err;
      throw apiError;
    }
  });
}
