import createClient, { type Middleware } from 'openapi-fetch';
import { currentToken, tenantPath } from '../session.ts';
import type { components, operations, paths } from './schema.ts';

export type Schemas = components['schemas'];
/** The JSON an operation answers with on 200 (or 202). */
export type Ok<K extends keyof operations> = operations[K]['responses'] extends {
  200: { content: { 'application/json': infer T } };
}
  ? T
  : operations[K]['responses'] extends { 202: { content: { 'application/json': infer T } } }
    ? T
    : never;
export type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

/** The API's error envelope: `{ error: { code, message, details? } }`. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const auth: Middleware = {
  async onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    const url = new URL(request.url);
    const path = tenantPath(url.pathname);
    if (path === url.pathname) return request;
    url.pathname = path;
    // Rebuilt from its parts: a Request made from another one whose body is a stream needs `duplex`,
    // which not every browser takes; the API's bodies are small JSON texts.
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
    return new Request(url, {
      method: request.method,
      headers: request.headers,
      body,
      signal: request.signal,
    });
  },
};

/** One typed client for the admin API, on the page's own origin. */
export const api = createClient<paths>({ baseUrl: location.origin });
api.use(auth);

/** The data of a call, or an ApiFailure with the envelope's code and message. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  const envelope = (error ?? {}) as { error?: { code?: string; message?: string; details?: unknown } };
  throw new ApiFailure(
    response.status,
    envelope.error?.code ?? `HTTP_${response.status}`,
    envelope.error?.message ?? response.statusText,
    envelope.error?.details,
  );
}
