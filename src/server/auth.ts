import { ApiError } from './api-error.ts';
import type { Access } from './route.ts';
import { roleAllows, type Actor, type TokenRegistry } from './tokens.ts';

const CHALLENGE = 'Bearer realm="health-sync"';

/**
 * Who is calling: 401 (with a Bearer challenge) without a token or with one we do not know. Then
 * `requireRole`: 403 when the holder's role is below the route's. The token is never logged nor echoed.
 */
export function authenticate(
  access: Access,
  header: string | undefined,
  tokens: TokenRegistry,
): Actor | undefined {
  if (access === 'public') return undefined;
  const match = header === undefined ? null : /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!match?.[1])
    throw new ApiError(401, 'UNAUTHORIZED', 'a bearer token is required', {
      headers: { 'WWW-Authenticate': CHALLENGE },
    });
  const actor = tokens.authenticate(match[1]);
  if (!actor)
    throw new ApiError(401, 'UNAUTHORIZED', 'the bearer token is not valid', {
      headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
    });
  return actor;
}

export function requireRole(access: Access, actor: Actor | undefined): void {
  if (access === 'public') return;
  if (!actor || !roleAllows(actor.role, access))
    throw new ApiError(
      403,
      'FORBIDDEN',
      `this needs the ${access} role${actor ? ` (yours is ${actor.role})` : ''}`,
      {
        audit: { detail: { role: actor?.role ?? null } },
      },
    );
}
