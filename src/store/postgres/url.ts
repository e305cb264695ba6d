/**
 * The database a URL names, for logs and errors: scheme, user, host, port and database, never the
 * password (nor query parameters, which may carry one too).
 */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${u.protocol}//${user}${u.host}${u.pathname}`;
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** The password in a database URL, if any, to register with the SecretScrubber. */
export function databaseUrlPassword(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The schema a URL selects with libpq's `options=-c search_path=NAME` (one deployment, one database,
 * a schema per installation or per test), so that the store can create it before migrating.
 */
export function schemaOfDatabaseUrl(url: string): string | undefined {
  try {
    const options = new URL(url).searchParams.get('options');
    const match = options?.match(/(?:^|\s)-c\s*search_path=([A-Za-z_][A-Za-z0-9_]*)(?:\s|$)/);
    return match?.[1];
  } catch {
    return undefined;
  }
}
