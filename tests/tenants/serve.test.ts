import type { ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/open-sqlite.ts';
import { hashToken } from '../../src/server/tokens.ts';
import { listeningPort, mappingsDir, spawnServe, tempDir, until } from '../server/helpers.ts';
import { STREAM } from '../server/fixtures/fake-runner.ts';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(tenantsYaml: string) {
  const dir = tempDir('hs-tenants-serve-');
  dirs.push(dir);
  for (const id of ['acme', 'globex']) mappingsDir(join(dir, id));
  writeFileSync(join(dir, 'tenants.yaml'), tenantsYaml);
  writeFileSync(
    join(dir, 'tokens.yaml'),
    `- { name: alice, role: operator, tenants: [acme], sha256: ${hashToken('alice-token-0123456789')} }\n`,
  );
  return dir;
}

function serve(dir: string) {
  const s = spawnServe({
    cwd: dir,
    env: {
      TENANTS_FILE: join(dir, 'tenants.yaml'),
      HEALTH_SYNC_DB: join(dir, 'data', 'health-sync.db'),
      ADMIN_TOKENS_FILE: join(dir, 'tokens.yaml'),
      ACME_ZENDESK_API_TOKEN: 'acme-zendesk-token-value',
      LOG_LEVEL: 'info',
    },
    pipeline: 'fake-pipeline.ts',
  });
  children.push(s.child);
  return s;
}

const TENANTS = `- id: acme
  mappings_dir: acme/mappings
  env:
    ZENDESK_SUBDOMAIN: acme
    ZENDESK_EMAIL: ops@acme.example
    ZENDESK_API_TOKEN: { from_env: ACME_ZENDESK_API_TOKEN }
- id: globex
  mappings_dir: globex/mappings
`;

describe('health-sync serve with TENANTS_FILE', () => {
  it("runs a tenant's pipeline in its own store; another tenant's routes answer 404 to its token", async () => {
    const dir = setup(TENANTS);
    const s = serve(dir);
    const port = await listeningPort(s);
    const call = (method: string, path: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: { Authorization: 'Bearer alice-token-0123456789', 'Content-Type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
    const started = await call('POST', '/tenants/acme/runs');
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: number };
    expect((await call('POST', '/tenants/globex/runs')).status).toBe(404);
    await until(async () => {
      const run = (await (await call('GET', `/tenants/acme/runs/${runId}`)).json()) as { status: string };
      return run.status !== 'running';
    }, 15_000);
    expect(
      s.logs.some(
        (l) =>
          l.includes('"tenant":"globex"') && l.includes('zendesk: no credentials configured for this tenant'),
      ),
    ).toBe(true);
    s.child.kill('SIGTERM');
    expect(await s.exit).toBe(0);
    expect(s.logs.join('\n')).not.toContain('acme-zendesk-token-value');

    const acme = openSqliteStore(join(dir, 'data', 'tenants', 'acme.db'));
    const globex = openSqliteStore(join(dir, 'data', 'tenants', 'globex.db'));
    try {
      expect((await acme.cursors.get(STREAM))?.value).toEqual({ page: 12 });
      expect(await globex.cursors.get(STREAM)).toBeUndefined();
      expect(await globex.runs.list()).toEqual([]);
    } finally {
      await acme.close();
      await globex.close();
    }
  });

  it('exits 2 naming the file, the entry and the variable of a secret written in clear', async () => {
    const dir = setup(TENANTS.replace('{ from_env: ACME_ZENDESK_API_TOKEN }', 'written-in-clear-123'));
    const s = serve(dir);
    expect(await s.exit).toBe(2);
    const out = s.logs.join('\n');
    expect(out).toContain(
      `tenants.yaml > 0 > env > ZENDESK_API_TOKEN: a secret: give it as { from_env: VARIABLE } or { file: PATH }, never its value`,
    );
    expect(out).not.toContain('written-in-clear-123');
  });
});
