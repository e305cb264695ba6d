/**
 * `npm run bench` (GitHub issue 8): a full sync, an incremental sync after a 1% change and a
 * no-change sync of the CLI against the sandbox in a separate process with rate limits off, next to
 * the floor (the same pages fetched and parsed with no processing). One JSON document on stdout,
 * progress on stderr.
 *
 *   node bench/run.ts [--workload M|L|M,L|S] [--out FILE] [--cpu-prof DIR] [--node-args "…"] [--keep]
 * --cpu-prof profiles the full sync, --cpu-prof-later the incremental, the last no-change and the hourly sync;
 * --node-args are extra Node flags for every sync (e.g. a heap cap).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadMappings } from '../src/config/mappings/load.ts';
import {
  benchSyncEnv,
  runCli,
  runSync,
  startSandboxProcess,
  stopRunningSyncs,
  type SyncMeasure,
} from './child.ts';
import { DEFAULT_REBUILD_DAYS } from '../src/sync/stages/history-rebuild.ts';
import { RUNTIME_FLAGS } from '../src/cli/runtime-flags.ts';
import { firstScoreAfterRequests } from './first-score.ts';
import { measureFloor, type FloorResult } from './floor.ts';
import { peakRssByPhase, phasesFromLog } from './phases.ts';
import { measureStartup } from './startup.ts';
import { measureJiraSmall } from './jira-small.ts';
import { measureNoChangeSmall } from './nochange-small.ts';
import { HOUR_MS } from '../src/metrics/windows.ts';
import { MAX_CALL_MS } from '../src/sandbox/dataset/calls.ts';
import { READ_ORDER, type SourceName } from '../src/sources.ts';
import { controlSandbox, readSandboxStats, resetSandboxStats, type SandboxStats } from './sandbox-control.ts';
import { WORKLOADS, sandboxArgs, type WorkloadName } from './workloads.ts';

const { values: args } = parseArgs({
  options: {
    workload: { type: 'string', default: 'M,L' },
    out: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'cpu-prof-later': { type: 'string' },
    'node-args': { type: 'string' },
    keep: { type: 'boolean', default: false },
    // Days the measured `history rebuild` rebuilds: its peak RSS does not grow with them (one day's
    // scoring at a time), its time does, about linearly.
    'history-days': { type: 'string', default: String(DEFAULT_REBUILD_DAYS) },
  },
  strict: true,
});
// The CLI's own V8 flags, given up front so that it does not restart itself (a restart would lose
// --cpu-prof's profile); flags from --node-args come after them and win.
const nodeArgs = [...RUNTIME_FLAGS, ...(args['node-args']?.split(' ').filter(Boolean) ?? [])];
const names = args.workload.split(',').map((s) => s.trim());
for (const n of names)
  if (!(n in WORKLOADS)) {
    process.stderr.write(`bench: unknown workload ${n} (M, L)\n`);
    process.exit(2);
  }

const log = (msg: string): void =>
  void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const r2 = (x: number): number => Math.round(x * 100) / 100;
const SOURCES = READ_ORDER;
const mappings = (await loadMappings(join(import.meta.dirname, '..', 'mappings'))).mappings;

/**
 * Requests that fetch no data page: tokens, reconciliation counts, and the async-job protocol
 * (availability, create, poll). `data` is `made` without them, next to the page floor.
 */
const GENESYS_JOBS = 'analytics/conversations/details/jobs';
const PROTOCOL: Record<SourceName, readonly string[]> = {
  salesforce: ['oauth.token'],
  zendesk: ['GET /api/v2/tickets/count.json'],
  jira: ['POST /rest/api/3/search/approximate-count'],
  genesys: [
    'POST /oauth/token',
    `GET /api/v2/${GENESYS_JOBS}/availability`,
    `POST /api/v2/${GENESYS_JOBS}`,
    `GET /api/v2/${GENESYS_JOBS}/:jobId`,
  ],
};

