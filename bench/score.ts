/**
 * Scoring at scale: builds a synthetic store (default 20,000 accounts, 1,000,000 tickets, 250,000
 * calls, 50,000 issues, all linked) in a temporary file, then times `scoreAccounts` and `saveScores`
 * with the shipped mappings and prints one JSON line.
 *
 *   node bench/score.ts [--accounts 20000] [--tickets 1000000] [--history-days 90] [--db path [--reuse]] [--keep]
 *
 * Then times the history rebuild of `--history-days` days (0: none) and samples its peak RSS. It
 * runs with the CLI's V8 flags and malloc setting (src/cli/runtime-flags.ts), as the CLI would.
 * `--reuse` times the scoring again on a store a previous run built at `--db` (with --keep).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadMappings } from '../src/config/mappings/load.ts';
import type { Fact } from '../src/facts/schemas.ts';
import { computeMetrics } from '../src/sync/stages/compute-metrics.ts';
import { measureSpecs, metricSettings } from '../src/metrics/settings.ts';
import { DAY_MS } from '../src/metrics/windows.ts';
import { saveScores, scoreAccounts } from '../src/sync/stages/score-accounts.ts';
import { rebuildHistory } from '../src/sync/stages/history-rebuild.ts';
import { openSqliteStore } from '../src/store/open-sqlite.ts';
import type { AccountLink } from '../src/match/types.ts';
import { createRng } from '../src/sandbox/dataset/prng.ts';
import { relaunchWithRuntimeFlags } from '../src/cli/runtime-flags.ts';

// Measured as the CLI runs (`health-sync history rebuild`, `sync`): with its V8 flags and malloc
// setting, which take a fresh process. Without them the young generation alone grows to 192 MB.
relaunchWithRuntimeFlags();

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '20000' },
    tickets: { type: 'string', default: '1000000' },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    'history-days': { type: 'string', default: '90' },
  },
});
const ACCOUNTS = Number(args.accounts);
const TICKETS = Number(args.tickets);
const CALLS = Math.round(TICKETS / 4);
const ISSUES = Math.round(TICKETS / 20);
const NOW = Date.UTC(2026, 10, 20, 12);
const SPAN_DAYS = 400;

// A seeded PRNG, so every run builds the same store.
function rng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}
const r = rng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const hex = (n: number): string =>
  Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
const accountId = (i: number): string => `001${String(i).padStart(15, '0')}`;

const dir = mkdtempSync(join(tmpdir(), 'health-sync-bench-'));
const dbPath = args.db ?? join(dir, 'bench.db');
const store = openSqliteStore(dbPath);
const mappings = (await loadMappings(join(import.meta.dirname, '..', 'mappings'))).mappings;

function commit(facts: Fact[], links: AccountLink[]): Promise<void> {
  return store.facts.commitPage(
    'bench',
    { upserts: facts, deletes: [], links },
    { value: null, fingerprint: 'bench' },
  );
}

async function build(): Promise<void> {
  const accounts: Fact[] = [];
  for (let i = 0; i < ACCOUNTS; i++)
    accounts.push({
      kind: 'account',
      id: accountId(i),
      name: `Account ${i}`,
      ownerId: null,
      tier: pick(['Enterprise', 'Strategic', 'Growth', 'Starter']),
      domain: `a${i}.example`,
      phoneKey: null,
      fields: {},
      systemModstamp: 0,
    });
  await commit(accounts, []);

  const PAGE = 20_000;
  // Option values of the category field the shipped zendesk.yaml maps (null: left empty).
  const categoryValues = [
    'failed_payout',
    'chargeback_dispute',
    'kyc_verification',
    'api_integration',
    'billing_question',
    'complaint',
    'how_to',
    null,
  ];
  for (let start = 0; start < TICKETS; start += PAGE) {
    const facts: Fact[] = [];
    const links: AccountLink[] = [];
    for (let i = start; i < Math.min(TICKETS, start + PAGE); i++) {
      // Zendesk ticket ids grow with creation time; ids of one length sort as they were created.
      const created = NOW - SPAN_DAYS * DAY_MS + Math.floor(((i + r()) / TICKETS) * SPAN_DAYS * DAY_MS);
      const solved = r() < 0.85 ? Math.min(NOW, created + Math.floor(r() * 5 * DAY_MS)) : null;
      const id = String(10_000_000 + i);
      const owner = Math.floor(r() * ACCOUNTS);
      facts.push({
        kind: 'ticket',
        id,
        organizationId: null,
        requesterKey: `p${owner}-${Math.floor(r() * 8)}`,
        requesterDomain: null,
        createdAt: created,
        updatedAt: solved ?? created,
        solvedAt: solved,
        status:
          solved === null
            ? pick(['new', 'open', 'pending', 'hold'] as const)
            : pick(['solved', 'closed'] as const),
        priority: pick(['urgent', 'high', 'normal', 'low'] as const),
        channel: 'email',
        groupId: null,
        categoryFieldValues: [pick(categoryValues)].filter((v) => v !== null),
        // Escalated by the shipped rules (an escalation tag) one time in ten.
        tags: r() < 0.1 ? ['escalated'] : [],
        firstReplyMinutes: Math.floor(r() * 600),
        fullResolutionMinutes: solved === null ? null : Math.floor(r() * 6000),
        replies: Math.floor(r() * 4),
        reopens: r() < 0.1 ? 1 : 0,
        slaBreached: null,
        satisfaction: r() < 0.3 ? (r() < 0.8 ? 'good' : 'bad') : null,
        riskFlag: r() < 0.01,
        amount: null,
      });
      links.push({ entity: 'ticket', entityId: id, accountId: accountId(owner), rule: 'bench' });
    }
    await commit(facts, links);
  }
  for (let start = 0; start < CALLS; start += PAGE) {
    const facts: Fact[] = [];
    const links: AccountLink[] = [];
    for (let i = start; i < Math.min(CALLS, start + PAGE); i++) {
      // Genesys conversation ids are UUIDs: no order at all.
      const id = uuid();
      const owner = Math.floor(r() * ACCOUNTS);
      const abandoned = r() < 0.08;
      facts.push({
        kind: 'call',
        id,
        // The connector reads calls window by window, so they arrive (and are stored) in time order.
        startedAt: NOW - SPAN_DAYS * DAY_MS + Math.floor(((i + r()) / CALLS) * SPAN_DAYS * DAY_MS),
        endedAt: null,
        direction: r() < 0.9 ? 'inbound' : 'outbound',
        queueId: null,
        handleSec: abandoned ? null : Math.floor(r() * 900),
        talkSec: null,
        holdSec: null,
        acwSec: null,
        abandoned,
        transferred: false,
        callerKey: `p${owner}-${Math.floor(r() * 8)}`,
        externalOrgId: null,
      });
      links.push({ entity: 'call', entityId: id, accountId: accountId(owner), rule: 'bench' });
    }
    await commit(facts, links);
  }
  for (let start = 0; start < ISSUES; start += PAGE) {
    const facts: Fact[] = [];
    const links: AccountLink[] = [];
    for (let i = start; i < Math.min(ISSUES, start + PAGE); i++) {
      const id = String(100_000 + i);
      const owner = Math.floor(r() * ACCOUNTS);
      facts.push({
        kind: 'issue',
        id,
        key: `PAY-${i}`,
        type: 'Bug',
        priority: pick(['Highest', 'High', 'Medium', 'Low', 'Lowest']),
        statusCategory: pick(['new', 'indeterminate', 'done', 'done'] as const),
        createdAt: NOW - SPAN_DAYS * DAY_MS + Math.floor(((i + r()) / ISSUES) * SPAN_DAYS * DAY_MS),
        updatedAt: NOW,
        resolvedAt: null,
        accountRefs: [accountId(owner)],
        ticketRefs: [],
      });
      links.push({ entity: 'issue', entityId: id, accountId: accountId(owner), rule: 'bench' });
    }
    await commit(facts, links);
  }
}

const t0 = performance.now();
const reused = args.reuse && (await store.accounts.count()) > 0;
if (!reused) await build();
const buildMs = performance.now() - t0;

// History for trends: a snapshot 7 and 30 days ago for every account.
const t1 = performance.now();
if (!reused) {
  await saveScores(store, await scoreAccounts(store, mappings, NOW - 30 * DAY_MS), NOW - 30 * DAY_MS);
  await saveScores(store, await scoreAccounts(store, mappings, NOW - 7 * DAY_MS), NOW - 7 * DAY_MS);
}
const historyMs = performance.now() - t1;

// The metric queries alone (all accounts, every measure of the shipped scorecard).
const tm = performance.now();
await computeMetrics(
  store.metrics,
  mappings.scorecard.measures.flatMap(measureSpecs),
  metricSettings(mappings),
  NOW,
);
const metricsMs = performance.now() - tm;

const t2 = performance.now();
const scores = await scoreAccounts(store, mappings, NOW);
const scoreMs = performance.now() - t2;
const t3 = performance.now();
await saveScores(store, scores, NOW);
const saveMs = performance.now() - t3;

// The rebuild's peak: RSS sampled every 50 ms while it runs (the store build before it peaks on its own).
const historyDays = Number(args['history-days']);
let rebuildPeak = process.memoryUsage.rss();
const sampler = setInterval(() => (rebuildPeak = Math.max(rebuildPeak, process.memoryUsage.rss())), 50);
const t4 = performance.now();
const rebuilt =
  historyDays > 0 ? await rebuildHistory(store, mappings, NOW, { days: historyDays }) : undefined;
const rebuildMs = performance.now() - t4;
clearInterval(sampler);
rebuildPeak = Math.max(rebuildPeak, process.memoryUsage.rss());

const byStatus: Record<string, number> = {};
for (const s of scores) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
console.log(
  JSON.stringify({
    bench: 'score',
    accounts: ACCOUNTS,
    tickets: TICKETS,
    calls: CALLS,
    issues: ISSUES,
    measures: mappings.scorecard.measures.length,
    reusedStore: reused,
    buildStoreMs: Math.round(buildMs),
    twoHistoryRunsMs: Math.round(historyMs),
    metricQueriesMs: Math.round(metricsMs),
    scoreAccountsMs: Math.round(scoreMs),
    saveScoresMs: Math.round(saveMs),
    withTrend7d: scores.filter((s) => s.trend7d !== null).length,
    history_rebuild_days: rebuilt?.days ?? 0,
    history_rebuild_written: rebuilt?.written ?? 0,
    history_rebuild_s: Math.round(rebuildMs / 10) / 100,
    history_rebuild_rss_mb: Math.round(rebuildPeak / 1048576),
    byStatus,
    node: process.version,
  }),
);
await store.close();
if (!args.keep && args.db === undefined) rmSync(dir, { recursive: true, force: true });
