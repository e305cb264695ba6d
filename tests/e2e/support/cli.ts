import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLOCK_PRELOAD = fileURLToPath(new URL('../../../src/sandbox/clock-offset.ts', import.meta.url));

/**
 * Runs the real CLI (`node bin/health-sync.js …`, as `health-sync` starts) in a child process and keeps every line it prints:
 * each test asserts on its own run, and the secret check reads all lines of the whole file.
 */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Did a kill hook end the process? */
  killed: boolean;
}

export interface CliRun {
  /** Kills the child with SIGKILL (no cleanup, no last commit): the crash tests' "power cut". */
  kill(): void;
  /** Sends SIGTERM (an orderly stop). */
  terminate(): void;
  done: Promise<CliResult>;
}

/** Every stdout/stderr line of every child process this test file started. */
export const allOutputLines: string[] = [];

/**
 * Starts the CLI; `onLine` sees each output line as it arrives (a test may kill the child from it).
 * The environment is exactly `env` plus PATH: nothing of the test runner's own env leaks in.
 */
export function startCli(
  args: string[],
  env: Record<string, string>,
  onLine?: (line: string, run: CliRun) => void,
): CliRun {
  // A clock offset in the env pins the child's wall clock to its sandbox's (tests/support/test-clock.ts).
  const preload = env['SANDBOX_CLOCK_OFFSET_MS'] ? ['--import', CLOCK_PRELOAD] : [];
  const child = spawn(process.execPath, [...preload, 'bin/health-sync.js', ...args], {
    cwd: process.cwd(),
    env: { PATH: process.env['PATH'] ?? '', NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let killed = false;
  let stdout = '';
  let stderr = '';
  const run: CliRun = {
    kill() {
      if (child.exitCode === null && child.signalCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    },
    terminate() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
    done: new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        flush(true);
        resolve({ code, signal, stdout, stderr, killed });
      });
    }),
  };
  const partial = { out: '', err: '' };
  const take = (which: 'out' | 'err', chunk: string, final = false): void => {
    partial[which] += chunk;
    const parts = partial[which].split('\n');
    partial[which] = final ? '' : parts.pop()!;
    for (const line of parts) {
      if (line === '') continue;
      allOutputLines.push(line);
      onLine?.(line, run);
    }
  };
  const flush = (final: boolean): void => {
    take('out', '', final);
    take('err', '', final);
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    take('out', d);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    take('err', d);
  });
  return run;
}

export const runCli = (args: string[], env: Record<string, string>): Promise<CliResult> =>
  startCli(args, env).done;

/** The run record printed by `sync --json` (stdout is the JSON document alone). */
export interface RunJson {
  id: number;
  status: string;
  stats: {
    sources: Record<
      string,
      {
        pages: number;
        upserts: number;
        deletes: number;
        apiCalls: number;
        retries: number;
        rateLimited: number;
        errors: number;
        rateLimitWaitMs?: number;
        limiterWaitMs?: number;
      }
    >;
    unmatched: Record<string, Record<string, number>>;
    writes: { attempted: number; succeeded: number; failed: number; requests: number };
    tasksCreated: number;
    errors: { code: string; message: string; stage?: string; source?: string; stream?: string }[];
    durationMs?: number | null;
    historyRebuild?: { reason: string; days: number; remaining: number };
    snapshots?: { planned: number; upserted: number; requests: number };
  };
  error: string | null;
}

export function runJson(r: CliResult): RunJson {
  try {
    const doc = JSON.parse(r.stdout) as RunJson | { run: RunJson };
    return 'run' in doc ? doc.run : doc;
  } catch {
    throw new Error(`sync --json printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr.slice(-3000)}`);
  }
}

/** Per stream, the `stream done` log line's counts (the run record only totals per source). */
export function streamTotals(
  stderr: string,
): Map<string, { pages: number; upserts: number; deletes: number }> {
  const out = new Map<string, { pages: number; upserts: number; deletes: number }>();
  for (const line of stderr.split('\n')) {
    if (!line.includes('"stream done"')) continue;
    const l = JSON.parse(line) as { stream: string; pages: number; upserts: number; deletes: number };
    out.set(l.stream, { pages: l.pages, upserts: l.upserts, deletes: l.deletes });
  }
  return out;
}
