/**
 * The signed-in token: held in memory, and in sessionStorage so that a reload of the tab keeps it
 * (it dies with the tab; it is never put in a URL, a cookie or a log).
 */
const KEY = 'health-sync.token';
const TENANT_KEY = 'health-sync.tenant';

let token: string | undefined = readStored();

function readStored(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export const currentToken = (): string | undefined => token;

export function signIn(next: string): void {
  token = next;
  try {
    sessionStorage.setItem(KEY, next);
  } catch {
    // Storage refused (private mode): the token stays in memory only.
  }
}

export function signOut(): void {
  token = undefined;
  tenant = undefined;
  try {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(TENANT_KEY);
  } catch {
    // nothing stored
  }
}

/**
 * The client company the console shows: every API call but GET /me goes to its `/tenants/<id>`
 * routes, which a service with several (TENANTS_FILE) requires and a single-company one serves too.
 */
let tenant: string | undefined = readTenant();

function readTenant(): string | undefined {
  try {
    return sessionStorage.getItem(TENANT_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export const currentTenant = (): string | undefined => tenant;

/** Keeps the stored choice if the token may still use it, else its first tenant. */
export function chooseTenant(tenants: readonly string[], wanted = tenant): string | undefined {
  tenant = wanted !== undefined && tenants.includes(wanted) ? wanted : tenants[0];
  try {
    if (tenant === undefined) sessionStorage.removeItem(TENANT_KEY);
    else sessionStorage.setItem(TENANT_KEY, tenant);
  } catch {
    // Storage refused: the choice lasts as long as the page.
  }
  return tenant;
}

/** An API path under the chosen tenant's prefix (GET /me is about the caller: never prefixed). */
export function tenantPath(path: string, chosen = tenant): string {
  if (chosen === undefined || path === '/me') return path;
  return `/tenants/${encodeURIComponent(chosen)}${path}`;
}
