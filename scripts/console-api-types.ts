/**
 * Writes the admin API's OpenAPI document (dist/openapi.json) and the console's types generated from
 * it (src/console/api/schema.ts, committed: the console build then needs no server code, and a review
 * sees each change of the contract). `tests/console/api-types.test.ts` fails when they are stale.
 *
 *   node scripts/console-api-types.ts            write both
 *   node scripts/console-api-types.ts --check    exit 1 when the committed types differ
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleApiTypes } from './console-api-types-gen.ts';

const ROOT = join(import.meta.dirname, '..');
const TYPES = join(ROOT, 'src', 'console', 'api', 'schema.ts');

const { doc, types } = await consoleApiTypes();
if (process.argv.includes('--check')) {
  const current = readFileSync(TYPES, 'utf8');
  if (current !== types) {
    console.error('src/console/api/schema.ts is stale: run `npm run console:api-types`');
    process.exit(1);
  }
  console.log('src/console/api/schema.ts matches the OpenAPI document');
} else {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(join(ROOT, 'dist', 'openapi.json'), `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(TYPES, types);
  console.log('wrote dist/openapi.json and src/console/api/schema.ts');
}
