import type { ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/open-sqlite.ts';
import {
  TOKENS,
  listeningPort,
  mappingsDir,
  type ServeProcess,
  spawnServe,
  tempDir,
  tokenEntries,
  until,
} from './helpers.ts';
import { STREAM } from './fixtures/fake-runner.ts';

interface Served extends ServeProcess {
  port: number;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function setup() {
  const dir = tempDir('hs-serve-');
  const tokens = join(dir, 'tokens.yaml');
  writeFileSync(
    tokens,
    tokenEntries.map((e) => `- { name: ${e.name}, role: ${e.role}, sha256: ${e.sha256} }`).join('\n'),
  );
  return { dir, db: join(dir, 'state.db'), mappings: mappingsDir(dir), tokens };
}

async function serve(env: ReturnType<typeof setup>, pipeline: string, extra: string[] = []): Promise<Served> {
  // Only what serve needs: no vendor credentials (every source is skipped), no inherited secrets.
  const s = spawnServe({
    cwd: env.dir,
    env: {
      HEALTH_SYNC_DB: env.db,
      MAPPINGS_DIR: env.mappings,
      ADMIN_TOKENS_FILE: env.tokens,
      LOG_LEVEL: 'info',
    },
    pipeline,
    extra,
  });
  children.push(s.child);
  return { ...s, port: await listeningPort(s) };
}

const api = async (s: Served, method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(`http://127.0.0.1:${s.port}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('health-sync serve', () => {
  it('SIGTERM during a run: the page in flight commits, the store is consistent, a rerun continues from the cursor', async () => {
    const env = setup();
    try {
      const first = await serve(env, 'fake-pipeline.ts');
      expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).toBe(200);
      const started = await api(first, 'POST', '/runs', TOKENS.operator, {});
      expect(started.status).toBe(202);
      const id = started.body['runId'] as number;
      await until(async () => {
        const run = await api(first, 'GET', `/runs/${id}`, TOKENS.viewer);
        return ((run.body['progress'] as { pages?: number } | null)?.pages ?? 0) >= 3;
      }, 10_000);
      first.child.kill('SIGTERM');
      expect(await first.exit).toBe(0);
      expect(first.logs.some((l) => l.includes('shutdown complete'))).toBe(true);

      let committed: number;
      {
        const store = openSqliteStore(env.db);
        const run = (await store.runs.get(id))!;
        expect(run.status).toBe('partial');
        expect(run.error).toMatch(/aborted/);
        committed = ((await store.cursors.get(STREAM))!.value as { page: number }).page;
        expect(committed).toBeGreaterThanOrEqual(3);
        expect(committed).toBeLessThan(12);
        // Facts and cursor agree: every committed page's tickets, nothing more.
        expect((await store.facts.counts()).ticket).toBe(committed * 5);
        expect((run.stats['sources'] as { zendesk: { pages: number } }).zendesk.pages).toBe(committed);
        await store.close();
      }

      const second = await serve(env, 'fake-pipeline.ts');
      const rerun = await api(second, 'POST', '/runs', TOKENS.operator, {});
      expect(rerun.status).toBe(202);
      const rerunId = rerun.body['runId'] as number;
      const done = await until(async () => {
        const run = await api(second, 'GET', `/runs/${rerunId}`, TOKENS.viewer);
        return run.body['status'] !== 'running' ? run.body : undefined;
      }, 10_000);
      expect((done['stats'] as { sources: { zendesk: { pages: number } } }).sources.zendesk.pages).toBe(
        12 - committed,
      );
      second.child.kill('SIGTERM');
      expect(await second.exit).toBe(0);

      const store = openSqliteStore(env.db);
      expect(((await store.cursors.get(STREAM))!.value as { page: number }).page).toBe(12);
      expect((await store.facts.counts()).ticket).toBe(60);
      expect((await store.runs.list()).every((r) => r.status !== 'running')).toBe(true);
      await store.close();
    } finally {
      rmSync(env.dir, { recursive: true, force: true });
    }
  });

  it('exits non-zero with a log line when the run does not stop within --shutdown-timeout', async () => {
    const env = setup();
    try {
      const s = await serve(env, 'stubborn-pipeline.ts', ['--shutdown-timeout', '0.5']);
      expect((await api(s, 'POST', '/runs', TOKENS.operator, {})).status).toBe(202);
      s.child.kill('SIGTERM');
      expect(await s.exit).toBe(1);
      expect(s.logs.some((l) => l.includes('shutdown did not finish'))).toBe(true);
    } finally {
      rmSync(env.dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on invalid mappings (exit 2, every problem listed)', async () => {
    const env = setup();
    try {
      writeFileSync(join(env.mappings, 'schedule.yaml'), 'version: 1\nscore: { cron: "every day" }\n');
      await expect(serve(env, 'fake-pipeline.ts')).rejects.toThrow(
        /exited 2[\s\S]*schedule\.yaml > score > cron/,
      );
    } finally {
      rmSync(env.dir, { recursive: true, force: true });
    }
  });
});
