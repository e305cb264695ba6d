/**
 * The console's two numbers for the README: the gzip size of its bundle (dist/console), and the time
 * to first render of the Accounts page over a store of N accounts (default 20,000), in Chromium.
 * The store is filled directly with synthetic accounts and scores (a sandbox sync of 20,000 accounts
 * takes many minutes here); the page reads them through the same GET /accounts as in production.
 *
 *   node scripts/console-measure.ts [--accounts 20000]
 */
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { Registry } from 'prom-client';
import type { AccountFact } from '../src/facts/schemas.ts';
import { createLogger } from '../src/log/logger.ts';
import { SecretScrubber } from '../src/log/redact.ts';
import type { AccountScore } from '../src/score/types.ts';
import { createApp } from '../src/server/app.ts';
import { CONSOLE_DIR } from '../src/server/console-assets.ts';
import { createMappingsHolder } from '../src/server/mappings-holder.ts';
import { createTokenRegistry, hashToken } from '../src/server/tokens.ts';
import { loadMappings } from '../src/config/mappings/load.ts';
import { openSqliteStore } from '../src/store/open-sqlite.ts';

const arg = process.argv.indexOf('--accounts');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 20_000;

const assets = join(CONSOLE_DIR, 'assets');
let raw = 0;
let gz = 0;
for (const f of readdirSync(assets)) {
  const bytes = readFileSync(join(assets, f));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
console.log(`bundle: ${(raw / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzip (js + css)`);

const dir = mkdtempSync(join(tmpdir(), 'hs-console-measure-'));
const store = openSqliteStore(join(dir, 'state.db'));
const statuses = ['green', 'yellow', 'red', 'insufficient_data'] as const;
const accounts: AccountFact[] = [];
const scores: AccountScore[] = [];
for (let i = 0; i < N; i++) {
  const id = `001${String(i).padStart(12, '0')}AAA`;
  accounts.push({
    kind: 'account',
    id,
    name: `Account ${i} Payments`,
    ownerId: `005${String(i % 40).padStart(12, '0')}AAA`,
    tier: ['Enterprise', 'Growth', 'Starter', 'Strategic'][i % 4] ?? null,
    domain: null,
    phoneKey: null,
    fields: {},
    systemModstamp: 1,
  });
  const status = statuses[i % 7 === 0 ? 3 : i % 5 === 0 ? 2 : i % 3 === 0 ? 1 : 0] ?? 'green';
  scores.push({
    accountId: id,
    computedAt: 1,
    score: status === 'insufficient_data' ? null : (i * 37) % 101,
    status,
    segment: null,
    scorecardVersion: 'measure',
    coverage: 1,
    trend7d: ((i * 13) % 21) - 10,
    trend30d: ((i * 7) % 41) - 20,
    drivers: [`CSAT ${(i * 11) % 100}% over 30 ratings (target 90%)`],
    strengths: [],
    measures: [],
  });
}
await store.facts.commitPage(
  'salesforce.accounts',
  { upserts: accounts, deletes: [] },
  { value: {}, fingerprint: 'm' },
);
await store.scores.save(scores, '2026-06-10');

const scrubber = new SecretScrubber();
const logger = createLogger({ level: 'warn', scrubber });
const token = 'measure-token-0123456789abcdef';
const app = createApp({
  store,
  // Nothing here reloads the mappings: a validator that is never called.
  mappings: createMappingsHolder(
    { dir: 'mappings', logger, validate: () => Promise.reject(new Error('not used')) },
    await loadMappings('mappings'),
  ),
  runner: { run: () => Promise.reject(new Error('no runs here')) },
  preview: () => ({}),
  tokens: createTokenRegistry([{ name: 'measure', role: 'viewer', sha256: hashToken(token) }]),
  logger,
  scrubber,
  registry: new Registry(),
});
const server = app.listen(0, '127.0.0.1');
await new Promise((ok) => server.once('listening', ok));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const api = performance.now();
const res = await fetch(`${url}/accounts?limit=50`, { headers: { Authorization: `Bearer ${token}` } });
const body = (await res.json()) as { total: number };
console.log(`GET /accounts (first page of ${body.total}): ${(performance.now() - api).toFixed(0)} ms`);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage();
await page.goto(`${url}/`);
// Signed in once (sessionStorage), so that the timed load is what a returning ops person sees.
await page.getByLabel('Token').fill(token);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.locator('tbody tr').first().waitFor();
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await page.reload();
  await page.locator('tbody tr').nth(49).waitFor();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(
  `Accounts page, first render of 50 rows of ${N} (reload → 50th row drawn), 5 loads: median ${times[2]?.toFixed(0)} ms, max ${times[4]?.toFixed(0)} ms`,
);
const s0 = performance.now();
await page.getByLabel('Search accounts by name').fill('Account 1999');
// A function passed to the page would be evaluated from a string, which the console's CSP forbids.
while ((await page.locator('tbody tr').count()) > 11) await new Promise((r) => setTimeout(r, 10));
console.log(
  `search over ${N} (typed → filtered rows, incl. 200 ms debounce): ${(performance.now() - s0).toFixed(0)} ms`,
);
await browser.close();
server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
