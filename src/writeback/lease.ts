import { randomUUID } from 'node:crypto';
import { HealthSyncError, WriteError } from '../errors.ts';
import type { WritebackRepo } from '../store/writeback.ts';

/** One lease for every write to the org (field updates and Tasks): never two writers on the same records. */
export const WRITE_LEASE = 'salesforce.write';
const DEFAULT_TTL_MS = 10 * 60_000;

export interface WriteLease {
  readonly owner: string;
  /** Extends the lease before a request (by `ttlMs` when longer than usual, e.g. a Bulk job's polling); throws when another writer took it over after expiry. */
  renew(ttlMs?: number): void;
  release(): void;
}

/**
 * Takes the store-level write lease or throws RUN_IN_PROGRESS. It expires on its own (a crashed
 * writer frees it after `ttlMs`), so the holder renews it before each request.
 */
export function acquireWriteLease(
  repo: WritebackRepo,
  options: { now?: () => number; ttlMs?: number; owner?: string } = {},
): WriteLease {
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
  const owner = options.owner ?? `${process.pid}:${randomUUID()}`;
  const first = repo.acquireLease(WRITE_LEASE, owner, ttl, now());
  if (!first.acquired)
    throw new HealthSyncError(
      'RUN_IN_PROGRESS',
      `another health-sync process is writing to Salesforce (lease held until ${new Date(first.expiresAt ?? 0).toISOString()})`,
      { lease: WRITE_LEASE },
    );
  let released = false;
  return {
    owner,
    renew() {
      if (released)
        throw new WriteError('WRITE_FAILED', 'the write lease was already released', { lease: WRITE_LEASE });
      if (!repo.acquireLease(WRITE_LEASE, owner, ttl, now()).acquired)
        throw new WriteError('WRITE_FAILED', 'lost the write lease to another writer (it had expired)', {
          lease: WRITE_LEASE,
        });
    },
    release() {
      if (released) return;
      released = true;
      repo.releaseLease(WRITE_LEASE, owner);
    },
  };
}
