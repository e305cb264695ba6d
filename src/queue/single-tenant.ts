import type { AppEnv } from '../config/env.ts';
import type { ResolveTenant, TenantContext } from './types.ts';

/** The id of the one tenant of an install without a tenants file. */
export const DEFAULT_TENANT = 'default';

/**
 * The one-tenant case: the process's own environment, mappings and store. Stands in for
 * src/tenants' `loadTenantContexts` until that lands (the same 'default' tenant).
 */
export function singleTenant(env: AppEnv): TenantContext {
  return {
    id: DEFAULT_TENANT,
    env,
    mappingsDir: env.mappingsDir,
    store: { dbPath: env.dbPath, databaseUrl: env.databaseUrl },
  };
}

/** Resolves ids among a fixed list of tenants. */
export function resolveFrom(tenants: readonly TenantContext[]): ResolveTenant {
  const byId = new Map(tenants.map((t) => [t.id, t]));
  return (id) => Promise.resolve(byId.get(id));
}
