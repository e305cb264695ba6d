import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import {
  RUNTIME_FLAGS,
  missingRuntimeEnv,
  missingRuntimeFlags,
  wantsRuntimeFlags,
} from '../../src/cli/runtime-flags.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

it('asks for every runtime flag that neither the command line nor NODE_OPTIONS sets', () => {
  expect(RUNTIME_FLAGS).toEqual(['--max-semi-space-size=16']);
  expect(missingRuntimeFlags([], undefined)).toEqual(RUNTIME_FLAGS);
  expect(missingRuntimeFlags(['--max-semi-space-size=64'], undefined)).toEqual([]);
  // V8 accepts underscores for dashes.
  expect(missingRuntimeFlags([], '--max_semi_space_size=8 --enable-source-maps')).toEqual([]);
  expect(missingRuntimeFlags(['--cpu-prof'], '--max-old-space-size=512')).toEqual(RUNTIME_FLAGS);
});

it('asks for the malloc setting on Linux unless the environment already sets it', () => {
  if (process.platform !== 'linux') {
    expect(missingRuntimeEnv({})).toEqual({});
    return;
  }
  expect(missingRuntimeEnv({})).toEqual({ MALLOC_MMAP_THRESHOLD_: '131072' });
  expect(missingRuntimeEnv({ MALLOC_MMAP_THRESHOLD_: '65536' })).toEqual({});
});

it('restarts only for commands that hold data: not for --version, --help, validate or hash-key', () => {
  for (const args of [['sync', '--full'], ['demo'], ['serve'], ['worker'], ['history', 'rebuild']])
    expect(wantsRuntimeFlags(args)).toBe(true);
  for (const args of [[], ['--version'], ['-V'], ['--help'], ['help', 'sync'], ['validate'], ['hash-key']])
    expect(wantsRuntimeFlags(args)).toBe(false);
});

async function probeStarts(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'hs-relaunch-'));
  const probe = join(dir, 'probe.mjs');
  // Runs before the CLI in the first process and again in the one it restarts into.
  writeFileSync(
    probe,
    `process.stderr.write('PROBE ' + JSON.stringify({ pid: process.pid, argv: process.execArgv, malloc: process.env.MALLOC_MMAP_THRESHOLD_ ?? null }) + '\\n');`,
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--import ${pathToFileURL(probe).href}` };
  delete env['MALLOC_MMAP_THRESHOLD_'];
  const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env });
  rmSync(dir, { recursive: true, force: true });
  const probes = stderr
    .split('\n')
    .filter((l) => l.startsWith('PROBE '))
    .map((l) => JSON.parse(l.slice(6)) as { pid: number; argv: string[]; malloc: string | null });
  return { stdout, probes };
}

it('the CLI restarts itself once, with the flags and the environment, for a command that holds data', async () => {
  const { stdout, probes } = await probeStarts(['sync', '--help']);
  expect(stdout).toContain('Usage: health-sync sync');
  expect(probes).toHaveLength(2);
  expect(probes[0]).toMatchObject({ argv: [], malloc: null });
  expect(probes[1]).toEqual({
    pid: probes[0]!.pid,
    argv: [...RUNTIME_FLAGS],
    malloc: process.platform === 'linux' ? '131072' : null,
  });
});

it('answers --version in the process it started in', async () => {
  const { stdout, probes } = await probeStarts(['--version']);
  expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  expect(probes).toHaveLength(1);
});
