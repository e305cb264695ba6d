import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TENANT_VARIABLES, type TenantVariable } from '../../../src/tenants/variables.ts';
import type { E2eWorld } from '../../e2e/support/sandbox.ts';

/**
 * One client company of the multi-tenant e2e test: a sandbox seed of its own (so its Account Ids
 * differ from every other tenant's) and a scorecard of its own (a version, and a weight or a status
 * bar that moves its scores), so that a run on another tenant's data or mappings shows in the result.
 */
export interface TenantSpec {
  id: string;
  seed: number;
  /** Written to every scored Account (Health_Scorecard_Version__c): whose mappings scored it. */
  version: string;
  /** Line edits to the world's scorecard.yaml, each of which must match once. */
  edits: { line: RegExp; to: string }[];
}

/** Applies a tenant's scorecard to a world's mapping copy (tests/e2e/support/sandbox.ts). */
export function applyScorecard(w: E2eWorld, spec: TenantSpec): string {
  const dir = join(w.dir, 'mappings');
  const file = join(dir, 'scorecard.yaml');
  let text = readFileSync(file, 'utf8');
  for (const { line, to } of [{ line: /^version: .*$/m, to: `version: "${spec.version}"` }, ...spec.edits]) {
    const hits = text.match(new RegExp(line.source, `${line.flags.replace('g', '')}g`))?.length ?? 0;
    if (hits !== 1) throw new Error(`scorecard.yaml: ${line} matches ${hits} lines, not one`);
    text = text.replace(line, to);
  }
  writeFileSync(file, text);
  return dir;
}

/**
 * The tenants file for worlds side by side, as ops would write it: plain variables in clear, each
 * secret by reference, from a process variable (`<ID>_<NAME>`) or, for `fileSecrets`, from a file.
 * Returns the file's text and the process variables its references need.
 */
export function tenantsFile(
  tenants: { spec: TenantSpec; world: E2eWorld }[],
  fileSecrets: { tenant: string; name: TenantVariable; path: string }[] = [],
): { yaml: string; env: Record<string, string> } {
  const env: Record<string, string> = {};
  const entries = tenants.map(({ spec, world }) => {
    const vars: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(world.sandbox.env)) {
      if (!(name in TENANT_VARIABLES)) throw new Error(`the sandbox sets ${name}, which no tenant may set`);
      if (TENANT_VARIABLES[name as TenantVariable] === 'plain') {
        vars[name] = value;
        continue;
      }
      const asFile = fileSecrets.find((f) => f.tenant === spec.id && f.name === name);
      if (asFile) {
        writeFileSync(asFile.path, `${value}\n`, { mode: 0o600 });
        vars[name] = { file: asFile.path };
      } else {
        const ref = `${spec.id.toUpperCase()}_${name}`;
        env[ref] = value;
        vars[name] = { from_env: ref };
      }
    }
    return { id: spec.id, mappings_dir: join(world.dir, 'mappings'), env: vars };
  });
  // JSON is YAML: the tenants file reads either.
  return { yaml: JSON.stringify(entries, null, 2), env };
}
