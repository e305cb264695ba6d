import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashToken } from '../../src/server/tokens.ts';
import { loadTenantContexts, type TenantContext } from '../../src/tenants/index.ts';
import { mappingsDir, tempDir } from '../server/helpers.ts';

const dirs: string[] = [];

/** Removes the directories `twoTenants` made (call it after each test). */
export function removeTenantDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Two tenants (acme, globex) from a tenants file; the store is SQLite unless a database URL is given. */
export async function twoTenants(
  databaseUrl?: string,
): Promise<{ dir: string; tenants: TenantContext[]; tokensFile: string }> {
  const dir = tempDir('hs-tenants-');
  dirs.push(dir);
  for (const id of ['acme', 'globex']) mappingsDir(join(dir, id));
  writeFileSync(
    join(dir, 'tenants.yaml'),
    `- { id: acme, mappings_dir: acme/mappings, env: { ZENDESK_SUBDOMAIN: acme, ZENDESK_EMAIL: a@acme.example, ZENDESK_API_TOKEN: { from_env: ACME_TOKEN } } }
- { id: globex, mappings_dir: globex/mappings }
`,
  );
  const tokensFile = join(dir, 'tokens.yaml');
  writeFileSync(
    tokensFile,
    [
      `- { name: alice, role: admin, tenants: [acme], sha256: ${hashToken('alice-token-0123456789')} }`,
      `- { name: gabe, role: viewer, tenants: [globex], sha256: ${hashToken('gabe-token-0123456789')} }`,
      `- { name: root, role: viewer, tenants: ['*'], sha256: ${hashToken('root-token-0123456789')} }`,
      `- { name: old, role: admin, sha256: ${hashToken('old-token-0123456789')} }`,
    ].join('\n'),
  );
  const tenants = await loadTenantContexts({
    TENANTS_FILE: join(dir, 'tenants.yaml'),
    HEALTH_SYNC_DB: join(dir, 'data', 'health-sync.db'),
    ...(databaseUrl ? { HEALTH_SYNC_DATABASE_URL: databaseUrl } : {}),
    ADMIN_TOKENS_FILE: tokensFile,
    ACME_TOKEN: 'acme-zendesk-token',
  });
  return { dir, tenants, tokensFile };
}
