import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthSyncError } from '../../../src/errors.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import { WRITE_LEASE, acquireWriteLease, isStaleHolder } from '../../../src/sync/stages/write-lease.ts';

describe('write lease', () => {
  let store: SqliteStore;
  const NOW = 1_800_000_000_000;
  beforeEach(() => (store = openSqliteStore(':memory:')));
  afterEach(() => store.close());

  const hold = async (owner: string): Promise<void> => {
    await store.leases.acquire(WRITE_LEASE, owner, 600_000, NOW);
  };
  const code = async (fn: () => Promise<unknown>): Promise<string | undefined> => {
    try {
      await fn();
    } catch (err) {
      return err instanceof HealthSyncError ? err.code : 'other';
    }
    return undefined;
  };

  it('takes over at once a lease whose writer on this host has died (a killed sync)', async () => {
    await hold(`${hostname()}:424242:dead-run`);
    const lease = await acquireWriteLease(store.leases, { now: () => NOW + 1000, alive: () => false });
    expect(lease.owner.startsWith(`${hostname()}:${process.pid}:`)).toBe(true);
    await lease.release();
  });

  it('waits for a live writer, and for any writer on another host, until the lease expires', async () => {
    await hold(`${hostname()}:424242:live-run`);
    expect(
      await code(() => acquireWriteLease(store.leases, { now: () => NOW + 1000, alive: () => true })),
    ).toBe('RUN_IN_PROGRESS');
    await store.leases.release(WRITE_LEASE, `${hostname()}:424242:live-run`);
    await hold('other-host:424242:run');
    expect(
      await code(() => acquireWriteLease(store.leases, { now: () => NOW + 1000, alive: () => false })),
    ).toBe('RUN_IN_PROGRESS');
    expect(
      await code(() => acquireWriteLease(store.leases, { now: () => NOW + 600_001, alive: () => false })),
    ).toBeUndefined();
  });

  it('reads holders conservatively', () => {
    const dead = (): boolean => false;
    expect(isStaleHolder('h:1:u', 'h', dead)).toBe(true);
    expect(isStaleHolder(`h:${process.pid}:u`, 'h', dead)).toBe(false); // this very process
    expect(isStaleHolder('other-process', 'h', dead)).toBe(false); // an owner of unknown form
    expect(isStaleHolder(undefined, 'h', dead)).toBe(false);
    expect(isStaleHolder('h:with:colons:7:u', 'h:with:colons', dead)).toBe(true);
  });
});
