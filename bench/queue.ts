/**
 * `npm run bench:queue` (GitHub issue 21, "Measured"): N tenants, each with its own sandbox process
 * with the vendors' documented rate limits on, processed from a pg-boss queue by 1, 2 and 4
 * `health-sync worker` processes. Per worker count: the wall time until every tenant has scores,
 * the workers' CPU, the Postgres connections they held, and per tenant and source the requests made
 * against the sandbox's count and the peak requests in any limit window against the documented
 * limit (over it: exit 1). Then a model of the wall time for 50 tenants of size L. One JSON
 * document on stdout, progress on stderr.
 *
 *   node bench/queue.ts [--tenants 12] [--workers 1,2,4] [--workload S] [--concurrency 1]
 *                       [--l-cpu-s 200] [--timeout-min 30] [--out FILE]
 *
 * Each worker count starts from nothing: fresh sandboxes, fresh tenant schemas and a fresh queue
 * schema in the test database (HEALTH_SYNC_BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), all dropped at its end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { RUNTIME_ENV, RUNTIME_FLAGS } from '../src/cli/runtime-flags.ts';
import { createLogger } from '../src/log/logger.ts';
import { SecretScrubber } from '../src/log/redact.ts';
import { startBoss } from '../src/queue/boss.ts';
import { enqueueSync } from '../src/queue/enqueue.ts';
import { SYNC_QUEUE } from '../src/queue/names.ts';
import { READ_ORDER, sourceNamed } from '../src/sources.ts';
import { tenantSchema } from '../src/tenants/tenant-store.ts';
import { TENANT_VARIABLES, isTenantVariable } from '../src/tenants/variables.ts';
import { startSandboxProcess, type SandboxProcess } from './child.ts';
import { firstScoreAfterRequests } from './first-score.ts';
import {
  burstSeconds,
  crossingSlots,
  crossingSlotsContinuous,
  predictWall,
  type ModelInput,
} from './queue-model.ts';
import { countScores, dropSchemas, runStats, sampleConnections } from './queue-postgres.ts';
import { windowChecks, type Arrival, type WindowCheck } from './request-windows.ts';
import { readSandboxStats, type SandboxStats } from './sandbox-control.ts';
import { WORKLOADS, sandboxArgs, type WorkloadName } from './workloads.ts';

const ROOT = join(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    tenants: { type: 'string', default: '12' },
    workers: { type: 'string', default: '1,2,4' },
    workload: { type: 'string', default: 'S' },
    concurrency: { type: 'string', default: '1' },
    // CPU seconds of one L full sync: about 190 s of wall with limits off on 2 cores (the V8 flags
    // commit); bench/run.ts --workload L measures it as full_cpu_s.
    'l-cpu-s': { type: 'string', default: '200' },
    'timeout-min': { type: 'string', default: '30' },
    out: { type: 'string' },
  },
  strict: true,
});
const tenantCount = Number(args.tenants);
const workerCounts = args.workers.split(',').map(Number);
const concurrency = Number(args.concurrency);
const workloadName = args.workload as WorkloadName;
if (
  !(workloadName in WORKLOADS) ||
  !(tenantCount >= 1) ||
  !(concurrency >= 1) ||
  workerCounts.some((w) => !Number.isInteger(w) || w < 1)
) {
  process.stderr.write('bench:queue: --workload S|M|L, --tenants ≥ 1, --workers 1,2,4, --concurrency ≥ 1\n');
  process.exit(2);
}
const workload = WORKLOADS[workloadName];
const DATABASE_URL =
  process.env['HEALTH_SYNC_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const TICK = 100; // clock ticks a second in /proc/<pid>/stat (Linux USER_HZ)

const log = (msg: string): void =>
  void process.stderr.write(`[bench:queue ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const r2 = (x: number): number => Math.round(x * 100) / 100;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** user+sys CPU seconds of a live process. */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK;
}

const withSearchPath = (url: string, schema: string): string => {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
};

interface Tenant {
  id: string;
  sandbox: SandboxProcess;
  timesFile: string;
  schema: string;
}

/** The tenants file: vendor URLs and names in clear, secrets by reference to the workers' environment. */
function writeTenantsFile(dir: string, tenants: Tenant[]): { file: string; secrets: Record<string, string> } {
  const secrets: Record<string, string> = {};
  const entries = tenants.map((t) => {
    const mappings = join(dir, t.id, 'mappings');
    cpSync(join(ROOT, 'mappings'), mappings, { recursive: true });
    const env: Record<string, string | { from_env: string }> = {};
    for (const [name, value] of Object.entries(t.sandbox.env)) {
      if (!isTenantVariable(name)) continue;
      if (TENANT_VARIABLES[name] === 'secret') {
        const ref = `${t.id.toUpperCase()}_${name}`;
        secrets[ref] = value;
        env[name] = { from_env: ref };
      } else env[name] = value;
    }
    return { id: t.id, mappings_dir: mappings, env };
  });
  const file = join(dir, 'tenants.json');
  writeFileSync(file, JSON.stringify(entries, null, 2));
  return { file, secrets };
}

