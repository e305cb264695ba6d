/**
 * Start-up cost of the CLI next to Node's own: the median wall time of a few runs of `node -e 0`,
 * `health-sync --version` and `health-sync validate` (loads and checks the shipped mappings), each
 * with a warm compile cache (one unmeasured run first), as a user's second command would find it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'health-sync.js');
const RUNS = 7;

function medianWallS(args: string[]): number {
  const times: number[] = [];
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(RUNS / 2)]! * 1000) / 1000;
}

export interface StartupMeasure {
  node_s: number;
  version_s: number;
  validate_s: number;
  version_over_node_s: number;
  validate_over_node_s: number;
}

export function measureStartup(): StartupMeasure {
  const node = medianWallS(['-e', '0']);
  const version = medianWallS([CLI, '--version']);
  const validate = medianWallS([CLI, 'validate']);
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    node_s: node,
    version_s: version,
    validate_s: validate,
    version_over_node_s: r3(version - node),
    validate_over_node_s: r3(validate - node),
  };
}
