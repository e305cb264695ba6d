import type { Request } from 'express';
import { z } from 'zod';
import type { AuditNote } from './api-error.ts';
import type { AppContext } from './deps.ts';
import type { Actor, Role } from './tokens.ts';

export type Access = Role | 'public';

export interface RouteResult {
  status: number;
  json?: unknown;
  /** A non-JSON body (Prometheus text). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** What the audit entry of a mutating call records. */
  audit?: AuditNote;
  /** A stream of server-sent events instead of a body (`text/event-stream`). */
  events?: (sink: EventSink) => void;
}

/** Where a route writes its server-sent events. */
export interface EventSink {
  send(event: string, data: unknown): void;
  end(): void;
  /** Called once when the client goes away (or the stream ends). */
  onClose(fn: () => void): void;
}

export interface RouteContext<P, Q, B> {
  app: AppContext;
  params: P;
  query: Q;
  body: B;
  /** The caller (undefined on public routes). */
  actor: Actor | undefined;
  req: Request;
}

type AnyObject = z.ZodObject;

/** One route: its contract (zod schemas: validation and the OpenAPI document) and its handler. */
export interface RouteDef<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post';
  /** Express syntax: `/runs/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** The audit action of a mutating call (every attempt is recorded, allowed or not). */
  audit?: string;
  /**
   * Answers unprefixed on a several-tenant install too: it is about the caller, not a tenant's data
   * (GET /me, which lists the caller's tenants for the console to choose from).
   */
  anyTenant?: true;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  handle(ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<RouteResult> | RouteResult;
}

export const defineRoute = <
  P extends AnyObject = z.ZodObject<Record<string, never>, z.core.$strict>,
  Q extends AnyObject = z.ZodObject<Record<string, never>, z.core.$strict>,
  B extends z.ZodType = z.ZodUndefined,
>(
  def: RouteDef<P, Q, B>,
): RouteDef<P, Q, B> => def;

/** Paging by id, newest first: `?limit=50&before=123`. */
export const PageQuery = z
  .object({
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'an integer from 1 to 200')
      .transform(Number)
      .pipe(z.number().int().min(1).max(200))
      .optional(),
    before: z
      .string()
      .regex(/^\d{1,15}$/, 'a positive integer id')
      .transform(Number)
      .optional(),
  })
  .strict();

export const IdParams = z
  .object({
    id: z
      .string()
      .regex(/^\d{1,15}$/, 'a positive integer id')
      .transform(Number),
  })
  .strict();

/** A page of items and the `before` value of the next page (null at the end). */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextBefore: z.number().int().nullable() });

export function paged<T extends { id: number }>(
  items: T[],
  limit: number,
): { items: T[]; nextBefore: number | null } {
  const last = items[items.length - 1];
  return { items, nextBefore: items.length === limit && last ? last.id : null };
}
