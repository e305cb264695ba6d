#!/usr/bin/env node
// The CLI runs the TypeScript sources directly on Node >= 22.12 (built-in type stripping).
// When a shell finds an older system Node first, re-run on the Node that the project installs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
const recentEnough = major > 22 || (major === 22 && minor >= 12);
const entry = join(root, 'src', 'cli', 'main.ts');

if (recentEnough) {
  await import(entry);
} else {
  const localNode = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(localNode)) {
    console.error(
      `health-sync needs Node >= 22.12 (this is ${process.version}); run npm install in ${root}.`,
    );
    process.exit(2);
  }
  const result = spawnSync(localNode, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
