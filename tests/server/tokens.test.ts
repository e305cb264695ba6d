import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import {
  createTokenRegistry,
  hashToken,
  loadTokenFile,
  parseTokenFile,
  roleAllows,
} from '../../src/server/tokens.ts';
import { actorMayUse } from '../../src/server/tenant-scope.ts';
import { tokenChanges } from '../../src/server/token-changes.ts';
import { tempDir } from './helpers.ts';

const HASH = hashToken('s3cret-token-value');

describe('admin tokens', () => {
  it('matches a token by its SHA-256 only, and knows nothing of unknown ones', () => {
    const registry = createTokenRegistry([
      { name: 'alice', role: 'admin', sha256: HASH },
      { name: 'vera', role: 'viewer', sha256: hashToken('other') },
    ]);
    expect(registry.authenticate('s3cret-token-value')).toEqual({ name: 'alice', role: 'admin' });
    expect(registry.authenticate('other')).toEqual({ name: 'vera', role: 'viewer' });
    expect(registry.authenticate(HASH)).toBeUndefined();
    expect(registry.authenticate('')).toBeUndefined();
    registry.replace([]);
    expect(registry.authenticate('s3cret-token-value')).toBeUndefined();
  });

  it('matches the shell recipe: printf %s "$token" | sha256sum', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('orders roles viewer < operator < admin', () => {
    expect(roleAllows('admin', 'operator')).toBe(true);
    expect(roleAllows('operator', 'operator')).toBe(true);
    expect(roleAllows('operator', 'admin')).toBe(false);
    expect(roleAllows('viewer', 'operator')).toBe(false);
  });

  it('reads YAML or JSON files and reports every problem without echoing a value', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tokens.json'), JSON.stringify([{ name: 'alice', role: 'admin', sha256: HASH }]));
    expect(await loadTokenFile(join(dir, 'tokens.json'))).toHaveLength(1);
    writeFileSync(join(dir, 'tokens.yaml'), `- name: alice\n  role: admin\n  sha256: ${HASH}\n`);
    expect(await loadTokenFile(join(dir, 'tokens.yaml'))).toHaveLength(1);

    const bad = `- { name: alice, role: root, sha256: plain-token-here }\n- { name: bob, role: admin, sha256: ${HASH}, extra: 1 }\n- { name: carol, role: admin, sha256: ${HASH} }\n`;
    try {
      parseTokenFile(bad, 'tokens.yaml');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.map((p) => p.path.join('.'));
      expect(problems).toEqual(expect.arrayContaining(['0.role', '0.sha256', '1']));
      expect((err as ConfigError).message).not.toContain('plain-token-here');
    }
    try {
      parseTokenFile(
        `- { name: a, role: admin, sha256: ${HASH} }\n- { name: a, role: viewer, sha256: ${HASH} }\n`,
        't',
      );
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.message)).toEqual([
        'duplicate name "a"',
        'the same token is listed twice',
      ]);
    }
    await expect(loadTokenFile(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot be read \(ENOENT\)/);
  });
});

describe('tokens bound to tenants', () => {
  it('carry their tenants to the actor, and a token without the key carries none', () => {
    const entries = parseTokenFile(
      `- { name: alice, role: admin, tenants: [acme, globex], sha256: ${HASH} }
- { name: root, role: viewer, tenants: ['*'], sha256: ${hashToken('root')} }
- { name: vera, role: viewer, sha256: ${hashToken('vera')} }
`,
      'tokens.yaml',
      ['acme', 'globex'],
    );
    const registry = createTokenRegistry(entries);
    expect(registry.authenticate('s3cret-token-value')).toEqual({
      name: 'alice',
      role: 'admin',
      tenants: ['acme', 'globex'],
    });
    expect(registry.authenticate('root')).toEqual({ name: 'root', role: 'viewer', tenants: ['*'] });
    expect(registry.authenticate('vera')).toEqual({ name: 'vera', role: 'viewer' });
  });

  it('refuses an empty list, a malformed id and, when the tenants are known, one the process does not serve', () => {
    const problems = (text: string, ids?: string[]): string[] => {
      try {
        parseTokenFile(text, 'tokens.yaml', ids);
      } catch (err) {
        return (err as ConfigError).problems.map((p) => `${p.path.join('.')}: ${p.message}`);
      }
      return [];
    };
    expect(problems(`- { name: a, role: admin, tenants: [], sha256: ${HASH} }`)).toEqual([
      '0.tenants: at least one tenant (leave the key out for the only tenant of a one-tenant install)',
    ]);
    expect(problems(`- { name: a, role: admin, tenants: [Acme], sha256: ${HASH} }`)).toEqual([
      '0.tenants.0: a tenant id from the tenants file, or *',
    ]);
    expect(
      problems(`- { name: a, role: admin, tenants: [acme, initech], sha256: ${HASH} }`, ['acme']),
    ).toEqual(['0.tenants.1: no tenant "initech" (acme)']);
    expect(problems(`- { name: a, role: admin, tenants: [acme, initech], sha256: ${HASH} }`)).toEqual([]);
  });

  it('say which holders were bound to other tenants', () => {
    const before = [{ name: 'alice', role: 'admin' as const, sha256: HASH, tenants: ['acme'] }];
    expect(tokenChanges(before, [{ ...before[0]!, tenants: ['acme', 'globex'] }]).tenantsChanged).toEqual([
      'alice',
    ]);
    expect(tokenChanges(before, [{ name: 'alice', role: 'admin', sha256: HASH }]).tenantsChanged).toEqual([
      'alice',
    ]);
    expect(tokenChanges(before, before).tenantsChanged).toEqual([]);
  });
});

describe('which tenant a token reaches', () => {
  it('names it or *; without the key, the only tenant of a one-tenant install and none of several', () => {
    const alice = { name: 'alice', role: 'admin' as const, tenants: ['acme'] };
    const root = { name: 'root', role: 'viewer' as const, tenants: ['*'] };
    const old = { name: 'old', role: 'admin' as const };
    expect(actorMayUse(alice, { id: 'acme', ids: ['acme', 'globex'] })).toBe(true);
    expect(actorMayUse(alice, { id: 'globex', ids: ['acme', 'globex'] })).toBe(false);
    expect(actorMayUse(root, { id: 'globex', ids: ['acme', 'globex'] })).toBe(true);
    expect(actorMayUse(old, { id: 'default', ids: ['default'] })).toBe(true);
    expect(actorMayUse(old, { id: 'acme', ids: ['acme', 'globex'] })).toBe(false);
  });
});
