import { z } from 'zod';
import type { FieldIndex, FieldInfo } from '../../src/writeback/types.ts';
import type { SalesforceSession } from './auth.ts';
import { sfCall } from './call.ts';
import { toSourceError } from './errors.ts';
import { SalesforceDescribe, parseResponse } from './schemas.ts';

/** What validation and the write plan need to know about one field, as the cache holds it. */
const SalesforceFieldInfo = z.object({
  name: z.string(),
  type: z.string(),
  updateable: z.boolean(),
  length: z.number().int().nonnegative(),
  scale: z.number().int().nonnegative(),
  picklistValues: z.array(z.string()),
  restrictedPicklist: z.boolean(),
}) satisfies z.ZodType<FieldInfo>;

const CachedDescribe = z.object({
  fetchedAt: z.number(),
  apiVersion: z.string(),
  instanceUrl: z.string(),
  object: z.string(),
  fields: z.array(SalesforceFieldInfo),
});

/** A key-value cache: the store's meta table fits it, whether it answers at once or in a promise. */
export interface DescribeCache {
  get(key: string): string | undefined | Promise<string | undefined>;
  set(key: string, value: string): void | Promise<void>;
}

export interface DescribeOptions {
  /** Where the describe is cached (the store's meta table); no cache without it. */
  meta?: DescribeCache;
  ttlMs?: number;
  now?: () => number;
  object?: string;
}

/** A describe is an API call and fields rarely change: reuse it for an hour. */
export const DESCRIBE_TTL_MS = 3600_000;

export const indexFields = (fields: readonly FieldInfo[]): FieldIndex =>
  new Map(fields.map((f) => [f.name.toLowerCase(), f]));

/**
 * The fields of an sObject (Account by default), from the store's cache while it is fresh.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 */
export async function describeFields(
  session: SalesforceSession,
  options: DescribeOptions = {},
): Promise<FieldIndex> {
  const { conn } = session;
  const object = options.object ?? 'Account';
  const now = (options.now ?? Date.now)();
  const key = `salesforce.describe.${object}`;
  const cached = await options.meta?.get(key);
  if (cached !== undefined) {
    const parsed = CachedDescribe.safeParse(JSON.parse(cached));
    if (
      parsed.success &&
      parsed.data.apiVersion === conn.version &&
      parsed.data.instanceUrl === conn.instanceUrl &&
      now - parsed.data.fetchedAt < (options.ttlMs ?? DESCRIBE_TTL_MS)
    )
      return indexFields(parsed.data.fields);
  }
  const endpoint = `GET /sobjects/${object}/describe`;
  let raw: unknown;
  try {
    raw = await sfCall(session, { endpoint, idempotent: true }, () =>
      conn.request(`/sobjects/${object}/describe`),
    );
  } catch (err) {
    throw toSourceError(err, endpoint);
  }
  const describe = parseResponse(SalesforceDescribe, raw, endpoint);
  const fields: FieldInfo[] = describe.fields.map((f) => ({
    name: f.name,
    type: f.type,
    updateable: f.updateable && f.calculated !== true,
    length: f.length ?? 0,
    scale: f.scale ?? 0,
    picklistValues: (f.picklistValues ?? []).filter((p) => p.active !== false).map((p) => p.value),
    restrictedPicklist: f.restrictedPicklist === true,
  }));
  await options.meta?.set(
    key,
    JSON.stringify({
      fetchedAt: now,
      apiVersion: conn.version,
      instanceUrl: conn.instanceUrl,
      object,
      fields,
    }),
  );
  return indexFields(fields);
}
