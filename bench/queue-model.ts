/**
 * Where the time goes when W workers run T tenants' first syncs (bench/queue.ts, issue 21). Two
 * bounds, and the wall is the larger:
 *
 * - CPU-bound: every tenant's run costs `cpuS` seconds of CPU, and at most min(slots, cores) of them
 *   run at once: T × cpuS ÷ min(slots, cores).
 * - Rate-bound: a run spends `rateS` seconds at its vendors' documented limits, and a worker's slot
 *   is held for all of it (one job per slot, waiting included; the limits are per tenant, so
 *   tenants in different slots never wait for each other): ⌈T ÷ slots⌉ waves of `rateS`.
 *
 * Slots = workers × each worker's --concurrency (1 by default: src/queue/worker.ts).
 */
export interface ModelInput {
  tenants: number;
  /** CPU seconds (user+sys) of one tenant's run. */
  cpuS: number;
  /** Seconds one tenant's run takes at its documented limits, alone on the machine. */
  rateS: number;
  cores: number;
}

export interface ModelPoint {
  slots: number;
  cpu_bound_s: number;
  rate_bound_s: number;
  wall_s: number;
  bound: 'cpu' | 'rate';
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

export function predictWall(m: ModelInput, slots: number): ModelPoint {
  const cpu = (m.tenants * m.cpuS) / Math.min(slots, m.cores);
  const rate = Math.ceil(m.tenants / slots) * m.rateS;
  return {
    slots,
    cpu_bound_s: r1(cpu),
    rate_bound_s: r1(rate),
    wall_s: r1(Math.max(cpu, rate)),
    bound: rate > cpu ? 'rate' : 'cpu',
  };
}

/**
 * The fewest slots from which the run is CPU-bound (more workers no longer help), or null when it
 * stays rate-bound even with a slot per tenant (then the wall is one run's `rateS`).
 */
export function crossingSlots(m: ModelInput): number | null {
  for (let slots = 1; slots <= m.tenants; slots++) if (predictWall(m, slots).bound === 'cpu') return slots;
  return null;
}

/**
 * The least time a source's requests take at its limits when the first window is spent at once: a
 * sliding window lets `limit` requests through immediately and `limit` more each window after, so
 * n requests wait ⌈n ÷ limit⌉ − 1 windows. The busiest bucket sets the source's time. bench/
 * first-score.ts's minutes (n ÷ rate) are the sustained figure; the two meet for large n (L), and
 * differ most for a workload under one window (S's 147 Genesys requests wait for nothing).
 */
export function burstSeconds(
  requestsByBucket: Readonly<Record<string, number>>,
  limits: Readonly<Record<string, { limit: number; windowMs: number }>>,
): number {
  let longest = 0;
  for (const [bucket, n] of Object.entries(requestsByBucket)) {
    const l = limits[bucket];
    if (l && n > 0) longest = Math.max(longest, ((Math.ceil(n / l.limit) - 1) * l.windowMs) / 1000);
  }
  return longest;
}

/**
 * Where the two lines meet with slots ≥ cores, ignoring the rounding of ⌈T ÷ slots⌉: T ÷ slots × R =
 * T × c ÷ C, so slots = R × C ÷ c, whatever T. Above T (a slot per tenant) there is no crossing:
 * one tenant's time at its limits outlasts all the CPU work.
 */
export const crossingSlotsContinuous = (m: ModelInput): number => (m.rateS * m.cores) / m.cpuS;
