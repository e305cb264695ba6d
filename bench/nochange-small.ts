/**
 * Issue 22's start-up target for a real command: a `sync` with nothing changed on the small book (S),
 * spawn to exit, next to `node -e 0`. The store is brought to a schedule's steady state first: a
 * full sync, the history rebuilt, and one unmeasured `sync` (it re-reads the Accounts the first
 * wrote). Median of 5 runs, each with the CLI's V8 flags given up front as the others in the bench.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REBUILD_DAYS } from '../src/sync/stages/history-rebuild.ts';
import { benchSyncEnv, runCli, runSync, startSandboxProcess } from './child.ts';
import { WORKLOADS, sandboxArgs } from './workloads.ts';

const RUNS = 5;

export async function measureNoChangeSmall(nodeArgs: string[], nodeS: number): Promise<object> {
  const sandbox = await startSandboxProcess(sandboxArgs(WORKLOADS.S));
  const dir = mkdtempSync(join(tmpdir(), 'health-sync-bench-nochange-'));
  try {
    const env = benchSyncEnv(sandbox.env, dir, 'warn');
    const opts = { timeFile: join(dir, 'time.txt'), nodeArgs };
    await runSync(['--full'], env, opts);
    await runCli(['history', 'rebuild', '--days', String(DEFAULT_REBUILD_DAYS)], env, opts);
    await runSync([], env, opts);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await runSync([], env, opts));
    runs.sort((a, b) => a.wallS - b.wallS);
    const median = runs[Math.floor(RUNS / 2)]!;
    const r3 = (x: number): number => Math.round(x * 1000) / 1000;
    return {
      wall_s: r3(median.wallS),
      cpu_s: r3(median.cpuS),
      run_duration_s: r3((median.run.stats.durationMs ?? 0) / 1000),
      over_node_s: r3(median.wallS - nodeS),
      rescored: median.run.stats.rescored,
      api_calls: Object.values(median.run.stats.sources).reduce((n, s) => n + s.apiCalls, 0),
    };
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
