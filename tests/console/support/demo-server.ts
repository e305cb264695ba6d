import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOCK_PRELOAD } from '../../e2e/support/cli.ts';
import { e2eMappingsDir } from '../../e2e/support/sandbox.ts';
import { tokenEntries } from '../../server/helpers.ts';
import { pinnedClockEnv, TEST_NOW } from '../../support/test-clock.ts';

export interface DemoServer {
  url: string;
  /** The demo's own admin token, as it printed it. */
  demoToken: string;
  /** Everything the demo printed, to check that no test token is in it. */
  output(): string;
  /** Ctrl-C, as a user stops it; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * `health-sync demo --serve` as a user runs it (a sandbox, a full sync, the console), on a pinned
 * clock, with the test tokens (tests/server/helpers.ts: viewer, operator, two admins) beside its own.
 */
export async function startDemoServer(options: { accounts: number; seed: number }): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'health-sync-console-'));
  const tokensFile = join(dir, 'tokens.json');
  writeFileSync(tokensFile, JSON.stringify(tokenEntries));
  const child = spawn(
    process.execPath,
    [
      '--import',
      CLOCK_PRELOAD,
      'src/cli/main.ts',
      'demo',
      '--accounts',
      String(options.accounts),
      '--seed',
      String(options.seed),
      '--serve',
    ],
    {
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_NO_WARNINGS: '1',
        MAPPINGS_DIR: e2eMappingsDir(dir),
        ADMIN_TOKENS_FILE: tokensFile,
        ...pinnedClockEnv(TEST_NOW),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const ready = new Promise<{ url: string; demoToken: string }>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m =
        /^Console: (http:\/\/127\.0\.0\.1:\d+)\/\nSign in with this admin token[^\n]*\n {2}(\S+)\n/m.exec(
          out,
        );
      if (m?.[1] && m[2]) resolve({ url: m[1], demoToken: m[2] });
    });
    void exited.then((code) => reject(new Error(`the demo ended before serving (exit ${code}):\n${err}`)));
  });
  const { url, demoToken } = await ready;
  return {
    url,
    demoToken,
    output: () => out + err,
    async stop() {
      child.kill('SIGINT');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
