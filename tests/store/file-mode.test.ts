import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/open-sqlite.ts';

const modeOf = (file: string): string => (statSync(file).mode & 0o777).toString(8);

// The store holds hashed emails and phone numbers (and, without HEALTH_SYNC_HASH_KEY, the key to them).
describe.runIf(process.platform !== 'win32')('store: file modes', () => {
  let dir: string;
  let previousUmask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-mode-'));
    // The usual default: without it, a test machine with umask 077 would pass whatever the code does.
    previousUmask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(previousUmask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the database, its WAL and its shared memory with mode 0600', async () => {
    const path = join(dir, 'nested', 'state.db');
    const store = openSqliteStore(path);
    try {
      await store.meta.set('probe', 'x'); // a write, so that the WAL holds a frame
      expect(existsSync(`${path}-wal`)).toBe(true);
      expect([modeOf(path), modeOf(`${path}-wal`), modeOf(`${path}-shm`)]).toEqual(['600', '600', '600']);
    } finally {
      await store.close();
    }
  });

  it('tightens a database file that an older version left readable by others', async () => {
    const path = join(dir, 'state.db');
    await openSqliteStore(path).close();
    chmodSync(path, 0o644);
    writeFileSync(`${path}-wal`, '', { mode: 0o644 });
    const store = openSqliteStore(path);
    try {
      await store.meta.set('probe', 'x');
      expect([modeOf(path), modeOf(`${path}-wal`)]).toEqual(['600', '600']);
    } finally {
      await store.close();
    }
  });
});
