/**
 * Issue 22's small workload: reading 10,000 Jira issues from the sandbox, start-up included, as
 * `health-sync sync --source jira --full` does it (then matching; no write-back, the other sources
 * never having been read, so the run is `partial`). Measured next to the figures of a well-known open-source TypeScript Jira connector reading
 * the same 10,000 issues from the same sandbox (the issue's measurement; not re-run here).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchSyncEnv, runSync, startSandboxProcess } from './child.ts';

/**
 * Issues generated: the shipped jira.yaml's JQL (bugs of two projects, since its start date) selects
 * about 64% of the sandbox's, so this many make about 10,000 read (`issues_read` says how many).
 */
const GENERATED = 15_800;
const OTHER_CONNECTOR = { wall_s: 3.75, cpu_s: 3.02, peak_rss_mb: 189 };

export async function measureJiraSmall(nodeArgs: string[]): Promise<object> {
  const sandbox = await startSandboxProcess([
    '--accounts',
    '200',
    '--tickets',
    '1000',
    '--calls',
    '100',
    '--issues',
    String(GENERATED),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'health-sync-bench-jira-'));
  try {
    const env = benchSyncEnv(sandbox.env, dir, 'warn');
    const m = await runSync(['--full', '--source', 'jira'], env, {
      timeFile: join(dir, 'time.txt'),
      allowPartial: true,
      nodeArgs,
    });
    const r2 = (x: number): number => Math.round(x * 100) / 100;
    return {
      issues_read: m.run.stats.sources['jira']?.records ?? 0,
      requests: m.run.stats.sources['jira']?.apiCalls ?? 0,
      wall_s: r2(m.wallS),
      cpu_s: r2(m.cpuS),
      peak_rss_mb: m.peakRssMb,
      other_connector: OTHER_CONNECTOR,
    };
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
