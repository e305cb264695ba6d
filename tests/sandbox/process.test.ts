import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Starts a process and resolves with its stdout once `ready` matches it. */
function startUntil(
  args: string[],
  ready: RegExp,
): Promise<{ child: ChildProcessWithoutNullStreams; out: string }> {
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve({ child, out });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code} before ready: ${err}`)));
  });
}
const exitCode = (child: ChildProcessWithoutNullStreams): Promise<number | null> =>
  new Promise((resolve) => child.on('exit', (code) => resolve(code)));

describe('the sandbox as a process', () => {
  it('node src/sandbox/main.ts prints the env as one JSON line when ready, and stops on SIGTERM', async () => {
    const { child, out } = await startUntil(
      ['src/sandbox/main.ts', '--seed', '2', '--accounts', '50', '--rate-limits', 'off'],
      /\n/,
    );
    const env = JSON.parse(out.split('\n')[0]!) as Record<string, string>;
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['ZENDESK_BASE_URL', 'JIRA_BASE_URL', 'GENESYS_API_BASE_URL', 'SF_LOGIN_URL']),
    );
    expect((await fetch(`${env['ZENDESK_BASE_URL']}/__sandbox/health`)).status).toBe(200);
    const done = exitCode(child);
    child.kill('SIGTERM');
    expect(await done).toBe(0);
  });

  it('health-sync sandbox prints URLs and export lines, and stops on SIGINT', async () => {
    const { child, out } = await startUntil(
      ['src/cli/main.ts', 'sandbox', '--accounts', '50', '--seed', '4'],
      /Ctrl-C/,
    );
    expect(out).toMatch(/Zendesk\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/^export SF_API_VERSION="64\.0"$/m);
    expect(out).toMatch(/trouble 001/);
    // The CLI replaced itself (same pid, same stdio) with a Node that has its V8 flags.
    expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0')).toContain(
      '--max-semi-space-size=16',
    );
    const done = exitCode(child);
    child.kill('SIGINT');
    expect(await done).toBe(0);
  });

  it('health-sync sandbox refuses bad flags with exit code 2', async () => {
    const child = spawn(process.execPath, ['src/cli/main.ts', 'sandbox', '--rate-limits', 'sometimes'], {
      cwd: process.cwd(),
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exitCode(child)).toBe(2);
    expect(err).toMatch(/--rate-limits must be "documented" or "off"/);
  });
});
