import { z } from 'zod';
import { ErrorEnvelope } from './api-error.ts';
import type { AnyRoute } from './mount.ts';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return rest;
};

const openApiPath = (path: string): string => path.replace(/:([A-Za-z_]+)/g, '{$1}');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function parameters(route: AnyRoute): unknown[] {
  const out: unknown[] = [];
  const add = (where: 'path' | 'query', schema: z.ZodObject | undefined): void => {
    if (!schema) return;
    const shape: Record<string, z.ZodType> = schema.shape;
    for (const [name, field] of Object.entries(shape))
      out.push({
        name,
        in: where,
        required: where === 'path' || !field.safeParse(undefined).success,
        schema: schemaOf(field, 'input'),
      });
  };
  add('path', route.params as z.ZodObject | undefined);
  add('query', route.query as z.ZodObject | undefined);
  return out;
}

function operation(route: AnyRoute): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    const contentType = r.contentType ?? 'application/json';
    const schema = r.schema
      ? schemaOf(r.schema, 'output')
      : Number(status) >= 400
        ? { $ref: '#/components/schemas/Error' }
        : undefined;
    responses[status] = {
      description: r.description,
      ...(schema || r.contentType ? { content: { [contentType]: schema ? { schema } : {} } } : {}),
    };
  }
  responses['400'] ??= errorResponse('invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON)');
  if (route.access !== 'public') {
    responses['401'] ??= errorResponse('no bearer token, or an unknown one');
    responses['403'] ??= errorResponse(`the token's role is below ${route.access}`);
    responses['429'] ??= {
      ...errorResponse(
        'too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After',
      ),
      headers: {
        'Retry-After': { description: 'seconds to wait', schema: { type: 'integer', minimum: 1 } },
      },
    };
  }
  if (route.body) {
    responses['413'] ??= errorResponse('the body is larger than 1 MB');
    responses['415'] ??= errorResponse('the body is not JSON');
  }
  responses['500'] ??= errorResponse('internal error (details are in the service log)');
  return {
    operationId: `${route.method}${route.path.replace(/\/:?([a-z])/gi, (_m, c: string) => c.toUpperCase()).replace(/[^A-Za-z]/g, '')}`,
    summary: route.summary,
    tags: [route.tag],
    ...(route.access === 'public' ? { security: [] } : { 'x-required-role': route.access }),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: false,
            content: { 'application/json': { schema: schemaOf(route.body as z.ZodType, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the admin API, generated from the routes' own zod schemas. */
export function buildOpenApi(routes: AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'health-sync admin API',
      version,
      description:
        'Runs, account health explanations, mappings (validate, preview, two-admin proposals), audit, metrics. ' +
        'Bearer tokens with roles viewer < operator < admin. Every error is { error: { code, message, details? } }.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    // Every path is served under each tenant's prefix too (TENANTS_FILE); the unprefixed one is the
    // single-company install's, or the only tenant's.
    servers: [
      { url: '/', description: 'a single-company install (or its only tenant)' },
      {
        url: '/tenants/{tenant}',
        description: 'one client company of TENANTS_FILE; a token not bound to it gets 404',
        variables: { tenant: { default: 'default', description: "the tenant's id in TENANTS_FILE" } },
      },
    ],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: schemaOf(ErrorEnvelope, 'output') },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
