import type { AppEnv } from '../config/env.ts';
import { HASH_KEY_META, resolveHashKey } from '../sync/hash-key.ts';
import type { Logger } from '../log/logger.ts';
import type { MetaRepo } from '../store/store.ts';

/**
 * Once at start: says where the key that hashes emails and phone numbers lives. Kept in the store, it
 * sits next to the hashes, and a copy of the file is all it takes to reverse them (a phone number has
 * few enough possible values to try them all).
 */
export async function reportHashKeyPlace(
  env: Pick<AppEnv, 'hashKey' | 'dbPath'>,
  meta: MetaRepo,
  logger: Logger,
): Promise<void> {
  const stored = await meta.get(HASH_KEY_META);
  await resolveHashKey(env.hashKey, meta);
  if (env.hashKey === undefined) {
    logger.warn(
      { store: env.dbPath },
      'HEALTH_SYNC_HASH_KEY is not set: the key that hashes emails and phone numbers is kept in the store, ' +
        'next to the hashes, so anyone with a copy of the file can reverse them. To move it out, run ' +
        '`health-sync hash-key export`, put the value in HEALTH_SYNC_HASH_KEY and restart (README: "The hash key")',
    );
  } else if (stored === env.hashKey) {
    logger.info('HEALTH_SYNC_HASH_KEY is set: the copy of the hash key kept in the store was erased');
  } else if (stored !== undefined) {
    logger.warn(
      'HEALTH_SYNC_HASH_KEY differs from the key kept in the store, which was erased: the next sync of ' +
        'Zendesk, Genesys and Salesforce starts over to hash emails and phone numbers with the new key',
    );
  }
}
