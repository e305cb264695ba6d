import { dirname, isAbsolute, resolve } from 'node:path';
import { parseEnv, type AppEnv } from '../config/env.ts';
import { ConfigError, EnvError, type ConfigProblem } from '../errors.ts';
import type { StoreConfig } from '../store/open-store.ts';
import { resolveTenantVariables } from './references.ts';
import { loadTenantsFile } from './tenants-file.ts';
import { tenantStoreConfig } from './tenant-store.ts';
import { NOT_INHERITED } from './variables.ts';

export { TENANT_ID, TenantId, parseTenantsFile, loadTenantsFile, type TenantEntry } from './tenants-file.ts';
export { tenantDatabaseUrl, tenantSchema, tenantStoreConfig } from './tenant-store.ts';

/** The tenant of a single-company install (no TENANTS_FILE): everything as the environment says. */
export const DEFAULT_TENANT = 'default';

/** One client company as a process serves it: its credentials resolved, its mappings, its store. */
export interface TenantContext {
  id: string;
  /** The tenant's resolved environment, as src/config/env.ts parses it (its store fields are the tenant's). */
  env: AppEnv;
  mappingsDir: string;
  store: StoreConfig;
}

const storeOf = (env: AppEnv): StoreConfig => ({ dbPath: env.dbPath, databaseUrl: env.databaseUrl });

/**
 * The tenants this process serves. Without `TENANTS_FILE`, one `default` tenant whose environment is
 * the process's, exactly as before tenants existed. With it, one context per entry: the process's
 * service variables (port, tokens, log level, store), minus every vendor variable, plus the tenant's
 * own; its own store (see tenant-store.ts). Throws one ConfigError (exit 2) naming the file, the
 * entry and the variable of every problem.
 */
export async function loadTenantContexts(
  processEnv: Record<string, string | undefined>,
): Promise<TenantContext[]> {
  const file = processEnv['TENANTS_FILE']?.trim();
  if (!file) {
    const env = parseEnv(processEnv);
    return [{ id: DEFAULT_TENANT, env, mappingsDir: env.mappingsDir, store: storeOf(env) }];
  }
  // The process's own variables must be valid too (PORT, the store, the tokens file).
  const base: Record<string, string | undefined> = { ...processEnv };
  for (const name of NOT_INHERITED) delete base[name];
  const processWide = parseEnv(base);
  const entries = await loadTenantsFile(file);
  const baseDir = dirname(resolve(file));
  const problems: ConfigProblem[] = [];
  const contexts: TenantContext[] = [];
  for (const [index, entry] of entries.entries()) {
    const { values, problems: refProblems } = await resolveTenantVariables(
      entry,
      { file, index, baseDir },
      processEnv,
    );
    problems.push(...refProblems);
    if (refProblems.length) continue;
    const mappingsDir = isAbsolute(entry.mappings_dir)
      ? entry.mappings_dir
      : resolve(baseDir, entry.mappings_dir);
    const store = tenantStoreConfig(storeOf(processWide), entry.id);
    try {
      const env = parseEnv({
        ...base,
        ...values,
        MAPPINGS_DIR: mappingsDir,
        HEALTH_SYNC_DB: store.dbPath,
        HEALTH_SYNC_DATABASE_URL: store.databaseUrl,
      });
      contexts.push({ id: entry.id, env, mappingsDir, store });
    } catch (err) {
      if (!(err instanceof EnvError)) throw err;
      // The lines name variables and rules, never values (src/config/env-vars.ts).
      for (const issue of err.issues) problems.push({ file, path: [index, 'env'], message: issue });
    }
  }
  if (problems.length) throw new ConfigError(problems, `The tenants file ${file} is not valid`);
  return contexts;
}
