import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/open-sqlite.ts';
import { resolveHashKey } from '../../src/sync/hash-key.ts';

describe('resolveHashKey', () => {
  it('uses the env key when given, else creates one once and keeps it in meta', async () => {
    const store = openSqliteStore(':memory:');
    try {
      expect(await resolveHashKey('from-env-0123456789', store.meta)).toBe('from-env-0123456789');
      expect(await store.meta.get('hash_key')).toBeUndefined();
      const created = await resolveHashKey(undefined, store.meta);
      expect(created).toMatch(/^[0-9a-f]{64}$/);
      expect(await resolveHashKey(undefined, store.meta)).toBe(created);
    } finally {
      await store.close();
    }
  });
});