function requestsTable(full: SyncMeasure, floor: FloorResult, stats: SandboxStats): Record<string, object> {
  const out: Record<string, object> = {};
  for (const src of SOURCES) {
    const streams = Object.entries(floor).filter(([name]) => name.startsWith(`${src}.`));
    const pageFloor = streams.reduce((a, [, f]) => a + f.pageFloor, 0);
    const made = full.run.stats.sources[src]?.apiCalls ?? 0;
    const protocol = PROTOCOL[src].reduce((a, e) => a + (stats[src].requests[e] ?? 0), 0);
    out[src] = {
      made,
      floor: pageFloor,
      over_floor_pct: pageFloor ? r2((100 * (made - pageFloor)) / pageFloor) : null,
      protocol,
      data: made - protocol,
      data_over_floor_pct: pageFloor ? r2((100 * (made - protocol - pageFloor)) / pageFloor) : null,
      floor_loop_requests: streams.reduce((a, [, f]) => a + f.requests, 0),
      sandbox_requests: stats[src].total,
      by_endpoint: stats[src].requests,
    };
  }
  return out;
}

/** Genesys async jobs and their polls (the sync overlaps up to four jobs' waits: connectors/genesys/job-queue.ts). */
function genesysJobs(stats: SandboxStats): { jobs: number; polls: number } {
  const req = stats.genesys.requests;
  return {
    jobs: req['POST /api/v2/analytics/conversations/details/jobs'] ?? 0,
    polls: req['GET /api/v2/analytics/conversations/details/jobs/:jobId'] ?? 0,
  };
}

const factsStored = (m: SyncMeasure): number =>
  Object.values(m.run.stats.sources).reduce((a, s) => a + s.upserts, 0);
const recordsRead = (m: SyncMeasure): number =>
  Object.values(m.run.stats.sources).reduce((a, s) => a + s.records, 0);
/** Ids a sandbox mutation changed, over all its kinds of change (created, updated, deleted…). */
const idsChanged = (byChange: Record<string, readonly unknown[]>): number =>
  Object.values(byChange).reduce((a, l) => a + l.length, 0);
const apiCalls = (m: SyncMeasure): Record<string, number> =>
  Object.fromEntries(SOURCES.map((s) => [s, m.run.stats.sources[s]?.apiCalls ?? 0]));

