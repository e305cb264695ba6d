/**
 * The dependency direction of ../shared/DESIGN.md ("Layout"), checked by `npm run lint`. Imports are
 * matched as written (relative paths), so each rule names the folders a file may not reach.
 *
 *   connectors/<vendor>  →  src/{http,facts,config,log,errors}   (never another connector or a stage)
 *   src/{facts,match,metrics,score,writeback}  pure: no store, connector, driver, fs or network
 *   src/store  →  pure types;  src/sync (drivers)  →  everything below the server and the CLI
 */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The connector folders themselves, so that the source list is not written out a second time here. */
const VENDORS = readdirSync(join(import.meta.dirname, 'connectors'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const folder = (names) => ({
  regex: `(^|/)(${names.join('|')})/`,
  message: 'against the dependency direction in DESIGN.md ("Layout")',
});
const modules = (names, why) => ({ group: names, message: why });

const IO_MODULES = modules(
  [
    'fs',
    'node:fs',
    'node:fs/promises',
    'node:http',
    'node:https',
    'node:net',
    'node:sqlite',
    'node:child_process',
    'node:worker_threads',
    'jsforce',
    'jira.js',
    'pg',
    'pg-boss',
  ],
  'pure stages do no I/O: read and write through a driver in src/sync/stages',
);
const CONNECTORS = { regex: '(^|/)connectors/', message: 'pure stages never call a connector' };
/** Outside its folder, a connector is reached through its index.ts only. */
const CONNECTOR_INDEX_ONLY = {
  regex: '(^|/)connectors/[^/]+/(?!index\\.ts$)',
  message: "a connector's only import path is its index.ts",
};
/** What sits above every pure stage: the store, drivers, the edges. */
const DRIVERS = ['store', 'sync', 'server', 'cli', 'http', 'sandbox', 'queue', 'console'];

const restrict = (files, ...patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

/** Earlier pure stages never import later ones (facts → match → metrics → score → writeback). */
const PURE_ORDER = ['facts', 'match', 'metrics', 'score', 'writeback'];

/**
 * The source contract (`src/facts/source-definition.ts`) names the request counters and limits a
 * connector's clients are given: `src/facts` may take those types from `src/http/types.ts`, nothing else.
 */
const HTTP_TYPES_ONLY = { regex: '(^|/)http/(?!types\\.ts$)', message: 'only the HTTP contract types' };

export const boundaries = [
  ...PURE_ORDER.map((stage, i) => {
    const drivers = stage === 'facts' ? DRIVERS.filter((d) => d !== 'http') : DRIVERS;
    return restrict(
      [`src/${stage}/**/*.ts`],
      folder([...drivers, ...PURE_ORDER.slice(i + 1)]),
      ...(stage === 'facts' ? [HTTP_TYPES_ONLY] : []),
      CONNECTORS,
      IO_MODULES,
    );
  }),
  ...VENDORS.map((vendor) =>
    restrict(
      [`connectors/${vendor}/**/*.ts`],
      folder(['store', 'match', 'metrics', 'score', 'sync', 'server', 'cli', 'sandbox', 'queue', 'console']),
      {
        regex: `^\\.\\./(?!${vendor}/)(${VENDORS.join('|')})/`,
        message: 'a connector knows its own API only',
      },
      // The write side's contract (what a plan holds, what an outcome says) is pure and shared.
      vendor === 'salesforce'
        ? { regex: '(^|/)writeback/(?!types\\.ts$)', message: 'only the write contract types' }
        : folder(['writeback']),
    ),
  ),
  restrict(
    ['src/store/**/*.ts'],
    folder(['sync', 'server', 'cli', 'http', 'sandbox', 'queue', 'console']),
    CONNECTORS,
  ),
  restrict(
    ['src/http/**/*.ts'],
    folder(['store', 'sync', 'server', 'cli', 'match', 'metrics', 'score', 'writeback']),
    CONNECTORS,
  ),
  restrict(['src/sync/**/*.ts'], folder(['server', 'cli', 'console']), CONNECTOR_INDEX_ONLY),
  restrict(['src/server/**/*.ts'], folder(['cli']), CONNECTOR_INDEX_ONLY),
  restrict(
    ['src/*.ts', 'src/{cli,config,log,sandbox}/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    CONNECTOR_INDEX_ONLY,
  ),
];
