import { dirname, join } from 'node:path';
import type { StoreConfig } from '../store/open-store.ts';
import { schemaOfDatabaseUrl } from '../store/postgres/url.ts';

/**
 * Where one tenant's state lives: its own SQLite file beside the configured one
 * (`data/health-sync.db` → `data/tenants/acme.db`), or its own schema in the configured Postgres
 * database (`tenant_acme`, or `<schema>_acme` when the URL already selects a schema). Every store
 * query is unqualified and runs on its own file or its own search_path, so a query of one tenant
 * cannot name another tenant's rows: there is no tenant column to forget in a WHERE clause.
 */
export function tenantStoreConfig(base: StoreConfig, id: string): StoreConfig {
  if (base.databaseUrl !== undefined)
    return { dbPath: base.dbPath, databaseUrl: tenantDatabaseUrl(base.databaseUrl, id) };
  if (base.dbPath === ':memory:') return base;
  return { dbPath: join(dirname(base.dbPath), 'tenants', `${id}.db`), databaseUrl: undefined };
}

/** The tenant's schema: `tenant_<id>`, or `<schema>_<id>` under a URL that names one. */
export const tenantSchema = (databaseUrl: string, id: string): string => {
  const base = schemaOfDatabaseUrl(databaseUrl);
  return base === undefined ? `tenant_${id}` : `${base}_${id}`;
};

/** The URL with libpq's `options=-c search_path=<tenant schema>`, the form the Postgres store reads. */
export function tenantDatabaseUrl(databaseUrl: string, id: string): string {
  const url = new URL(databaseUrl);
  const schema = tenantSchema(databaseUrl, id);
  const options = (url.searchParams.get('options') ?? '').replace(/(?:^|\s)-c\s*search_path=\S+/, '').trim();
  url.searchParams.set('options', `${options} -c search_path=${schema}`.trim());
  return url.toString();
}
