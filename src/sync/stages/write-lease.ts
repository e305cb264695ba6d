import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { HealthSyncError, WriteError } from '../../errors.ts';
import type { LeaseRepo } from '../../store/leases.ts';

/** One lease for every write to the org (field updates and Tasks): never two writers on the same records. */
export const WRITE_LEASE = 'salesforce.write';
const DEFAULT_TTL_MS = 10 * 60_000;

export interface WriteLease {
  readonly owner: string;
  /** Extends the lease before a request (by `ttlMs` when longer than usual, e.g. a Bulk job's polling); throws when another writer took it over after expiry. */
  renew(ttlMs?: number): Promise<void>;
  release(): Promise<void>;
}

/** True while a process with this id exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lease left by a writer on this host whose process is gone (killed, crashed) is stale at once:
 * waiting for its expiry would block every rerun for the whole TTL. Owners are `host:pid:uuid`.
 */
export function isStaleHolder(
  holder: string | undefined,
  host: string,
  alive: (pid: number) => boolean,
): boolean {
  const m = holder ? /^(.*):(\d+):[^:]+$/.exec(holder) : null;
  return m !== null && m[1] === host && Number(m[2]) !== process.pid && !alive(Number(m[2]));
}

/**
 * Takes the store-level write lease or throws RUN_IN_PROGRESS. It expires on its own (a crashed
 * writer on another host frees it after `ttlMs`; one on this host at once), so the holder renews it
 * before each request.
 */
export async function acquireWriteLease(
  repo: LeaseRepo,
  options: { now?: () => number; ttlMs?: number; owner?: string; alive?: (pid: number) => boolean } = {},
): Promise<WriteLease> {
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
  const host = hostname();
  const owner = options.owner ?? `${host}:${process.pid}:${randomUUID()}`;
  let first = await repo.acquire(WRITE_LEASE, owner, ttl, now());
  if (!first.acquired && isStaleHolder(first.holder, host, options.alive ?? processAlive)) {
    await repo.release(WRITE_LEASE, first.holder!);
    first = await repo.acquire(WRITE_LEASE, owner, ttl, now());
  }
  if (!first.acquired)
    throw new HealthSyncError(
      'RUN_IN_PROGRESS',
      `another health-sync process is writing to Salesforce (lease held until ${new Date(first.expiresAt ?? 0).toISOString()})`,
      { lease: WRITE_LEASE },
    );
  let released = false;
  return {
    owner,
    async renew() {
      if (released)
        throw new WriteError('WRITE_FAILED', 'the write lease was already released', { lease: WRITE_LEASE });
      if (!(await repo.acquire(WRITE_LEASE, owner, ttl, now())).acquired)
        throw new WriteError('WRITE_FAILED', 'lost the write lease to another writer (it had expired)', {
          lease: WRITE_LEASE,
        });
    },
    async release() {
      if (released) return;
      released = true;
      await repo.release(WRITE_LEASE, owner);
    },
  };
}
