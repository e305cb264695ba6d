/**
 * The signed-in token: held in memory, and in sessionStorage so that a reload of the tab keeps it
 * (it dies with the tab; it is never put in a URL, a cookie or a log).
 */
const KEY = 'health-sync.token';
const TENANT_KEY = 'health-sync.tenant';

/**
 * Sets (a string), removes (null) or only reads a sessionStorage value, and returns what it holds;
 * nothing where the browser refuses storage (private mode): the values then live in memory only.
 */
function stored(key: string, value?: string | null): string | undefined {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else if (value !== undefined) sessionStorage.setItem(key, value);
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

let token: string | undefined = stored(KEY);

export const currentToken = (): string | undefined => token;

export function signIn(next: string): void {
  token = next;
  stored(KEY, next);
}

export function signOut(): void {
  token = undefined;
  tenant = undefined;
  stored(KEY, null);
  stored(TENANT_KEY, null);
}

/**
 * The client company the console shows: every API call but GET /me goes to its `/tenants/<id>`
 * routes, which a service with several (TENANTS_FILE) requires and a single-company one serves too.
 */
let tenant: string | undefined = stored(TENANT_KEY);

export const currentTenant = (): string | undefined => tenant;

/** Keeps the stored choice if the token may still use it, else its first tenant. */
export function chooseTenant(tenants: readonly string[], wanted = tenant): string | undefined {
  tenant = wanted !== undefined && tenants.includes(wanted) ? wanted : tenants[0];
  stored(TENANT_KEY, tenant ?? null);
  return tenant;
}

/** An API path under the chosen tenant's prefix (GET /me is about the caller: never prefixed). */
export function tenantPath(path: string, chosen = tenant): string {
  if (chosen === undefined || path === '/me') return path;
  return `/tenants/${encodeURIComponent(chosen)}${path}`;
}
