import type { Actor } from './tokens.ts';

/** The tenant an app context serves, and every tenant the process serves, in TENANTS_FILE's order. */
export interface TenantScope {
  id: string;
  ids: readonly string[];
}

/**
 * Whether a token may reach a tenant: it names the tenant or `*`; a token that names none reaches
 * the only tenant of a one-tenant install (every install before tenants existed) and nothing once
 * there are several, so adding a second tenant never widens an old token's reach.
 */
export function actorMayUse(actor: Actor, tenant: TenantScope): boolean {
  if (actor.tenants === undefined) return tenant.ids.length === 1;
  return actor.tenants.includes('*') || actor.tenants.includes(tenant.id);
}

/**
 * How a request reached an app: `direct` (the unprefixed routes of a one-tenant install, as before
 * tenants), `named` (under `/tenants/:tenant/`), `unnamed` (unprefixed on a several-tenant install:
 * only the public routes answer).
 */
export type TenantMode = 'direct' | 'named' | 'unnamed';

/** The tenants a token may use, of those the process serves (what the console offers to switch to). */
export const tenantsOf = (actor: Actor, scope: TenantScope): string[] =>
  scope.ids.filter((id) => actorMayUse(actor, { id, ids: scope.ids }));
