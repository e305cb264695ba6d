import { randomBytes } from 'node:crypto';
import type { MetaRepo } from '../store/store.ts';

export const HASH_KEY_META = 'hash_key';

/**
 * The HMAC key: HEALTH_SYNC_HASH_KEY when set, otherwise one generated on first use and kept in the
 * store's meta table (so hashes stay stable across runs without any setup). Once the environment holds
 * the key, a copy kept next to the hashes would undo the point of moving it out: it is erased.
 */
export async function resolveHashKey(envKey: string | undefined, meta: MetaRepo): Promise<string> {
  if (envKey) {
    await meta.erase(HASH_KEY_META);
    return envKey;
  }
  const stored = await meta.get(HASH_KEY_META);
  if (stored) return stored;
  const created = randomBytes(32).toString('hex');
  await meta.set(HASH_KEY_META, created);
  return created;
}
