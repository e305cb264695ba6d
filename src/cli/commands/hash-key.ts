import type { Command } from 'commander';
import { loadEnv } from '../../config/env.ts';
import { HASH_KEY_META } from '../../sync/hash-key.ts';
import { describeStore, openStore, storeMayExist } from '../../store/open-store.ts';
import { runCommand } from '../run-command.ts';

/**
 * `health-sync hash-key export`: prints the hash key kept in the store, so that ops can move it into
 * HEALTH_SYNC_HASH_KEY (the next start with the variable set erases the stored copy). The key goes to
 * stdout only, never to a log.
 */
export function registerHashKey(program: Command): void {
  program
    .command('hash-key')
    .description('the key that hashes emails and phone numbers')
    .command('export')
    .description(
      'print the key kept in the store, to move it into HEALTH_SYNC_HASH_KEY (the next start then erases the stored copy)',
    )
    .action(() =>
      runCommand(async () => {
        const env = loadEnv();
        if (env.hashKey !== undefined) {
          console.error('HEALTH_SYNC_HASH_KEY is set: the key already lives outside the store');
          return 2;
        }
        const store = storeMayExist(env) ? await openStore(env) : undefined;
        try {
          const key = await store?.meta.get(HASH_KEY_META);
          if (key === undefined) {
            console.error(
              `${describeStore(env)} holds no hash key: set HEALTH_SYNC_HASH_KEY (e.g. to \`openssl rand -hex 32\`) before the first sync`,
            );
            return 2;
          }
          console.log(key);
          return 0;
        } finally {
          await store?.close();
        }
      }),
    );
}
