import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { resolveHashKey } from '../../src/sync/hash-key.ts';
import { startService } from '../../src/server/start.ts';
import { openSqliteStore } from '../../src/store/open-sqlite.ts';
import { captureLogger, mappingsDir, tempDir } from '../server/helpers.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'src/cli/main.ts'), ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function serveOnce(vars: Record<string, string>) {
  const { logger, lines, scrubber } = captureLogger();
  const service = await startService(parseEnv(vars), logger, scrubber, {
    port: 0,
    host: '127.0.0.1',
    schedule: false,
    shutdownTimeoutMs: 5000,
  });
  expect(await service.shutdown('test')).toBe(0);
  return lines.filter((l) => String(l['msg']).includes('HEALTH_SYNC_HASH_KEY'));
}

/** The bytes on disk: the database file and whatever WAL is left next to it. */
const onDisk = (db: string): string =>
  [db, `${db}-wal`]
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');

describe('the hash key kept in the store', () => {
  it('serve warns once at start, export prints the key, and a start with the key in the env erases the stored copy', async () => {
    const dir = tempDir('hs-hash-key-');
    const db = join(dir, 'state.db');
    const vars = { HEALTH_SYNC_DB: db, MAPPINGS_DIR: mappingsDir(dir) };

    // A store from before: the key was generated on the first sync and kept in it.
    const store = openSqliteStore(db);
    const key = await resolveHashKey(undefined, store.meta);
    await store.close();

    const warnings = await serveOnce(vars);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, store: db });
    expect(String(warnings[0]!['msg'])).toContain('health-sync hash-key export');
    expect(JSON.stringify(warnings)).not.toContain(key);

    const exported = await cli(['hash-key', 'export'], vars);
    expect(exported).toMatchObject({ code: 0, stdout: `${key}\n` });

    expect(onDisk(db)).toContain(key);
    const moved = await serveOnce({ ...vars, HEALTH_SYNC_HASH_KEY: key });
    expect(moved.map((l) => l['level'])).toEqual([30]);
    expect(String(moved[0]!['msg'])).toContain('was erased');
    expect(onDisk(db)).not.toContain(key);

    expect(await serveOnce({ ...vars, HEALTH_SYNC_HASH_KEY: key })).toEqual([]);
    expect(await cli(['hash-key', 'export'], { ...vars, HEALTH_SYNC_HASH_KEY: key })).toMatchObject({
      code: 2,
      stdout: '',
    });
  });

  it('export exits 2 without creating a store when there is none', async () => {
    const db = join(tempDir('hs-hash-key-'), 'none.db');
    const res = await cli(['hash-key', 'export'], { HEALTH_SYNC_DB: db });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('holds no hash key');
    expect(existsSync(db)).toBe(false);
  });
});
