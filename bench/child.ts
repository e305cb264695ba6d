/**
 * Child processes for the benchmark: the sandbox (started, its env read from its first stdout line,
 * stopped by its pid) and `health-sync sync` runs measured by GNU time (wall, user+sys CPU and peak
 * RSS of the node process itself, from wait4's rusage), falling back to sampling /proc when
 * /usr/bin/time is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_ENV } from '../src/cli/runtime-flags.ts';

const ROOT = join(import.meta.dirname, '..');
const GNU_TIME = '/usr/bin/time';

export interface SandboxProcess {
  env: Record<string, string>;
  pid: number;
  stop(): Promise<void>;
}

export function startSandboxProcess(args: string[]): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bench', 'sandbox-process.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null): void => reject(new Error(`sandbox exited early (${code})`));
    child.once('exit', onExit);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      child.off('exit', onExit);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        env: JSON.parse(out.slice(0, nl)) as Record<string, string>,
        pid: child.pid!,
        stop: () => stopChild(child),
      });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const running = new Set<ChildProcess>();

/** Stops the sync runs under way (each in its own process group: GNU time and the node under it). */
export function stopRunningSyncs(): void {
  for (const child of running)
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
}

/** The environment of a sync against a bench sandbox: its URLs and credentials, rate limits off, a store in `dir`. */
export const benchSyncEnv = (
  sandboxEnv: Record<string, string>,
  dir: string,
  logLevel: 'warn' | 'info',
): Record<string, string> => ({
  ...sandboxEnv,
  HEALTH_SYNC_RATE_LIMITS: 'off',
  HEALTH_SYNC_DB: join(dir, 'bench.db'),
  LOG_LEVEL: logLevel,
});

export interface Measure<T> {
  wallS: number;
  cpuS: number;
  userS: number;
  sysS: number;
  peakRssMb: number;
  /** How the figures were taken. */
  method: string;
  /** What the command printed with `--json`. */
  json: T;
  /** The child's stderr (its JSON log lines). */
  stderr: string;
}

export type SyncMeasure = Omit<Measure<RunRecordLike>, 'json'> & { run: RunRecordLike };

export interface RunRecordLike {
  status: string;
  stats: {
    sources: Record<
      string,
      { pages: number; records: number; upserts: number; deletes: number; apiCalls: number }
    >;
    writes: { attempted: number; succeeded: number; failed: number; requests: number };
    tasksCreated: number;
    errors: unknown[];
    durationMs: number | null;
    historyRebuild?: { days: number; accounts: number; written: number; ms: number; remaining: number };
    rescored?: { accounts: number; of: number; reason: string; changed?: number; crossed?: number };
    snapshots?: { upserted: number; planned: number; unchanged: number };
  };
}

/** /proc/<pid>/stat utime+stime (clock ticks, 100 Hz on Linux) and /proc/<pid>/status VmHWM. */
function procSample(pid: number): { cpuS: number; hwmKb: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuS: (Number(f[11]) + Number(f[12])) / 100, hwmKb: Number(hwm?.[1] ?? 0) };
  } catch {
    return undefined;
  }
}

interface RunOptions {
  nodeArgs?: string[];
  timeFile: string;
  clockOffsetMs?: number;
  allowPartial?: boolean;
}

/** `health-sync sync … --json`, measured. */
export async function runSync(
  syncArgs: string[],
  env: Record<string, string>,
  opts: RunOptions,
): Promise<SyncMeasure> {
  const { json: run, ...measure } = await runCli<RunRecordLike>(['sync', ...syncArgs], env, opts);
  return { ...measure, run };
}

/** `health-sync <cliArgs> --json`, measured: wall time, CPU and peak RSS of its node process. */
export async function runCli<T>(
  cliArgs: string[],
  env: Record<string, string>,
  opts: RunOptions,
): Promise<Measure<T>> {
  const shifted = opts.clockOffsetMs ? ['--import', join(ROOT, 'src', 'sandbox', 'clock-offset.ts')] : [];
  const node = [
    ...(opts.nodeArgs ?? []),
    ...shifted,
    join(ROOT, 'bin', 'health-sync.js'),
    ...cliArgs,
    '--json',
  ];
  const gnu = existsSync(GNU_TIME);
  const [cmd, args] = gnu
    ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', opts.timeFile, process.execPath, ...node]]
    : [process.execPath, node];
  const t0 = performance.now();
  const child = spawn(cmd, args, {
    cwd: ROOT,
    // The CLI's malloc setting, given up front like its V8 flags (bench/run.ts) so that it does not restart.
    env: {
      ...process.env,
      ...RUNTIME_ENV,
      ...env,
      ...(opts.clockOffsetMs ? { SANDBOX_CLOCK_OFFSET_MS: String(opts.clockOffsetMs) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => (stderr += c));
  let last: { cpuS: number; hwmKb: number } | undefined;
  const sampler = gnu
    ? undefined
    : setInterval(() => {
        last = procSample(child.pid!) ?? last;
      }, 200);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  running.delete(child);
  const wallS = (performance.now() - t0) / 1000;
  if (sampler) clearInterval(sampler);
  // A run of some sources on a fresh store is `partial` (exit 1): nothing is written back until every
  // source has been read once. The caller says when that is what it measures.
  const partial = code === 1 && opts.allowPartial === true && stdout.includes('"status": "partial"');
  if (code !== 0 && !partial) {
    process.stderr.write(stderr);
    throw new Error(`${cliArgs.join(' ')} exited with ${code}`);
  }
  const json = JSON.parse(stdout) as T;
  if (gnu) {
    // GNU time puts "Command exited with non-zero status N" on a line of its own before the figures.
    const figures = readFileSync(opts.timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
    const [, user, sys, maxKb] = figures.split(/\s+/).map(Number);
    rmSync(opts.timeFile, { force: true });
    return {
      wallS,
      cpuS: user! + sys!,
      userS: user!,
      sysS: sys!,
      peakRssMb: Math.round(maxKb! / 1024),
      method: 'GNU time: user+sys and max RSS of the node process (wait4 rusage); wall from spawn to exit',
      json,
      stderr,
    };
  }
  return {
    wallS,
    cpuS: last?.cpuS ?? NaN,
    userS: NaN,
    sysS: NaN,
    peakRssMb: Math.round((last?.hwmKb ?? 0) / 1024),
    method: '/proc/<pid>/stat and VmHWM sampled every 200 ms (last sample before exit)',
    json,
    stderr,
  };
}
