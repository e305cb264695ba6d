import type { Client, SendRequestOptions } from 'jira.js/core';
import { z, type ZodType } from 'zod';
import type { HttpClient } from '../../src/http/types.ts';

export interface RoutedEndpoint {
  /** Our vendor schema for the response (what the HTTP layer parses; a failure names the endpoint). */
  schema: ZodType;
  /** A read sent as POST: safe to retry. */
  idempotent?: boolean;
}

const scalar = (v: unknown): string | number | boolean | undefined => {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map(String).join(',');
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
};

/**
 * A jira.js `Client` whose requests go through our HTTP client: jira.js builds each request (path,
 * body, parameters), and our one HTTP layer sends it, with the shared rate-limit bucket, retries
 * (decideRetry + p-retry, honouring Retry-After), timeouts, counters and scrubbed `SourceError`s.
 * jira.js's own fetch, retry and error classes are never used. Responses of the endpoints we read are
 * parsed with our `Jira…` schemas instead of jira.js's, so both deployments share one issue schema.
 */
export function jiraJsClient(http: HttpClient, routes: Readonly<Record<string, RoutedEndpoint>>): Client {
  return {
    async sendRequest<T>(options: SendRequestOptions<T>): Promise<T> {
      const method = options.method ?? 'GET';
      if (method === 'HEAD' || method === 'OPTIONS')
        throw new TypeError(
          `jira.js asked for ${method} ${options.url}: not an HTTP method our client sends`,
        );
      const endpoint = `${method} ${options.url}`;
      const route = routes[endpoint];
      const query: Record<string, string | number | boolean | undefined> = {};
      for (const [k, v] of Object.entries(options.searchParams ?? {})) query[k] = scalar(v);
      const res = await http.request(
        {
          method,
          path: options.url,
          endpoint,
          query,
          ...(options.body === undefined ? {} : { body: options.body }),
          ...(options.headers ? { headers: options.headers } : {}),
          ...(route?.idempotent === undefined ? {} : { idempotent: route.idempotent }),
        },
        route?.schema ?? options.schema ?? z.unknown(),
      );
      return res.data as T;
    },
  };
}
