/**
 * Builds the console (src/console → dist/console) at `npm install` (the `prepare` script). An install
 * without dev dependencies (the Docker image's runtime stage, `npm ci --omit=dev`) has no Vite: it
 * says so and succeeds, since that image copies the console built in its build stage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(vite)) {
  console.log('console: not built (Vite is a dev dependency and is not installed)');
  process.exit(0);
}
const result = spawnSync(
  process.execPath,
  [vite, 'build', '--config', join(ROOT, 'src', 'console', 'vite.config.ts'), '--logLevel', 'warn'],
  { stdio: 'inherit', cwd: ROOT },
);
if (result.status !== 0) process.exit(result.status ?? 1);
console.log('console: built into dist/console');
