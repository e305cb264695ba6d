import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, mappingsDir, tempDir, until } from '../server/helpers.ts';

/** A Node older than 22.12 on this machine: the one that makes bin/health-sync.js re-run on the project's Node. */
function findOldNode(): string | undefined {
  const dirs = ['/usr/local/bin', '/usr/bin', '/bin', ...(process.env['PATH'] ?? '').split(':')];
  for (const dir of dirs) {
    const node = join(dir, 'node');
    if (!existsSync(node)) continue;
    const [major = 0, minor = 0] = execFileSync(node, ['--version'], { encoding: 'utf8' })
      .trim()
      .slice(1)
      .split('.')
      .map(Number);
    if (major < 22 || (major === 22 && minor < 12)) return node;
  }
  return undefined;
}
const OLD_NODE = process.platform === 'linux' ? findOldNode() : undefined;
if (!OLD_NODE) console.warn('no Node < 22.12 found (Linux only): the bin wrapper signal tests are skipped');

/** Every live descendant of `pid`, from /proc (the wrapper's and npm's children are not ours to see otherwise). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number): void => {
    for (const [child, parent] of parentOf) {
      if (parent !== p) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

interface Launched {
  child: ChildProcess;
  port: number;
  server: number;
  logs: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const leftovers: number[] = [];
afterEach(() => {
  // Whatever a failing test left running (the orphaned server before the fix).
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

/** Starts `serve` through a launcher (the bin wrapper or npx) in its own process group. */
async function launch(
  command: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<Launched> {
  const dir = tempDir('hs-signals-');
  const child = spawn(command, [...args, 'serve', '--port', '0', '--host', '127.0.0.1', '--no-schedule'], {
    cwd: ROOT,
    detached: true, // its own process group, so that a test can signal the group as a terminal would
    env: {
      PATH: process.env['PATH'] ?? '',
      HEALTH_SYNC_DB: join(dir, 'state.db'),
      MAPPINGS_DIR: mappingsDir(dir),
      HEALTH_SYNC_HASH_KEY: 'signals-test-key-0123456789',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  child.stderr.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
  child.stdout.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const line = await until(
    () =>
      logs.find((l) => l.includes('admin API listening')) ??
      (child.exitCode !== null ? `exited ${child.exitCode}: ${logs.join('\n')}` : undefined),
    60_000,
    50,
  );
  if (line.startsWith('exited')) throw new Error(line);
  // The real server: the descendant that is a Node running the CLI (not npm's `sh -c`).
  const server = descendants(child.pid!).find((pid) => {
    const [argv0 = '', ...rest] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv0.endsWith('node') && rest.includes('serve');
  });
  if (server === undefined || server === child.pid) throw new Error('no separate server process found');
  leftovers.push(server, child.pid!);
  return { child, port: (JSON.parse(line) as { port: number }).port, server, logs, exit };
}

async function expectStopped(s: Launched): Promise<void> {
  await until(() => !alive(s.server), 30_000, 50);
  expect(await portOpen(s.port)).toBe(false);
  expect(s.logs.some((l) => l.includes('shutdown complete'))).toBe(true);
  expect(s.logs.some((l) => l.includes('second signal'))).toBe(false);
}

describe.runIf(OLD_NODE)('bin/health-sync.js on a Node older than 22.12', () => {
  it('SIGTERM to the wrapper pid stops the real server, closes its port, and the wrapper exits 0', async () => {
    const s = await launch(OLD_NODE!, [join(ROOT, 'bin/health-sync.js')]);
    expect(await portOpen(s.port)).toBe(true);
    process.kill(s.child.pid!, 'SIGTERM');
    expect(await s.exit).toEqual({ code: 0, signal: null });
    await expectStopped(s);
  }, 120_000);

  it('Ctrl-C (SIGINT to the process group) stops it once, gracefully', async () => {
    const s = await launch(OLD_NODE!, [join(ROOT, 'bin/health-sync.js')]);
    process.kill(-s.child.pid!, 'SIGINT');
    expect(await s.exit).toEqual({ code: 0, signal: null });
    await expectStopped(s);
  }, 120_000);

  it('SIGKILL to the wrapper: the real server notices and stops as on SIGTERM', async () => {
    const s = await launch(OLD_NODE!, [join(ROOT, 'bin/health-sync.js')]);
    process.kill(s.child.pid!, 'SIGKILL');
    await expectStopped(s);
  }, 120_000);
});

// npm forwards SIGTERM to the `sh -c` it runs the bin with, and that shell dies without passing it on.
describe.runIf(process.platform === 'linux')('npx health-sync serve', () => {
  const npx = (): Promise<Launched> =>
    launch('npx', ['--offline', 'health-sync'], { HOME: process.env['HOME'] ?? tempDir('hs-home-') });

  it('SIGTERM to the npm exec pid stops the server and closes its port', async () => {
    const s = await npx();
    process.kill(s.child.pid!, 'SIGTERM');
    await expectStopped(s);
  }, 120_000);

  it('Ctrl-C (SIGINT to the process group) stops it once, gracefully', async () => {
    const s = await npx();
    process.kill(-s.child.pid!, 'SIGINT');
    await expectStopped(s);
  }, 120_000);
});