async function runWorkload(name: WorkloadName): Promise<object> {
  const w = WORKLOADS[name];
  log(`${name}: starting the sandbox (${JSON.stringify(w)})`);
  const sandbox = await startSandboxProcess(sandboxArgs(w));
  const dir = mkdtempSync(join(tmpdir(), `health-sync-bench-${name}-`));
  // Interrupted: stop the sandbox and remove the temporary store rather than leave them behind.
  const interrupted = (): void => {
    stopRunningSyncs();
    void sandbox.stop().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  // info adds about one log line per stream and stage, from which the phases are timed.
  const env = benchSyncEnv(sandbox.env, dir, 'info');
  const timeFile = join(dir, 'time.txt');
  try {
    // The clocks of the sandbox and of every sync start at 01:00 UTC of the dataset's day (today):
    // started late in the day, the runs after the clocks move on below would cross midnight, and a
    // new UTC day rescores every account, so the figures would depend on the hour the bench ran.
    const startAt = Date.parse(`${new Date().toISOString().slice(0, 10)}T01:00:00Z`);
    await controlSandbox(sandbox.env, '/__sandbox/clock', { set: startAt });
    const baseOffsetMs = startAt - Date.now();
    const base = { timeFile, nodeArgs, clockOffsetMs: baseOffsetMs };
    await resetSandboxStats(sandbox.env);
    const load: Record<string, number> = {};
    const mark = (k: string): void => void (load[k] = r2(loadavg()[0]!));
    mark('before_full');
    log(`${name}: sync --full`);
    const full = await runSync(['--full'], env, {
      ...base,
      nodeArgs: [
        ...nodeArgs,
        ...(args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', args['cpu-prof']] : []),
      ],
    });
    const fullStats = await readSandboxStats(sandbox.env);
    log(`${name}: full sync ${r2(full.wallS)} s wall, ${r2(full.cpuS)} s CPU, ${full.peakRssMb} MB peak RSS`);

    mark('after_full');
    log(`${name}: floor (fetch + JSON.parse only)`);
    const t0 = performance.now();
    const floor = await measureFloor(sandbox.env, mappings);
    const floorWallS = (performance.now() - t0) / 1000;
    mark('after_floor');
    log(`${name}: floor ${r2(floorWallS)} s`);

    // The full sync rebuilt only the days its trends read; the other 88 days, which later runs would
    // rebuild 30 s at a time, at once, so that the runs measured below are the steady state.
    log(`${name}: history rebuild --days ${args['history-days']}`);
    const rebuild = await runCli<{ days: number; ms: number }>(
      ['history', 'rebuild', '--days', args['history-days']],
      env,
      base,
    );
    log(`${name}: history rebuild ${r2(rebuild.wallS)} s, ${rebuild.peakRssMb} MB peak RSS; settling sync`);
    // The rebuild rewrote the days trends read and the weeks snapshots hold: the next run rescores
    // every account and sends the rebuilt weeks, once. Done here, so that the runs measured below are
    // a schedule's steady state; its figures are `settle_*`.
    const settle = await runSync([], env, base);
    const settledAt = Date.now();
    log(`${name}: settling sync ${r2(settle.wallS)} s`);

    // 1% of every stream changed, dated in the time since the settling sync ended: a change dated before a
    // stream's last read is one no incremental reader could see (Genesys is read by time window).
    // Then the clocks of the sandbox and of the later syncs move on together, past the end of the
    // longest call the mutation can start plus Genesys's analytics lag, to one minute into an hour:
    // every change is visible to the incremental run, nothing more arrives during the no-change
    // runs (calls still in progress would otherwise surface minutes later, and rightly be written),
    // and no hour boundary moves the windows of the scores between those runs.
    const mutation = (await controlSandbox(sandbox.env, '/__sandbox/mutate', {
      share: 0.01,
      seed: 1,
      spanMs: Math.max(1000, Date.now() - settledAt),
    })) as {
      tickets: Record<string, number[]>;
      calls: { created: number };
      issues: Record<string, string[]>;
      accounts: string[];
      organizations: number[];
    };
    const changed = {
      tickets: idsChanged(mutation.tickets),
      calls: mutation.calls.created,
      issues: idsChanged(mutation.issues),
      accounts: mutation.accounts.length,
      organizations: mutation.organizations.length,
    };
    // 10 minutes: the simulated Genesys's 5-minute analytics lag, with room to spare.
    const now = Date.now() + baseOffsetMs;
    const clockOffsetMs = Math.ceil((now + MAX_CALL_MS + 10 * 60_000) / HOUR_MS) * HOUR_MS + 60_000 - now;
    await controlSandbox(sandbox.env, '/__sandbox/clock', { advanceMs: clockOffsetMs });
    const shifted = { ...base, clockOffsetMs: baseOffsetMs + clockOffsetMs };
    const later = args['cpu-prof-later'];
    const profiled = later
      ? { ...shifted, nodeArgs: [...nodeArgs, '--cpu-prof', '--cpu-prof-dir', later] }
      : shifted;
    log(
      `${name}: mutated ${JSON.stringify(changed)}; clocks +${r2(clockOffsetMs / HOUR_MS)} h; incremental sync`,
    );
    await resetSandboxStats(sandbox.env);
    const inc = await runSync([], env, profiled);
    const incStats = await readSandboxStats(sandbox.env);
    log(`${name}: incremental ${r2(inc.wallS)} s; no-change sync`);
    await resetSandboxStats(sandbox.env);
    const none = await runSync([], env, shifted);
    const noneStats = await readSandboxStats(sandbox.env);
    log(`${name}: no-change ${r2(none.wallS)} s; again`);
    // The first no-change run re-reads the Accounts the incremental run wrote (their SystemModstamp
    // moved); a second one shows the steady state of a schedule with nothing new.
    await resetSandboxStats(sandbox.env);
    const again = await runSync([], env, profiled);
    const againEndedAt = Date.now();
    const againStats = await readSandboxStats(sandbox.env);
    log(`${name}: no-change again ${r2(again.wallS)} s; an hour later, 0.05% changed`);

    // A schedule's hourly run: a twentieth of the mutation above, dated since the last run, and the
    // clocks one hour on (same UTC day), so windows move as well. It rescores a few accounts, where
    // the incremental run above rescores most of them.
    const hourlyMutation = (await controlSandbox(sandbox.env, '/__sandbox/mutate', {
      share: 0.0005,
      seed: 2,
      spanMs: Math.max(1000, Date.now() - againEndedAt),
    })) as { tickets: Record<string, number[]> };
    await controlSandbox(sandbox.env, '/__sandbox/clock', { advanceMs: HOUR_MS });
    const hourly = await runSync([], env, { ...profiled, clockOffsetMs: shifted.clockOffsetMs + HOUR_MS });
    log(`${name}: hourly ${r2(hourly.wallS)} s`);

    const stored = factsStored(full);
    return {
      workload: name,
      sizes: w,
      full_wall_s: r2(full.wallS),
      full_cpu_s: r2(full.cpuS),
      full_cpu_user_s: r2(full.userS),
      full_cpu_sys_s: r2(full.sysS),
      full_run_duration_s: r2((full.run.stats.durationMs ?? 0) / 1000),
      full_phases_s: phasesFromLog(full.stderr),
      // The full sync is the first complete read: before scoring it rebuilds the days its trends
      // read (inside "score + plan"), and leaves the rest of the 90 days to later runs.
      full_history_days: full.run.stats.historyRebuild?.days ?? 0,
      full_history_s: r2((full.run.stats.historyRebuild?.ms ?? 0) / 1000),
      history_rebuild_days: rebuild.json.days,
      history_rebuild_s: r2(rebuild.wallS),
      history_rebuild_cpu_s: r2(rebuild.cpuS),
      history_rebuild_rss_mb: rebuild.peakRssMb,
      settle_wall_s: r2(settle.wallS),
      settle_rescored: settle.run.stats.rescored,
      settle_snapshots_upserted: settle.run.stats.snapshots?.upserted ?? 0,
      floor_wall_s: r2(floorWallS),
      ratio: r2(full.wallS / floorWallS),
      peak_rss_mb: full.peakRssMb,
      // The sync's own view (every log line's peakRssMb) at the end of each phase.
      full_peak_rss_by_phase_mb: peakRssByPhase(full.stderr),
      facts_stored: stored,
      records_read: recordsRead(full),
      records_per_s: Math.round(stored / full.wallS),
      requests: requestsTable(full, floor, fullStats),
      floor_streams: Object.fromEntries(
        Object.entries(floor).map(([k, f]) => [
          k,
          { requests: f.requests, page_floor: f.pageFloor, records: f.records, wall_s: r2(f.wallMs / 1000) },
        ]),
      ),
      genesys_jobs: genesysJobs(fullStats),
      // The write-back waits for every source's first complete read: all of the full sync's reads.
      // Salesforce's simulator also counts the writes, so its reads are the run record's.
      first_score_after_requests: firstScoreAfterRequests({
        salesforce: { reads: full.run.stats.sources.salesforce?.apiCalls ?? 0 },
        zendesk: fullStats.zendesk.requests,
        genesys: fullStats.genesys.requests,
        jira: fullStats.jira.requests,
      }),
      sf_write_requests: full.run.stats.writes.requests,
      sf_write_requests_sandbox: fullStats.salesforce.writeRequests,
      sf_records_written: full.run.stats.writes.succeeded,
      tasks_created: full.run.stats.tasksCreated,
      full_errors: full.run.stats.errors.length,
      mutation: changed,
      clock_offset_h: r2(clockOffsetMs / HOUR_MS),
      incremental_wall_s: r2(inc.wallS),
      incremental_cpu_s: r2(inc.cpuS),
      incremental_requests: apiCalls(inc),
      incremental_records: Object.fromEntries(
        SOURCES.map((s) => [s, inc.run.stats.sources[s]?.records ?? 0]),
      ),
      incremental_sf_write_requests: inc.run.stats.writes.requests,
      incremental_sf_records_written: inc.run.stats.writes.succeeded,
      nochange_wall_s: r2(none.wallS),
      nochange_requests: Object.values(apiCalls(none)).reduce((a, n) => a + n, 0),
      nochange_requests_by_source: apiCalls(none),
      nochange_sandbox_requests: Object.fromEntries(SOURCES.map((s) => [s, noneStats[s].requests])),
      nochange_sf_writes: none.run.stats.writes.requests,
      nochange_sf_writes_sandbox: noneStats.salesforce.writeRequests,
      nochange_sf_records_written: none.run.stats.writes.succeeded,
      nochange_again_requests_by_source: apiCalls(again),
      nochange_again_sandbox_requests: Object.fromEntries(SOURCES.map((s) => [s, againStats[s].requests])),
      nochange_again_sf_writes: again.run.stats.writes.requests,
      incremental_sandbox_requests: Object.fromEntries(SOURCES.map((s) => [s, incStats[s].total])),
      incremental_phases_s: phasesFromLog(inc.stderr),
      // Which accounts each run scored again, and why (issue 22): the incremental run is in a new hour.
      incremental_rescored: inc.run.stats.rescored ?? null,
      nochange_rescored: none.run.stats.rescored ?? null,
      nochange_phases_s: phasesFromLog(none.stderr),
      nochange_again_wall_s: r2(again.wallS),
      nochange_again_phases_s: phasesFromLog(again.stderr),
      hourly_tickets_changed: idsChanged(hourlyMutation.tickets),
      hourly_wall_s: r2(hourly.wallS),
      hourly_cpu_s: r2(hourly.cpuS),
      hourly_rescored: hourly.run.stats.rescored ?? null,
      hourly_phases_s: phasesFromLog(hourly.stderr),
      load_average_1m: load,
      measured_with: full.method,
    };
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    await sandbox.stop();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else log(`${name}: kept ${dir}`);
  }
}

const results: object[] = [];
for (const n of names) results.push(await runWorkload(n as WorkloadName));
log('start-up: node -e 0, --version, validate');
const startup = measureStartup();
log('jira 10k: sync --source jira --full');
const jira10k = await measureJiraSmall(nodeArgs);
log('no-change sync on S');
const nochangeSmall = await measureNoChangeSmall(nodeArgs, startup.node_s);
const doc = {
  generated_at: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  sync_node_args: nodeArgs,
  how: {
    full_wall_s:
      'spawn to exit of `node bin/health-sync.js sync --full --json` (includes Node start-up and module loading)',
    cpu_and_rss:
      'GNU time (/usr/bin/time -f "%e %U %S %M") on the sync process: user+sys CPU and max RSS from wait4 rusage',
    floor_wall_s:
      'bench/floor.ts: the same pages from the same sandbox, fetched serially and JSON.parsed, nothing else; measured after the full sync (sandbox warm); async Genesys jobs polled back to back',
    requests_floor:
      'per stream ⌈records ÷ page size⌉ summed over each query: Zendesk tickets 1000 and organizations 1000, Jira 100, Salesforce 2000 (query and queryAll), Genesys 100 per 24 h details-query window and 1000 per weekly async-job window (each window costs at least one page even when empty)',
    made: "the run record's apiCalls per source (sandbox_requests: what the simulators counted, including OAuth tokens and job polls)",
    records_per_s: 'facts stored (upserts over all sources) ÷ full_wall_s',
    first_score_after_requests:
      "the full sync's read requests per source and limiter bucket (all of them precede the first write-back), and the minutes they take at each connector's documented limit: a source takes its busiest bucket's minutes, sources are read in turn so they add up; Salesforce has no per-minute limit",
    incremental:
      "POST /__sandbox/mutate {share: 0.01, spanMs: time since the full sync ended}; the clocks of the sandbox and of this and later syncs (src/sandbox/clock-offset.ts) moved on together, past the longest call plus Genesys's lag, to one minute into an hour; then `sync`",
    nochange: '`sync` again with nothing changed (it re-reads the Accounts the incremental run wrote)',
    nochange_again: 'one more `sync` with nothing changed: the steady state',
    jira_10k:
      '`sync --source jira --full` of 10,000 sandbox issues (start-up included), next to the other connector measured in issue 22',
    nochange_small:
      'median of 5 runs of `sync` with nothing changed on the S book (after a full sync, the history rebuilt and one unmeasured run), spawn to exit; over_node_s: minus the median `node -e 0`',
    startup:
      'median wall of 7 runs (after one to warm the compile cache) of `node -e 0`, `node bin/health-sync.js --version` and `node bin/health-sync.js validate`',
  },
  startup,
  jira_10k: jira10k,
  nochange_small: nochangeSmall,
  workloads: results,
};
const text = JSON.stringify(doc, null, 2);
if (args.out) writeFileSync(args.out, `${text}\n`);
process.stdout.write(`${text}\n`);