interface Worker {
  child: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
}

function startWorker(env: NodeJS.ProcessEnv, logFile: string): Worker {
  const out = openSync(logFile, 'a');
  // The CLI's V8 flags and malloc setting up front, so that it does not restart itself (its CPU is
  // then this one process's).
  const child = spawn(
    process.execPath,
    [...RUNTIME_FLAGS, join(ROOT, 'src', 'cli', 'main.ts'), 'worker', '--concurrency', String(concurrency)],
    {
      cwd: ROOT,
      env: { ...RUNTIME_ENV, ...env },
      stdio: ['ignore', out, out],
    },
  );
  return {
    child,
    pid: child.pid!,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
}

interface TenantResult {
  tenant: string;
  wall_s: number;
  job_run_s: number;
  retries: number;
  scores: number;
  rate_limited_min: number;
  rate_limited_burst_s: number;
  requests: Record<
    string,
    { made: number; sandbox: number; status_429: number; windows: Record<string, WindowCheck> }
  >;
}

async function runRound(workers: number): Promise<object> {
  const tag = randomBytes(4).toString('hex');
  const storeBase = `qb_${tag}`;
  const queueSchema = `qb_${tag}_queue`;
  const storeUrl = withSearchPath(DATABASE_URL, storeBase);
  const dir = mkdtempSync(join(tmpdir(), `health-sync-bench-queue-`));
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const tenants: Tenant[] = [];
  const running: Worker[] = [];
  let boss: PgBoss | undefined;
  // Interrupted: no worker or sandbox is left behind (the schemas are dropped by the finally below
  // only when the round ends; after an interruption they are named qb_<tag>_*).
  const interrupted = (): void => {
    for (const w of running) w.child.kill('SIGKILL');
    for (const t of tenants) void t.sandbox.stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    log(`${workers} worker(s): starting ${tenantCount} sandboxes (${workloadName}, limits on)`);
    for (let i = 1; i <= tenantCount; i++) {
      const id = `t${String(i).padStart(2, '0')}`;
      const timesFile = join(dir, `${id}-times.json`);
      const sandbox = await startSandboxProcess([
        ...sandboxArgs(workload),
        '--rate-limits',
        'documented',
        '--times-file',
        timesFile,
      ]);
      tenants.push({ id, sandbox, timesFile, schema: tenantSchema(storeUrl, id) });
    }
    const { file, secrets } = writeTenantsFile(dir, tenants);
    const queue = { enabled: true, databaseUrl: DATABASE_URL, schema: queueSchema, heartbeatSeconds: 30 };
    boss = await startBoss(queue, createLogger({ level: 'silent', scrubber: new SecretScrubber() }), {
      supervise: false,
    });
    const jobs = new Map<string, string>();
    for (const t of tenants) {
      const id = await enqueueSync(boss, {
        tenant: t.id,
        sources: [...READ_ORDER],
        full: true,
        trigger: 'bench',
      });
      if (!id) throw new Error(`tenant ${t.id}: the sync job was not queued`);
      jobs.set(t.id, id);
    }

    // Vendor variables of this shell reach no tenant anyway (src/tenants): only the references do.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...secrets,
      TENANTS_FILE: file,
      HEALTH_SYNC_DATABASE_URL: storeUrl,
      HEALTH_SYNC_QUEUE_SCHEMA: queueSchema,
      HEALTH_SYNC_HASH_KEY: 'bench-queue-hash-key-0123456789',
      LOG_LEVEL: 'info',
    };
    delete env['HEALTH_SYNC_RATE_LIMITS'];
    delete env['HEALTH_SYNC_DB'];
    log(`${workers} worker(s): ${tenantCount} full syncs queued; starting the workers`);
    const t0 = Date.now();
    for (let w = 0; w < workers; w++) running.push(startWorker(env, join(dir, `worker-${w}.log`)));
    const pids = running.map((w) => w.pid);

    let peak = { workers: 0, database: 0 };
    const done = new Map<
      string,
      { completedOn: number; startedOn: number; runId: number; retries: number }
    >();
    const deadline = t0 + Number(args['timeout-min']) * 60_000;
    let lastLog = 0;
    while (done.size < tenants.length) {
      const s = await sampleConnections(db, pids);
      peak = { workers: Math.max(peak.workers, s.workers), database: Math.max(peak.database, s.database) };
      for (const [tenant, id] of jobs) {
        if (done.has(tenant)) continue;
        const job = await boss.getJobById<unknown>(SYNC_QUEUE, id);
        if (job?.state === 'failed' || job?.state === 'cancelled')
          throw new Error(`tenant ${tenant}: job ${job.state} (${JSON.stringify(job.output)})`);
        if (job?.state === 'completed') {
          const output = job.output as { runId?: number };
          done.set(tenant, {
            completedOn: job.completedOn!.getTime(),
            startedOn: job.startedOn.getTime(),
            runId: Number(output.runId),
            retries: job.retryCount,
          });
        }
      }
      for (const w of running)
        if (w.child.exitCode !== null) throw new Error(`a worker exited early (${w.child.exitCode})`);
      if (Date.now() > deadline) throw new Error(`not every tenant scored after ${args['timeout-min']} min`);
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        log(
          `${workers} worker(s): ${done.size}/${tenants.length} tenants scored, ${r2((Date.now() - t0) / 1000)} s`,
        );
      }
      await sleep(500);
    }
    const wallS = (Math.max(...[...done.values()].map((d) => d.completedOn)) - t0) / 1000;
    const cpu = pids.map(cpuSecondsOf);
    log(`${workers} worker(s): every tenant scored after ${r2(wallS)} s; stopping the workers`);
    for (const w of running) w.child.kill('SIGTERM');
    await Promise.all(running.map((w) => w.exited));

    const perTenant: TenantResult[] = [];
    let overs = 0;
    for (const t of tenants) {
      const d = done.get(t.id)!;
      const stats: SandboxStats = await readSandboxStats(t.sandbox.env);
      await t.sandbox.stop(); // writes the arrival times
      const arrivals = JSON.parse(readFileSync(t.timesFile, 'utf8')) as Record<string, Arrival[]>;
      const run = await runStats(db, t.schema, d.runId);
      const requests: TenantResult['requests'] = {};
      let burstS = 0;
      for (const src of READ_ORDER) {
        const windows = windowChecks(src, arrivals[src] ?? [], sourceNamed(src).limits);
        const byBucket = Object.fromEntries(Object.entries(windows).map(([b, w]) => [b, w.requests]));
        // Sources are read one after another: their waits add up.
        burstS += burstSeconds(byBucket, sourceNamed(src).limits);
        overs += Object.values(windows).filter((w) => w.over).length;
        requests[src] = {
          made: run?.sources[src]?.apiCalls ?? 0,
          sandbox: stats[src].total,
          status_429: stats[src].statuses['429'] ?? 0,
          windows,
        };
      }
      const rateLimited = firstScoreAfterRequests({
        salesforce: { reads: run?.sources['salesforce']?.apiCalls ?? 0 },
        zendesk: stats.zendesk.requests,
        genesys: stats.genesys.requests,
        jira: stats.jira.requests,
      });
      perTenant.push({
        tenant: t.id,
        wall_s: r2((d.completedOn - t0) / 1000),
        job_run_s: r2((d.completedOn - d.startedOn) / 1000),
        // A retried job's requests include its failed attempts'.
        retries: d.retries,
        scores: await countScores(db, t.schema),
        rate_limited_min: rateLimited.minutes,
        rate_limited_burst_s: burstS,
        requests,
      });
    }
    const unscored = perTenant.filter((t) => t.scores === 0).map((t) => t.tenant);
    return {
      workers,
      concurrency,
      wall_s: r2(wallS),
      worker_cpu_s: r2(cpu.reduce((a, c) => a + c, 0)),
      worker_cpu_s_each: cpu.map(r2),
      cpu_s_per_tenant: r2(cpu.reduce((a, c) => a + c, 0) / tenantCount),
      job_run_s_median: r2(median(perTenant.map((t) => t.job_run_s))),
      rate_limited_min_per_tenant: median(perTenant.map((t) => t.rate_limited_min)),
      rate_limited_burst_s_per_tenant: median(perTenant.map((t) => t.rate_limited_burst_s)),
      peak_pg_connections: peak,
      windows_over_limit: overs,
      tenants_without_scores: unscored,
      load_average_1m: r2(loadavg()[0]!),
      tenants: perTenant,
    };
  } catch (err) {
    // The temporary directory goes below: show what the workers said first.
    for (const [i, w] of running.entries()) {
      const lines = readFileSync(join(dir, `worker-${i}.log`), 'utf8')
        .trim()
        .split('\n');
      process.stderr.write(`--- worker ${i} (pid ${w.pid}), last lines:\n${lines.slice(-20).join('\n')}\n`);
    }
    throw err;
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    for (const w of running) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    for (const t of tenants) await t.sandbox.stop();
    await boss?.stop({ graceful: false }).catch(() => undefined);
    await dropSchemas(db, [...tenants.map((t) => t.schema), storeBase, queueSchema]);
    await db.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Round {
  workers: number;
  wall_s: number;
  cpu_s_per_tenant: number;
  rate_limited_min_per_tenant: number;
  rate_limited_burst_s_per_tenant: number;
  job_run_s_median: number;
  windows_over_limit: number;
  tenants_without_scores: string[];
}

const rounds: Round[] = [];
for (const w of workerCounts) rounds.push((await runRound(w)) as Round);

// The model, fed with what the rounds measured, next to what they measured.
const cores = cpus().length;
const measuredInput = (r: Round): ModelInput => ({
  tenants: tenantCount,
  cpuS: median(rounds.map((x) => x.cpu_s_per_tenant)),
  rateS: r.rate_limited_min_per_tenant * 60,
  cores,
});
const slotsOf = (r: Round): number => r.workers * concurrency;
const modelCheck = rounds.map((r) => ({
  workers: r.workers,
  measured_wall_s: r.wall_s,
  // A run's time at its limits: sustained (requests ÷ rate), burst (the first window at once), and
  // the job's own measured wall with the first worker count.
  predicted_sustained: predictWall(measuredInput(r), slotsOf(r)),
  predicted_burst: predictWall({ ...measuredInput(r), rateS: r.rate_limited_burst_s_per_tenant }, slotsOf(r)),
  predicted_from_job_wall: predictWall(
    { ...measuredInput(r), rateS: rounds[0]!.job_run_s_median },
    slotsOf(r),
  ),
}));

// 50 tenants of size L: their rate-limited time from the page floors at the documented limits
// (src/sync/README.md: 1,001 Zendesk exports at 10/min, ⌈250,000 ÷ 100⌉ Genesys pages at 300/min,
// ⌈50,000 ÷ 100⌉ Jira pages at 100/s), their CPU from --l-cpu-s.
const L = WORKLOADS.L;
const lRateMin =
  (Math.ceil(L.tickets / 1000) + 1) / 10 + Math.ceil(L.calls / 100) / 300 + Math.ceil(L.issues / 100) / 6000;
const lInput: ModelInput = { tenants: 50, cpuS: Number(args['l-cpu-s']), rateS: lRateMin * 60, cores };
const lModel = {
  input: { ...lInput, rate_min: r2(lRateMin) },
  by_slots: [1, 2, 4, 8, 16, 25, 32, 50].map((s) => predictWall(lInput, s)),
  crossing_slots: crossingSlots(lInput),
  crossing_slots_continuous: r2(crossingSlotsContinuous(lInput)),
  // The CPU seconds per tenant from which 50 slots (one per tenant) would be CPU-bound.
  cpu_s_per_tenant_to_cross_at_50_slots: r2((lInput.rateS * cores) / lInput.tenants),
};

const failed = rounds.some((r) => r.windows_over_limit > 0 || r.tenants_without_scores.length > 0);
const doc = {
  generated_at: new Date().toISOString(),
  machine: { cpus: cores, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  tenants: tenantCount,
  workload: { name: workloadName, ...workload },
  how: {
    wall_s:
      'from the spawn of the first worker to the last job completed (pg-boss completedOn); every tenant then has scores',
    worker_cpu_s:
      "user+sys of each worker process from /proc/<pid>/stat once every job completed (the CLI's V8 flags given up front, so no restart)",
    peak_pg_connections:
      "pg_stat_activity sampled every ~500 ms: `workers` counts the connections whose client port is a socket of a worker process; `database` every client of the database (the bench's own 4-connection queue client and other users included)",
    requests:
      "made: the run record's apiCalls; sandbox: what the simulator counted (Salesforce: API calls incl. writes)",
    windows:
      "per limiter bucket, the most requests that arrived at the sandbox (refused ones included) within any window of the connector's documented limit (SourceDefinition.limits); over: more than the limit, and the bench exits 1",
    model:
      'bench/queue-model.ts: max(T × cpu ÷ min(slots, cores), ⌈T ÷ slots⌉ × rate-limited time); slots = workers × concurrency',
  },
  rounds,
  model_check: modelCheck,
  model_50_tenants_L: lModel,
  failed,
};
const text = JSON.stringify(doc, null, 2);
if (args.out) writeFileSync(args.out, `${text}\n`);
process.stdout.write(`${text}\n`);
if (failed) {
  log('FAILED: a limit window was over its documented limit, or a tenant has no scores');
  process.exit(1);
}
