import { startCli, type CliResult, type CliRun } from '../../e2e/support/cli.ts';

/**
 * `health-sync worker` processes on one environment, and which tenant's job each is running (from
 * its `job started` / `job run ended` log lines). A kill point fires in one tenant's sandbox; only
 * the pool knows which process is running that tenant, so `targetOf(tenant)` is the CliRun handed to
 * tests/e2e/support/kill.ts's `arm`: it SIGKILLs whichever worker holds the tenant's job, and starts
 * a replacement so that `size` workers stay alive.
 */
export interface PoolWorker {
  name: string;
  run: CliRun;
  /** The tenant whose job it is running (undefined between jobs). */
  tenant: string | undefined;
  /** SIGKILL sent (its result comes when the process is gone). */
  killed: boolean;
  result: CliResult | undefined;
}

export interface JobStart {
  tenant: string;
  worker: string;
  attempt: number;
  at: number;
}

export interface KillRecord {
  tenant: string;
  where: string;
  worker: string;
  at: number;
}

const LOOKUP_MS = 2000;

export class WorkerPool {
  readonly workers: PoolWorker[] = [];
  readonly starts: JobStart[] = [];
  readonly kills: KillRecord[] = [];
  /** Things that went wrong inside hooks (a test cannot throw from a simulator's request handler). */
  readonly problems: string[] = [];
  private stopping = false;

  private readonly env: Record<string, string>;
  private readonly size: number;

  constructor(env: Record<string, string>, size: number) {
    this.env = env;
    this.size = size;
  }

  start(): PoolWorker {
    const w: PoolWorker = {
      name: `worker-${this.workers.length + 1}`,
      run: undefined as unknown as CliRun,
      tenant: undefined,
      killed: false,
      result: undefined,
    };
    w.run = startCli(['worker'], this.env, (line) => this.onLine(w, line));
    void w.run.done.then((r) => {
      w.result = r;
      if (r.killed && !this.stopping) this.start();
    });
    this.workers.push(w);
    return w;
  }

  fill(): void {
    while (this.alive().length < this.size) this.start();
  }

  alive(): PoolWorker[] {
    return this.workers.filter((w) => w.result === undefined && !w.killed);
  }

  /** A stand-in CliRun whose kill() SIGKILLs the worker running `tenant`'s job, wherever it is. */
  targetOf(tenant: string, where: string): CliRun {
    const kill = (deadline: number): void => {
      // The worker that started the tenant's job last and is still on it.
      const last = this.starts.findLast((s) => s.tenant === tenant)?.worker;
      const holder = this.alive().find((w) => w.name === last && w.tenant === tenant);
      if (holder) {
        this.kills.push({ tenant, where, worker: holder.name, at: Date.now() });
        holder.killed = true;
        holder.run.kill();
      } else if (Date.now() < deadline) {
        // The request came before the worker's `job started` line reached us: look again shortly.
        setTimeout(() => kill(deadline), 5);
      } else this.problems.push(`${where}: no worker was running ${tenant}'s job`);
    };
    return {
      kill: () => kill(Date.now() + LOOKUP_MS),
      terminate: () => undefined,
      done: new Promise<CliResult>(() => undefined),
    };
  }

  /** The first start of `tenant`'s job after `since` (its retry, after a kill). */
  nextStart(tenant: string, since: number): JobStart | undefined {
    return this.starts.find((s) => s.tenant === tenant && s.at > since);
  }

  /** SIGTERM to every live worker (an orderly stop); resolves with their results. */
  async stop(): Promise<{ name: string; result: CliResult }[]> {
    this.stopping = true;
    const live = this.workers.filter((w) => w.result === undefined);
    for (const w of live) w.run.terminate();
    return Promise.all(live.map(async (w) => ({ name: w.name, result: await w.run.done })));
  }

  /** After a failed test: no worker outlives it. */
  killAll(): void {
    this.stopping = true;
    for (const w of this.workers) if (w.result === undefined) w.run.kill();
  }

  /** Every line any worker printed, with its name. */
  lines(filter: (line: string) => boolean): string[] {
    return this.workers.flatMap((w) =>
      `${w.result?.stderr ?? ''}\n${w.result?.stdout ?? ''}`
        .split('\n')
        .filter(filter)
        .map((l) => `${w.name} ${l}`),
    );
  }

  private onLine(w: PoolWorker, line: string): void {
    if (!line.startsWith('{')) return;
    let entry: { msg?: string; tenant?: string; attempt?: number };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return;
    }
    if (entry.msg === 'job started' && entry.tenant) {
      w.tenant = entry.tenant;
      this.starts.push({ tenant: entry.tenant, worker: w.name, attempt: entry.attempt ?? 0, at: Date.now() });
    } else if (entry.msg === 'job run ended') w.tenant = undefined;
  }
}
