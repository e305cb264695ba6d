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
