import type { AppEnv } from '../../config/env.ts';
import type { Mappings } from '../../config/mappings/index.ts';
import { hashKeyId } from '../../facts/keys.ts';
import { describeLimit } from '../../http/rate-limiter.ts';
import { READ_ORDER, sourceNamed } from '../../sources.ts';
import type { Store } from '../../store/store.ts';
import { HASH_KEY_META } from '../hash-key.ts';
import type { Reread } from '../../facts/reread.ts';

/**
 * The streams whose stored cursor was made under other settings than `mappings` (and this environment
 * and hash key) would give: the next sync starts them over ("configuration changed"). Computed from
 * the same fingerprints the streams use, so it predicts exactly which restart; requests and minutes
 * are an estimate from the records each stream holds. Reads the store only.
 */
export async function estimateRereads(
  store: Pick<Store, 'cursors' | 'facts' | 'meta'>,
  env: AppEnv,
  mappings: Mappings,
  now: number,
): Promise<Reread[]> {
  const key = env.hashKey ?? (await store.meta.get(HASH_KEY_META));
  // No key yet: nothing was ever read, so nothing is read again.
  if (!key) return [];
  const keyId = hashKeyId(key);
  const cursors = new Map((await store.cursors.list()).map((c) => [c.stream, c.fingerprint]));
  let stored: Awaited<ReturnType<Store['facts']['counts']>> | undefined;
  const out: Reread[] = [];
  for (const name of READ_ORDER) {
    const config = env[name];
    if (config === undefined) continue;
    const source = sourceNamed(name);
    for (const [stream, fingerprint] of Object.entries(source.fingerprints(config, mappings, keyId))) {
      const was = cursors.get(stream);
      if (was === undefined || was === fingerprint) continue;
      stored ??= await store.facts.counts();
      const cost = source.readCost(stream, { stored, mappings, now });
      const limit = cost.bucket === undefined ? undefined : source.limits[cost.bucket];
      out.push({
        source: name,
        stream,
        records: cost.records,
        requests: cost.requests,
        minutes: limit ? round1((cost.requests / limit.limit) * (limit.windowMs / 60_000)) : null,
        limit: limit ? describeLimit(limit) : null,
      });
    }
  }
  return out;
}

const round1 = (n: number): number => Math.ceil(n * 10) / 10;
