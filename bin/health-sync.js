#!/usr/bin/env node
// The CLI runs the TypeScript sources directly on Node >= 22.12 (built-in type stripping).
// When a shell finds an older system Node first, re-run on the Node that the project installs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
const recentEnough = major > 22 || (major === 22 && minor >= 12);
const entry = join(root, 'src', 'cli', 'main.ts');

if (recentEnough) {
  // Before the first TypeScript file: with its stripped form in the cache, Node never loads its
  // type stripper (0.2 s of CPU a start, most of what `--version` cost). src/cli/main.ts turns the
  // cache on too, for those who start it directly.
  module.enableCompileCache?.();
  await import(entry);
} else {
  const localNode = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(localNode)) {
    console.error(
      `health-sync needs Node >= 22.12 (this is ${process.version}); run npm install in ${root}.`,
    );
    process.exit(2);
  }
  // Node < 22.12 cannot replace itself (process.execve), so this process stays as the one a supervisor
  // or `kill` sees: it passes SIGTERM and SIGHUP on and ends as the real process ends. SIGINT is not
  // passed on: Ctrl-C reaches the whole foreground group, the real process included, and a second
  // SIGINT would tell `serve` to exit at once. If this process dies anyway (SIGKILL), the real one
  // notices (HEALTH_SYNC_FOLLOW_PARENT) and stops as on SIGTERM.
  const child = spawn(localNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, HEALTH_SYNC_FOLLOW_PARENT: '1' },
  });
  const forwarded = ['SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  const ignore = () => {};
  for (const signal of forwarded) process.on(signal, forward);
  process.on('SIGINT', ignore);
  child.on('error', (err) => {
    console.error(`health-sync: cannot start ${localNode}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    // End the way the real process ended, so that a shell or supervisor sees the same signal.
    for (const s of forwarded) process.off(s, forward);
    process.off('SIGINT', ignore);
    process.kill(process.pid, signal);
  });
}
