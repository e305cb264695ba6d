import type { ResolveTenant, TenantContext } from './types.ts';

/** Resolves ids among a fixed list of tenants (the process's, loaded at start). */
export function resolveFrom(tenants: readonly TenantContext[]): ResolveTenant {
  const byId = new Map(tenants.map((t) => [t.id, t]));
  return (id) => Promise.resolve(byId.get(id));
}
