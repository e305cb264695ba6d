import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TENANT_VARIABLES } from '../../src/tenants/variables.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('tenant variables', () => {
  it('classify every variable a connector declares (a new one must be plain or secret, never unclassified)', () => {
    const declared = readdirSync(join(ROOT, 'connectors'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => {
        const text = readFileSync(join(ROOT, 'connectors', d.name, 'env.ts'), 'utf8');
        return [...text.matchAll(/^\s*([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
      });
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((name) => !(name! in TENANT_VARIABLES))).toEqual([]);
  });

  it('treat every credential as a secret', () => {
    const secrets = Object.entries(TENANT_VARIABLES)
      .filter(([, kind]) => kind === 'secret')
      .map(([name]) => name);
    for (const name of Object.keys(TENANT_VARIABLES))
      if (/SECRET|TOKEN|PAT$|PRIVATE_KEY$|HASH_KEY/.test(name)) expect(secrets).toContain(name);
  });
});
