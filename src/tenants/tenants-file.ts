import { z } from 'zod';
import type { ConfigProblem } from '../errors.ts';
import { parseListFile, readConfigFile } from '../config/list-file.ts';
import { TENANT_VARIABLES, isTenantVariable } from './variables.ts';

/**
 * The tenants file (`TENANTS_FILE`, YAML or JSON): one entry per client company.
 *
 *   - id: acme
 *     mappings_dir: ./acme/mappings            # relative to the tenants file
 *     env:
 *       ZENDESK_SUBDOMAIN: acme                 # a plain value: only for variables that are not secrets
 *       ZENDESK_EMAIL: ops@acme.example
 *       ZENDESK_API_TOKEN: { from_env: ACME_ZENDESK_API_TOKEN }   # a process variable holds it
 *       SF_CLIENT_SECRET: { file: /run/secrets/acme_sf_secret }   # a file holds it
 */

/** Lower case, digits and `_`: it names a Postgres schema and a file, so it must be safe as both. */
export const TENANT_ID = /^[a-z][a-z0-9_]{0,30}$/;
export const TenantId = z
  .string()
  .regex(TENANT_ID, 'a short lower-case name: a-z first, then a-z, 0-9 or _ (at most 31)');

const FromEnv = z
  .object({ from_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable') })
  .strict();
const FromFile = z.object({ file: z.string().min(1, 'the path of a file') }).strict();
export type ValueRef = z.infer<typeof FromEnv> | z.infer<typeof FromFile>;
const Value = z.union([z.string(), FromEnv, FromFile], {
  error: 'a value, { from_env: VARIABLE } or { file: PATH }',
});

export const TenantEntry = z
  .object({
    id: TenantId,
    mappings_dir: z.string().min(1, "the tenant's mapping directory"),
    env: z.record(z.string(), Value).default({}),
  })
  .strict();
export type TenantEntry = z.infer<typeof TenantEntry>;
const TenantsFile = z.array(TenantEntry).min(1, 'at least one tenant');

/** What the schema cannot say: unknown variables, secrets written in clear, duplicates. */
function entryProblems(entries: TenantEntry[], file: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = new Map<string, number>();
  const dirs = new Map<string, string>();
  entries.forEach((entry, i) => {
    if (ids.has(entry.id)) problems.push({ file, path: [i, 'id'], message: `duplicate id "${entry.id}"` });
    ids.set(entry.id, i);
    // Approving a proposal writes the mapping directory: a shared one would change another tenant's scores.
    const other = dirs.get(entry.mappings_dir);
    if (other !== undefined)
      problems.push({
        file,
        path: [i, 'mappings_dir'],
        message: `already the mapping directory of "${other}"`,
      });
    dirs.set(entry.mappings_dir, entry.id);
    for (const [name, value] of Object.entries(entry.env)) {
      if (!isTenantVariable(name))
        problems.push({
          file,
          path: [i, 'env', name],
          message: `not a variable a tenant sets (one of ${Object.keys(TENANT_VARIABLES).join(', ')})`,
        });
      else if (TENANT_VARIABLES[name] === 'secret' && typeof value === 'string')
        // The value is not repeated here: it is a secret written where it should not be.
        problems.push({
          file,
          path: [i, 'env', name],
          message: 'a secret: give it as { from_env: VARIABLE } or { file: PATH }, never its value',
        });
    }
  });
  return problems;
}

const TITLE = 'The tenants file';

/** Parses a tenants file: every problem at once, each with the entry and key it is in. */
export const parseTenantsFile = (text: string, file = 'tenants'): TenantEntry[] =>
  parseListFile(text, {
    file,
    title: TITLE,
    schema: TenantsFile,
    check: (data) => entryProblems(data, file),
  });

export const loadTenantsFile = async (path: string): Promise<TenantEntry[]> =>
  parseTenantsFile(await readConfigFile(path, path, TITLE), path);
