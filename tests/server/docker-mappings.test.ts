import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, TOKENS, mappingsDir, tempDir, tokenEntries, until } from './helpers.ts';

/**
 * The Docker image runs `serve` as the `node` user (uid 1000) while its files belong to root. Docker
 * cannot run here, so these tests start the real CLI the way the image does: as uid 1000 when the
 * tests run as root (else as the current user, with the directory made read-only), against a
 * root-owned copy of the shipped mappings, and with the image's `--seed-mappings` on a data directory
 * that user owns.
 */
const IMAGE_UID = 1000;
const asRoot = process.getuid?.() === 0;

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** /app (root's: the shipped mappings, the tokens file) and /data (the image user's volume). */
function image() {
  const base = tempDir('hs-image-');
  dirs.push(base);
  chmodSync(base, 0o755);
  const defaults = mappingsDir(base); // like COPY --from=build /app/mappings: owned by root
  const data = join(base, 'data');
  mkdirSync(data);
  if (asRoot) chownSync(data, IMAGE_UID, IMAGE_UID);
  const tokens = join(base, 'tokens.yaml');
  writeFileSync(
    tokens,
    tokenEntries.map((e) => `- { name: ${e.name}, role: ${e.role}, sha256: ${e.sha256} }`).join('\n'),
  );
  return { base, defaults, data, tokens };
}

async function serve(
  img: ReturnType<typeof image>,
  mappings: string,
  extra: string[] = [],
): Promise<{ port: number; logs: string[] }> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'src/cli/main.ts'),
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--no-schedule',
      '--pipeline',
      join(ROOT, 'tests/server/fixtures/fake-pipeline.ts'),
      ...extra,
    ],
    {
      cwd: img.base,
      env: {
        PATH: process.env['PATH'] ?? '',
        HEALTH_SYNC_DB: join(img.data, 'health-sync.db'),
        MAPPINGS_DIR: mappings,
        ADMIN_TOKENS_FILE: img.tokens,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: IMAGE_UID, gid: IMAGE_UID } : {}),
    },
  );
  children.push(child);
  const logs: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
  const line = await until(
    () =>
      logs.find((l) => l.includes('admin API listening')) ??
      (child.exitCode !== null ? `exited ${child.exitCode}: ${logs.join('\n')}` : undefined),
    20_000,
  );
  if (line.startsWith('exited')) throw new Error(line);
  return { port: (JSON.parse(line) as { port: number }).port, logs };
}

const call = async (port: number, path: string, token: string, body: unknown) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/** alice proposes a new scorecard version, bob approves it. */
async function proposeAndApprove(port: number, scorecard: string) {
  const next = scorecard.replace('version: "2026.12-1"', 'version: "2026.12-2"');
  const proposed = await call(port, '/mappings/proposals', TOKENS.admin, {
    files: { 'scorecard.yaml': next },
  });
  expect(proposed.status).toBe(201);
  const id = proposed.body['id'] as number;
  return { id, next, approved: await call(port, `/mappings/proposals/${id}/approve`, TOKENS.admin2, {}) };
}

describe('mappings as the Docker image meets them', () => {
  it('a mapping directory the service cannot write: approval answers 503 before anything changes, the proposal stays pending', async () => {
    const img = image();
    if (!asRoot) chmodSync(img.defaults, 0o555);
    const scorecard = readFileSync(join(img.defaults, 'scorecard.yaml'), 'utf8');
    const { port, logs } = await serve(img, img.defaults);
    expect(logs.some((l) => l.includes('is not writable by this process'))).toBe(true);

    const { id, approved } = await proposeAndApprove(port, scorecard);
    expect(approved.status).toBe(503);
    expect(approved.body['error']).toMatchObject({
      code: 'MAPPINGS_NOT_WRITABLE',
      message: expect.stringContaining('the proposal stays pending'),
      details: { dir: img.defaults, code: expect.stringMatching(/^E[A-Z]+$/) },
    });
    expect(readFileSync(join(img.defaults, 'scorecard.yaml'), 'utf8')).toBe(scorecard);
    const proposal = await fetch(`http://127.0.0.1:${port}/mappings/proposals/${id}`, {
      headers: { Authorization: `Bearer ${TOKENS.admin}` },
    });
    expect(((await proposal.json()) as { status: string }).status).toBe('pending');
    if (!asRoot) chmodSync(img.defaults, 0o755);
  });

  it('--seed-mappings fills an empty data volume with the defaults once, and approvals are written there', async () => {
    const img = image();
    const live = join(img.data, 'mappings');
    const scorecard = readFileSync(join(img.defaults, 'scorecard.yaml'), 'utf8');
    const { port, logs } = await serve(img, live, ['--seed-mappings', img.defaults]);
    expect(logs.some((l) => l.includes('was empty: seeded it with the defaults'))).toBe(true);
    expect(logs.some((l) => l.includes('is not writable'))).toBe(false);
    expect(existsSync(join(live, 'README.md'))).toBe(true);
    if (asRoot) expect(statSync(join(live, 'scorecard.yaml')).uid).toBe(IMAGE_UID);

    const { next, approved } = await proposeAndApprove(port, scorecard);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(readFileSync(join(live, 'scorecard.yaml'), 'utf8')).toBe(next);
    expect(readFileSync(join(img.defaults, 'scorecard.yaml'), 'utf8')).toBe(scorecard);

    // A later start finds the volume's files and leaves them alone.
    children.splice(0).forEach((c) => c.kill('SIGKILL'));
    const again = await serve(img, live, ['--seed-mappings', img.defaults]);
    expect(again.logs.some((l) => l.includes('seeded'))).toBe(false);
    expect(readFileSync(join(live, 'scorecard.yaml'), 'utf8')).toBe(next);
  });
});
